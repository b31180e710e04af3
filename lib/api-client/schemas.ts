/**
 * What the API answers, parsed at the browser's boundary (docs/api.md).
 * Lenient where the page does not read a field (`.loose()` keeps extra keys).
 */
import { z } from 'zod';

export const fileSchema = z.object({ path: z.string(), content: z.string() });
export type ApiFile = z.infer<typeof fileSchema>;

export const jobStartedSchema = z.object({ id: z.string() }).loose();
export const jobCancelledSchema = z.object({ state: z.string() }).loose();
export const workspaceSchema = z
  .object({ files: z.array(fileSchema), tag: z.string(), lastBuildId: z.string().optional(), lastRunId: z.string().optional() })
  .loose();

export const classStatusSchema = z.object({
  class: z.object({ id: z.string(), name: z.string(), displayName: z.string(), visibleLessons: z.array(z.string()).optional() }).optional(),
  buildsPaused: z.boolean(),
  reason: z.string().optional(),
});
export type ClassStatus = z.infer<typeof classStatusSchema>;

export const checkResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  message: z.string().optional(),
  hint: z.string().optional(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;
export const checkAnswerSchema = z.object({ results: z.array(checkResultSchema), allPassed: z.boolean() });
export const solutionSchema = z.object({ files: z.array(fileSchema) });

export const layerSchema = z.object({
  createdBy: z.string(),
  sizeBytes: z.number().nonnegative(),
  fromBase: z.boolean(),
  step: z.object({ index: z.number().optional(), instruction: z.string(), line: z.number().optional() }).optional(),
  cached: z.boolean().optional(),
  durationMs: z.number().optional(),
  comment: z.string().optional(),
});
export const imageLayersSchema = z.object({
  jobId: z.string(),
  imageId: z.string(),
  totalBytes: z.number().nonnegative(),
  layers: z.array(layerSchema),
});
export const ruleDocSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  markdown: z.string(),
});
export type Layer = z.infer<typeof layerSchema>;
export type ImageLayers = z.infer<typeof imageLayersSchema>;
export type RuleDoc = z.infer<typeof ruleDocSchema>;

// Instructor

export const classRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    code: z.string(),
    createdAt: z.number(),
    visibleLessons: z.array(z.string()).optional(),
    maxConcurrentBuilds: z.number().optional(),
    buildsPaused: z.boolean(),
    pauseReason: z.string().optional(),
  })
  .loose();

const cellSchema = z.object({ state: z.enum(['not_started', 'in_progress', 'checks_failed', 'done']), at: z.number().optional() });

export const heatmapSchema = z.object({
  learners: z.number(),
  lessons: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      learnersChecked: z.number(),
      learnersBuilt: z.number(),
      checks: z.array(
        z.object({ id: z.string(), title: z.string(), learnersFailed: z.number(), stillFailing: z.number(), failures: z.number() }),
      ),
      rules: z.array(z.object({ ruleId: z.string(), title: z.string(), severity: z.string(), learners: z.number() })),
    }),
  ),
});

export const learnerLessonSchema = z.object({
  learner: z.string(),
  displayName: z.string(),
  lesson: z.string(),
  cell: cellSchema,
  files: z.array(fileSchema),
  tag: z.string().optional(),
  updatedAt: z.number().optional(),
  lastBuild: z.object({ id: z.string(), state: z.string(), log: z.string() }).optional(),
  terminal: z.array(z.object({ line: z.string(), exitCode: z.number().optional(), createdAt: z.number() })).default([]),
  attempts: z.array(
    z.object({
      id: z.string(),
      state: z.string(),
      createdAt: z.number(),
      finishedAt: z.number().optional(),
      durationMs: z.number().optional(),
      error: z.string().optional(),
      errorLine: z.number().optional(),
      dockerfile: z.string(),
    }),
  ),
});

export const imagesOverviewSchema = z.object({
  images: z.array(
    z.object({
      ref: z.string(),
      present: z.boolean(),
      standIn: z.boolean(),
      sizeBytes: z.number().optional(),
      /** "stand-in built from Debian packages: Python 3.13.5", or the official digest. */
      note: z.string().optional(),
      /** A legacy name of this catalog image. */
      aliasOf: z.string().optional(),
      lessons: z.array(z.string()),
    }),
  ),
  warmup: z.object({ running: z.boolean(), lines: z.array(z.string()), error: z.string().optional(), finishedAt: z.number().optional() }),
});
export type ImagesOverview = z.infer<typeof imagesOverviewSchema>;

export const createdClassSchema = z.object({ id: z.string() }).loose();
export const loginAnswerSchema = z.object({ csrfToken: z.string() }).loose();
export const joinAnswerSchema = z.object({ class: z.object({ id: z.string(), name: z.string() }), displayName: z.string() });
/** For answers the page does not read (204s, acknowledgements). */
export const ignoredSchema = z.unknown();
