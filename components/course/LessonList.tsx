import Link from 'next/link';

export type LessonStatus = 'not_started' | 'in_progress' | 'done';
const STATUS_LABEL: Record<LessonStatus, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' };

type Item = { slug: string; order: number; title: string; description: string; status: LessonStatus };

/** The course, in order, with the learner's progress on each lesson. */
export function LessonList({ lessons }: { lessons: Item[] }) {
  if (lessons.length === 0)
    return (
      <p className="muted">
        No lessons yet. Add one under <code>lessons/</code>.
      </p>
    );
  return (
    <ol className="lesson-list">
      {lessons.map((l, i) => (
        <li key={l.slug}>
          <Link href={`/lessons/${l.slug}`} className="lesson-card" data-status={l.status}>
            <span className="lesson-card-number" aria-hidden="true">
              {l.status === 'done' ? '✓' : i + 1}
            </span>
            <span className="lesson-card-body">
              <span className="lesson-card-title">{l.title}</span>
              <span className="lesson-card-description">{l.description}</span>
            </span>
            <span className="status-pill" data-status={l.status}>
              {STATUS_LABEL[l.status]}
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
