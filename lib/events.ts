/**
 * The typed events a job streams, end to end: the engine decodes Docker's wire
 * format into these, the job log stores them, SSE carries them, the console
 * renders them. The browser never sees Docker's own format.
 */

export type JobKind = 'build' | 'run';
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type FinalState = Extract<JobState, 'succeeded' | 'failed' | 'cancelled'>;

export type StatusEvent = { type: 'status'; state: 'queued' | 'running'; position?: number };
/** A Dockerfile step begins: `Step 3/6 : COPY . .` (line is 1-based in the learner's Dockerfile). */
export type StepEvent = { type: 'step'; index: number; total: number; instruction: string; line?: number; cached?: boolean };
export type LogEvent = { type: 'log'; text: string; stream?: 'stdout' | 'stderr' | 'system' };
export type DoneEvent = {
  type: 'done';
  state: FinalState;
  durationMs: number;
  /** build */
  imageId?: string;
  tag?: string;
  sizeBytes?: number;
  /** run */
  exitCode?: number;
  error?: { code: string; message: string; line?: number };
};

export type JobEvent = StatusEvent | StepEvent | LogEvent | DoneEvent;
/**
 * An event as stored and streamed: `id` is its 1-based sequence number within the
 * job, `time` when the server published it (ms since the epoch), so step durations
 * survive a replay.
 */
export type StoredEvent = JobEvent & { id: number; time: number };
