import { AppError, fromZod } from '@/server/errors';
import { parseBody, route } from '@/server/http';
import { getLesson } from '@/server/lessons';
import { getWorkspace, saveWorkspace, type Workspace } from '@/server/db/workspaces';
import { ensureRoom } from '@/server/ops/storage-quota';
import { learnerFrom } from '@/server/auth/learner';
import { saveWorkspaceSchema, workspaceParamsSchema } from './schema';

type Context = { params: Promise<{ lesson: string }> };

export const dynamic = 'force-dynamic';

async function lessonFrom(context: Context): Promise<string> {
  const parsed = workspaceParamsSchema.safeParse(await context.params);
  if (!parsed.success) throw fromZod(parsed.error, 'lesson');
  if (!(await getLesson(parsed.data.lesson))) throw new AppError('not_found', 'There is no lesson with that name.');
  return parsed.data.lesson;
}

function toJson(w: Workspace) {
  return { files: w.files, tag: w.tag, lastBuildId: w.lastBuildId, lastRunId: w.lastRunId, updatedAt: w.updatedAt };
}

export const GET = route(async (req: Request, context: Context) => {
  const lesson = await lessonFrom(context);
  const workspace = getWorkspace(learnerFrom(req), lesson);
  if (!workspace) throw new AppError('not_found', 'Nothing saved for this lesson yet.');
  return Response.json(toJson(workspace), { headers: { 'cache-control': 'no-store' } });
});

export const PUT = route(async (req: Request, context: Context) => {
  const lesson = await lessonFrom(context);
  const body = await parseBody(req, saveWorkspaceSchema);
  const learner = learnerFrom(req);
  ensureRoom(learner, Buffer.byteLength(JSON.stringify(body.files)), { lesson });
  const saved = saveWorkspace(learner, lesson, body);
  return Response.json(toJson(saved));
});
