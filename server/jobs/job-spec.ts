import 'server-only';
import { z } from 'zod';
import { fileSchema } from '@/lib/build-context';

/**
 * What a build job stores as its `spec` (jobs.spec, JSON): written once, by
 * `submitBuild`, and read back through this schema by everyone who needs it (lesson
 * checks, the layer inspector, the instructor's heatmap and attempt history). Old
 * builds' files are trimmed to the Dockerfile (`trimOldBuildFiles`), which sets
 * `filesTrimmed`.
 */
export const buildSpecSchema = z.object({
  files: z.array(fileSchema),
  tag: z.string(),
  buildArgs: z.record(z.string(), z.string()).optional(),
  target: z.string().optional(),
  filesTrimmed: z.literal(true).optional(),
});

export type BuildSpec = z.infer<typeof buildSpecSchema>;

/** A stored build spec, or undefined when `spec` is not one (a run's, or damaged). */
export function readBuildSpec(spec: unknown): BuildSpec | undefined {
  const parsed = buildSpecSchema.safeParse(spec);
  return parsed.success ? parsed.data : undefined;
}

/** The Dockerfile a build was made from, if its spec holds one. */
export function buildSpecDockerfile(spec: BuildSpec | undefined): string | undefined {
  return spec?.files.find((f) => f.path === 'Dockerfile')?.content;
}
