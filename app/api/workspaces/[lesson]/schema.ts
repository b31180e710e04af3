import { z } from 'zod';
import { fileSchema, MAX_FILES, MAX_TOTAL_BYTES, utf8Length } from '@/lib/build-context';
import { MAX_LEARNER_TAG_LENGTH } from '@/lib/image-ref';
import { lessonSlugSchema } from '@/lib/lesson-slug';

export const workspaceParamsSchema = z.object({ lesson: lessonSlugSchema });

/**
 * A saved workspace is a draft: the learner may be midway through renaming a
 * file or typing a tag, so unlike a build it may lack a Dockerfile or carry an
 * unfinished tag. Paths and sizes still follow the build context's rules, so
 * whatever is restored can be built once it is complete.
 */
export const saveWorkspaceSchema = z
  .object({
    files: z
      .array(fileSchema)
      .max(MAX_FILES, `at most ${MAX_FILES} files`)
      .superRefine((files, ctx) => {
        const seen = new Set<string>();
        files.forEach((f, i) => {
          if (seen.has(f.path)) ctx.addIssue({ code: 'custom', path: [i, 'path'], message: `"${f.path}" appears twice` });
          seen.add(f.path);
        });
        const total = files.reduce((n, f) => n + utf8Length(f.content), 0);
        if (total > MAX_TOTAL_BYTES) ctx.addIssue({ code: 'custom', message: 'the files are too large together' });
      }),
    tag: z
      .string()
      .max(MAX_LEARNER_TAG_LENGTH)
      .refine((t) => !/[\u0000-\u001f\u007f]/.test(t), 'must not contain control characters'),
  })
  .strict();

export type SaveWorkspace = z.infer<typeof saveWorkspaceSchema>;
