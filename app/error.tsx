'use client';

import Link from 'next/link';

/** Shown when a page fails to render; the details are in the server log (digest), not on screen. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="message-page">
      <h1>Something went wrong</h1>
      <p>
        This page could not be shown. Try again; if it keeps happening, tell your teacher
        {error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <div className="message-actions">
        <button type="button" className="btn btn-primary" onClick={reset}>
          Try again
        </button>
        <Link href="/" className="btn">
          Back to the course
        </Link>
      </div>
    </div>
  );
}
