import 'server-only';
import type { JobKind } from '@/lib/events';
import { jobIdSchema } from '@/lib/job-id';
import { AppError } from '../errors';
import { route } from '../http';
import { currentLearner } from '../session';
import { jobSystem } from './job-system';
import { jobEventsResponse } from './job-events-response';
import { getJob } from './store';

/** The per-job handlers shared by /api/builds/:id and /api/runs/:id. */

type Ctx = { params: Promise<{ id: string }> };

async function ownJob(kind: JobKind, ctx: Ctx) {
  const { id } = await ctx.params;
  const learner = await currentLearner();
  const job = jobIdSchema.safeParse(id).success ? getJob(id, learner) : undefined;
  // Another learner's job looks exactly like a missing one.
  if (!job || job.kind !== kind) throw new AppError('not_found', `No ${kind} with id ${id}.`);
  return { job, learner };
}

export function jobRoutes(kind: JobKind) {
  return {
    GET: route(async (_req: Request, ctx: Ctx) => {
      const { job } = await ownJob(kind, ctx);
      return Response.json({
        id: job.id,
        kind: job.kind,
        state: job.state,
        tag: job.tag,
        lesson: job.lesson,
        createdAt: job.createdAt,
        startedAt: job.startedAt,
        finishedAt: job.finishedAt,
        done: job.done,
      });
    }),
    DELETE: route(async (_req: Request, ctx: Ctx) => {
      const { job, learner } = await ownJob(kind, ctx);
      const state = jobSystem().cancel(job.id, learner, kind);
      return Response.json({ id: job.id, state }, { status: 202 });
    }),
  };
}

export function eventRoutes(kind: JobKind) {
  return {
    GET: route(async (req: Request, ctx: Ctx) => {
      const { job } = await ownJob(kind, ctx);
      return jobEventsResponse(job.id, req);
    }),
  };
}
