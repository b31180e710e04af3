/**
 * The typed events a job streams, end to end: the engine decodes Docker's wire
 * format into these, the job log stores them, SSE carries them, the console
 * renders them. The browser never sees Docker's own format.
 */

export type JobKind = 'build' | 'run';
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type FinalState = Extract<JobState, 'succeeded' | 'failed' | 'cancelled'>;

export type StatusEvent = { type: 'status'; state: 'queued' | 'running'; position?: number };
/**
 * One BuildKit vertex (a `#N` block of `docker build --progress=plain`) changed state:
 * `started`, then `done` or `error`; or `cached` alone. The same `n` is announced
 * again for each change; parallel stages interleave.
 */
export type VertexState = 'started' | 'cached' | 'done' | 'error';
export type VertexEvent = {
  type: 'vertex';
  /** The `#N` the console prints: numbered in the order vertices first show up. */
  n: number;
  /** BuildKit's own name, as `docker build` prints it: `[build 2/4] RUN pip install -r requirements.txt`. */
  name: string;
  state: VertexState;
  /** `[build 2/4]` → stage `build`, step 2 of 4 (FROM is step 1); unnamed stages are `stage-N`, a single one has none. */
  stage?: string;
  step?: number;
  steps?: number;
  /** True for a step of the stage the image is made of (the target); false for other stages. */
  final?: boolean;
  /** The learner's own instruction and its 1-based first line in their Dockerfile, when the vertex is a Dockerfile step. */
  instruction?: string;
  line?: number;
  /** `[internal] …` work (loading the context, base image metadata) and exporting the image. */
  internal?: boolean;
  /** The engine's clock (ms since the epoch) when the vertex started; on `done`/`error`, how long it took. */
  startedAt?: number;
  durationMs?: number;
  /** On `error`: the learner-facing explanation (never the engine's raw words). */
  error?: string;
};
/**
 * Output. Build output belongs to a vertex (`vertex` = its `#N`), with `at` = seconds since
 * that vertex started (`#5 0.412 Collecting flask`); without `at` it is a progress note
 * (`#9 writing image sha256:… done`).
 */
export type LogEvent = { type: 'log'; text: string; stream?: 'stdout' | 'stderr' | 'system'; vertex?: number; at?: number };
/** A build warning, as `docker build` prints them at the end (`WARN: …`), with its Dockerfile line when BuildKit gives one. */
export type WarningEvent = { type: 'warning'; message: string; line?: number; url?: string; vertex?: number };
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

export type JobEvent = StatusEvent | VertexEvent | LogEvent | WarningEvent | DoneEvent;
/**
 * An event as stored and streamed: `id` is its 1-based sequence number within the
 * job, `time` when the server published it (ms since the epoch), so step durations
 * survive a replay.
 */
export type StoredEvent = JobEvent & { id: number; time: number };
