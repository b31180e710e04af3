import { IssueList, displayPath, type Issue } from '../lesson/LessonProblems';

type Broken = { slug: string; dir: string; issues: Issue[] };

/** Lessons that failed to load are left out of the list; this says which and why, so nobody wonders where they went. */
export function BrokenLessonsNotice({ broken }: { broken: Broken[] }) {
  if (broken.length === 0) return null;
  const count = broken.length === 1 ? 'One lesson' : `${broken.length} lessons`;
  return (
    <section className="notice notice-warn" aria-labelledby="broken-lessons" data-testid="broken-lessons">
      <h3 id="broken-lessons" className="notice-title">
        {count} could not be loaded
      </h3>
      <p className="notice-text">
        {broken.length === 1 ? 'It has' : 'They have'} mistakes in {broken.length === 1 ? 'its' : 'their'} files and{' '}
        {broken.length === 1 ? 'is' : 'are'} not listed below. The details are for the course’s author.
      </p>
      <details className="notice-details">
        <summary>Show the details</summary>
        {broken.map((b) => (
          <div key={b.dir} className="notice-lesson">
            <h4>
              <code>{displayPath(b.dir)}</code>
            </h4>
            <IssueList issues={b.issues} />
          </div>
        ))}
      </details>
    </section>
  );
}
