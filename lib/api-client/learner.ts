/** The learner's calls: builds, runs, workspaces, checks, the coach's panels, the class status. */
import { request } from './request';
import * as s from './schemas';

type JobKind = 'build' | 'run';
const enc = encodeURIComponent;

export const startBuild = (body: { files: s.ApiFile[]; tag: string; lesson: string }) =>
  request('POST', '/api/builds', { body, schema: s.jobStartedSchema });

export const startRun = (body: {
  image: string;
  command?: string[];
  env?: Record<string, string>;
  entrypoint?: string;
  user?: string;
  workdir?: string;
  lesson: string;
}) => request('POST', '/api/runs', { body, schema: s.jobStartedSchema });

export const cancelJob = (kind: JobKind, id: string) => request('DELETE', `/api/${kind}s/${enc(id)}`, { schema: s.jobCancelledSchema });

export const jobEventsUrl = (kind: JobKind, id: string) => `/api/${kind}s/${enc(id)}/events`;

export const saveWorkspace = (lesson: string, body: { files: s.ApiFile[]; tag: string }, keepalive = false) =>
  request('PUT', `/api/workspaces/${enc(lesson)}`, { body, keepalive, schema: s.workspaceSchema });

export const checkLesson = (slug: string, buildId: string) =>
  request('POST', `/api/lessons/${enc(slug)}/check`, { body: { buildId }, schema: s.checkAnswerSchema });

export const lessonSolution = (slug: string) => request('GET', `/api/lessons/${enc(slug)}/solution`, { schema: s.solutionSchema });

export const buildLayers = (jobId: string) => request('GET', `/api/builds/${enc(jobId)}/layers`, { schema: s.imageLayersSchema });

export const ruleDoc = (id: string) => request('GET', `/api/rules/${enc(id)}`, { schema: s.ruleDocSchema });

export const joinClass = (body: { code: string; displayName: string }) =>
  request('POST', '/api/join', { body, schema: s.joinAnswerSchema });

/** Live class status (SSE `status` events with classStatus()'s answer). */
export const classEventsUrl = '/api/me/events';
