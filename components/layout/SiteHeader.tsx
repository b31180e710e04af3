import Link from 'next/link';

export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/" className="brand" aria-label="Layerlab home">
        <svg className="brand-mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 3 2 8l10 5 10-5z" fill="currentColor" opacity=".95" />
          <path d="m2 12 10 5 10-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" opacity=".7" />
          <path d="m2 16 10 5 10-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" opacity=".45" />
        </svg>
        <span>Layerlab</span>
      </Link>
      <nav aria-label="Site">
        <Link href="/" className="site-nav-link">
          Course
        </Link>
      </nav>
    </header>
  );
}
