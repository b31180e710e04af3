import Link from 'next/link';

type Summary = { slug: string; title: string };

export function LessonNav({ prev, next }: { prev?: Summary; next?: Summary }) {
  return (
    <nav className="lesson-nav" aria-label="Lessons">
      {prev ? (
        <Link href={`/lessons/${prev.slug}`} className="lesson-nav-link" rel="prev">
          <span className="lesson-nav-dir">← Previous</span>
          <span className="lesson-nav-title">{prev.title}</span>
        </Link>
      ) : (
        <Link href="/" className="lesson-nav-link">
          <span className="lesson-nav-dir">← Course</span>
          <span className="lesson-nav-title">All lessons</span>
        </Link>
      )}
      {next ? (
        <Link href={`/lessons/${next.slug}`} className="lesson-nav-link lesson-nav-next" rel="next">
          <span className="lesson-nav-dir">Next →</span>
          <span className="lesson-nav-title">{next.title}</span>
        </Link>
      ) : (
        <Link href="/" className="lesson-nav-link lesson-nav-next">
          <span className="lesson-nav-dir">Done →</span>
          <span className="lesson-nav-title">Back to the course</span>
        </Link>
      )}
    </nav>
  );
}
