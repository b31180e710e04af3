import 'server-only';
import type { StoredEvent } from '@/lib/events';
import { AppError } from '../errors';
import { docker } from '../sandbox/docker';
import { eventsAfter, getJob } from './store';

/**
 * The layer inspector's data: the built image's history, each entry tied to
 * the learner's Dockerfile step that made it (with its cache hit and time).
 *
 * The classic builder commits one history entry per instruction of the final
 * stage after its FROM (a #(nop) entry for metadata-only steps), and none for
 * FROM itself or earlier stages. So the newest N entries are the final
 * stage's N steps, in reverse; everything older came with the base image.
 */

export type Layer = {
  /** What made the layer, without the builder's `/bin/sh -c #(nop)` noise: `COPY file:… in .`, `RUN pip install …`. */
  createdBy: string;
  sizeBytes: number;
  fromBase: boolean;
  /** The learner's step, when the layer belongs to one. */
  step?: { index: number; instruction: string; line?: number };
  cached?: boolean;
  durationMs?: number;
  comment?: string;
};

export type ImageLayers = { jobId: string; imageId: string; totalBytes: number; layers: Layer[] };

type HistoryEntry = { CreatedBy?: string; Size?: number; Comment?: string };
type StepTiming = { index: number; instruction: string; line?: number; cached: boolean; start: number; durationMs?: number };

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;

export function cleanCreatedBy(createdBy: string): string {
  let text = createdBy.trim();
  if (NOP.test(text)) return text.replace(NOP, '').trim();
  // With build args the builder prefixes `|N NAME=value … ` to a RUN.
  const args = /^\|(\d+) /.exec(text);
  if (args) text = text.slice(args[0].length).split(' ').slice(Number(args[1])).join(' ');
  if (text.startsWith('/bin/sh -c ')) return `RUN ${text.slice('/bin/sh -c '.length)}`;
  return text ? `RUN ${text}` : '';
}

/** Steps in order, each once (a cached step is announced twice), with durations from event times. */
export function stepTimings(events: StoredEvent[]): StepTiming[] {
  const steps = new Map<number, StepTiming>();
  let doneAt: number | undefined;
  for (const event of events) {
    if (event.type === 'done') doneAt = event.time;
    if (event.type !== 'step') continue;
    const known = steps.get(event.index);
    if (known) known.cached ||= event.cached === true;
    else steps.set(event.index, { index: event.index, instruction: event.instruction, line: event.line, cached: event.cached === true, start: event.time });
  }
  const ordered = [...steps.values()].sort((a, b) => a.index - b.index);
  ordered.forEach((step, i) => {
    const end = ordered[i + 1]?.start ?? doneAt;
    if (end !== undefined) step.durationMs = Math.max(0, end - step.start);
  });
  return ordered;
}

export function mapLayers(history: HistoryEntry[], events: StoredEvent[]): { layers: Layer[]; totalBytes: number } {
  const steps = stepTimings(events);
  const lastFrom = steps.findLastIndex((step) => /^from\s/i.test(step.instruction));
  const finalSteps = steps.slice(lastFrom + 1).reverse();
  const layers = history.map((entry, i): Layer => {
    const step = i < finalSteps.length ? finalSteps[i] : undefined;
    return {
      createdBy: cleanCreatedBy(entry.CreatedBy ?? ''),
      sizeBytes: Math.max(0, entry.Size ?? 0),
      fromBase: step === undefined,
      ...(step && {
        step: { index: step.index, instruction: step.instruction, ...(step.line !== undefined && { line: step.line }) },
        cached: step.cached,
        ...(step.durationMs !== undefined && { durationMs: step.durationMs }),
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
  let history: HistoryEntry[];
  try {
    history = (await docker().getImage(imageId).history()) as HistoryEntry[];
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) {
      throw new AppError('not_found', 'The image of this build no longer exists (it was rebuilt or removed). Build again to inspect it.');
    }
    throw err;
  }
  return { jobId, imageId, ...mapLayers(history, eventsAfter(jobId)) };
}
