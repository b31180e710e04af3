import 'server-only';
import { AppError } from '../errors';
import { getLesson } from './index';

/** A build or run may name its lesson; one that does not exist is refused (400 naming the field) and nothing is stored. */
export async function requireKnownLesson(slug: string | undefined) {
  if (slug === undefined || (await getLesson(slug))) return;
  throw new AppError('invalid_request', `Invalid request: lesson: there is no lesson named "${slug}".`, [
    { path: 'lesson', message: `there is no lesson named "${slug}"` },
  ]);
}
