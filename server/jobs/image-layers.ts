import 'server-only';
import { parseDockerfile } from '@/lib/dockerfile';
import type { StoredEvent, VertexEvent } from '@/lib/events';
import { AppError } from '../errors';
import { imageHistory } from '../sandbox/engine-images';
import { buildSpecDockerfile, readBuildSpec } from './job-spec';
import { eventsAfter, getJob } from './store';

/**
 * The layer inspector's data: the built image's history, each entry tied to
 * the learner's Dockerfile step that made it (with its cache hit and time).
 *
 * BuildKit commits one history entry per instruction of the final (target) stage
 * after its FROM — metadata-only ones (ENV, CMD, ARG…) as empty entries — except
 * ONBUILD, which makes none (verified on Docker 26.1). So the newest N entries are
 * those N instructions, in reverse; everything older came with the base image (or
 * the stage it builds on). Cache hits and times come from the build's vertex events.
 */

export type Layer = {
  /** What made the layer, without BuildKit's noise: `COPY app.txt .`, `RUN pip install …`. */
  createdBy: string;
  sizeBytes: number;
  fromBase: boolean;
  /** The learner's step, when the layer belongs to one; `index` is its `#N` in the build output when it ran as a step. */
  step?: { index?: number; instruction: string; line?: number };
  cached?: boolean;
  durationMs?: number;
  comment?: string;
};

export type ImageLayers = { jobId: string; imageId: string; totalBytes: number; layers: Layer[] };
/** One instruction of the final stage after its FROM, as the learner wrote it. */
export type FinalStep = { line: number; instruction: string };

type HistoryEntry = { CreatedBy?: string; Size?: number; Comment?: string };

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;

export function cleanCreatedBy(createdBy: string): string {
  let text = createdBy.trim().replace(/\s*# buildkit$/, '');
  if (NOP.test(text)) return text.replace(NOP, '').trim();
  if (!text.startsWith('RUN ')) return text;
  text = text.slice('RUN '.length);
  // With build args BuildKit records `|N NAME=value … ` before the command.
  const args = /^\|(\d+) /.exec(text);
  if (args) text = text.slice(args[0].length).split(' ').slice(Number(args[1])).join(' ');
  return `RUN ${text.replace(/^\/bin\/sh -c /, '')}`;
}

/** The final stage's instructions after its FROM that make a history entry; the target stage with `target`. */
export function finalStageSteps(dockerfile: string, target?: string): FinalStep[] {
  const stages: { name?: string; steps: FinalStep[] }[] = [];
  for (const instruction of parseDockerfile(dockerfile).instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/);
      stages.push({ name: words[1]?.toLowerCase() === 'as' ? words[2]?.toLowerCase() : undefined, steps: [] });
    } else if (instruction.keyword !== 'ONBUILD') {
      stages.at(-1)?.steps.push({ line: instruction.line, instruction: instruction.original.trim() });
    }
  }
  const wanted = target?.toLowerCase();
  const stage = wanted
    ? (stages.find((s) => s.name === wanted) ?? stages[Number(/^stage-(\d+)$/.exec(wanted)?.[1] ?? NaN)])
    : stages.at(-1);
  return stage?.steps ?? [];
}

export function mapLayers(history: HistoryEntry[], events: StoredEvent[], steps: FinalStep[]): { layers: Layer[]; totalBytes: number } {
  // The last word on each Dockerfile line's vertex (cached, or its duration when done).
  const vertices = new Map<number, VertexEvent>();
  for (const event of events)
    if (event.type === 'vertex' && event.line !== undefined && (event.final ?? true)) vertices.set(event.line, event);
  const newestFirst = [...steps].reverse();
  const layers = history.map((entry, i): Layer => {
    const step = i < newestFirst.length ? newestFirst[i] : undefined;
    const vertex = step && vertices.get(step.line);
    return {
      createdBy: cleanCreatedBy(entry.CreatedBy ?? ''),
      sizeBytes: Math.max(0, entry.Size ?? 0),
      fromBase: step === undefined,
      ...(step && {
        step: { ...(vertex && { index: vertex.n }), instruction: step.instruction, line: step.line },
        // Metadata-only steps (ENV, CMD…) are no BuildKit step: never "cached", no time of their own.
        cached: vertex?.state === 'cached',
        ...(vertex?.durationMs !== undefined ? { durationMs: vertex.durationMs } : vertex?.state === 'cached' ? { durationMs: 0 } : {}),
      }),
      ...(entry.Comment && { comment: entry.Comment }),
    };
  });
  // Oldest first, like the Dockerfile reads.
  layers.reverse();
  return { layers, totalBytes: layers.reduce((sum, layer) => sum + layer.sizeBytes, 0) };
}

export async function imageLayers(jobId: string, learner: string): Promise<ImageLayers> {
  const job = getJob(jobId, learner);
  if (!job || job.kind !== 'build') throw new AppError('not_found', `No build with id ${jobId}.`);
  const imageId = job.done?.imageId;
  if (job.state !== 'succeeded' || !imageId) throw new AppError('conflict', 'Layers can be shown once the build has succeeded.');
  const history: HistoryEntry[] | undefined = await imageHistory(imageId);
  if (!history) {
    throw new AppError('not_found', 'The image of this build no longer exists (it was rebuilt or removed). Build again to inspect it.');
  }
  const spec = readBuildSpec(job.spec);
  const dockerfile = buildSpecDockerfile(spec) ?? '';
  return { jobId, imageId, ...mapLayers(history, eventsAfter(jobId), finalStageSteps(dockerfile, spec?.target)) };
}
