import Link from 'next/link';
import path from 'node:path';

export type Issue = { file: string; field?: string; line?: number; message: string };

/** Paths relative to the app folder read better (and say less about the server) than absolute ones. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** One lesson's content problems, each with the file, line and field an author must fix. */
export function IssueList({ issues }: { issues: Issue[] }) {
  return (
    <ul className="issue-list">
      {issues.map((i, n) => (
        <li key={n} className="issue">
          <code className="issue-where">
            {displayPath(i.file)}
            {i.line ? `:${i.line}` : ''}
          </code>
          {i.field && (
            <span className="issue-field">
              field <code>{i.field}</code>
            </span>
          )}
          <span className="issue-message">{i.message}</span>
        </li>
      ))}
    </ul>
  );
}

/** In place of a lesson whose files do not load: what is wrong and where, never a blank page. */
export function LessonProblems({ slug, issues }: { slug: string; issues: Issue[] }) {
  return (
    <div className="message-page message-page-wide" data-testid="lesson-problems">
      <h1>This lesson cannot be shown</h1>
      <p>
        The lesson <code>{slug}</code> has {issues.length === 1 ? 'a mistake' : `${issues.length} mistakes`} in its files, so it was left
        out of the course. The other lessons work as usual. If you are learning, tell your teacher; if you wrote it, fix the following and
        reload:
      </p>
      <IssueList issues={issues} />
      <div className="message-actions">
        <a href={`/lessons/${slug}`} className="btn btn-primary">
          Reload
        </a>
        <Link href="/" className="btn">
          Back to the course
        </Link>
      </div>
    </div>
  );
}
