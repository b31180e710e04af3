/** The instructor's calls; each change carries the session's CSRF token. */
import { ApiError } from './api-error';
import { request, type RequestOptions } from './request';
import * as s from './schemas';

type Method = Parameters<typeof request>[0];

/** An expired session sends the instructor back to the sign-in page. */
async function call<T>(method: Method, url: string, opts: RequestOptions<T>): Promise<T> {
  try {
    return await request(method, url, opts);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && typeof window !== 'undefined') window.location.assign('/instructor/login');
    throw err;
  }
}

const enc = encodeURIComponent;

export const login = (password: string) => request('POST', '/api/instructor/login', { body: { password }, schema: s.loginAnswerSchema });
export const logout = (csrf: string) => call('POST', '/api/instructor/logout', { csrf, schema: s.ignoredSchema });

export const createClass = (csrf: string, name: string) =>
  call('POST', '/api/classes', { csrf, body: { name }, schema: s.createdClassSchema });

export type ClassPatch = {
  buildsPaused?: boolean;
  pauseReason?: string | null;
  maxConcurrentBuilds?: number | null;
  visibleLessons?: string[] | null;
};
export const updateClass = (csrf: string, id: string, patch: ClassPatch) =>
  call('PATCH', `/api/classes/${enc(id)}`, { csrf, body: patch, schema: s.classRecordSchema });

export const classHeatmap = (csrf: string, id: string) => call('GET', `/api/classes/${enc(id)}/heatmap`, { csrf, schema: s.heatmapSchema });

export const learnerLesson = (csrf: string, id: string, learner: string, lesson: string) =>
  call('GET', `/api/classes/${enc(id)}/learners/${enc(learner)}?lesson=${enc(lesson)}`, { csrf, schema: s.learnerLessonSchema });

export const resetLearnerLesson = (csrf: string, id: string, learner: string, lesson: string) =>
  call('POST', `/api/classes/${enc(id)}/learners/${enc(learner)}/reset`, { csrf, body: { lesson }, schema: s.ignoredSchema });

export const imagesOverview = (csrf: string) => call('GET', '/api/instructor/images', { csrf, schema: s.imagesOverviewSchema });
export const warmImages = (csrf: string, refs: string[]) =>
  call('POST', '/api/instructor/images', { csrf, body: { refs }, schema: s.ignoredSchema });
