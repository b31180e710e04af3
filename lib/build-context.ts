/**
 * The build context a learner sends: `{ files: [{ path, content }] }`.
 *
 * Isomorphic on purpose: the editor shows the same errors inline that the
 * server enforces, so the two can never disagree. The server tars these files
 * for the engine, so every path must be one tar entry inside the context —
 * nothing that could escape it, collide with another entry, or confuse a tar
 * reader.
 */
import { z } from 'zod';

export const MAX_FILES = 64;
export const MAX_FILE_BYTES = 256 * 1024;
export const MAX_TOTAL_BYTES = 2 * 1024 * 1024;
export const MAX_PATH_LENGTH = 200;
/** The legacy builder reads exactly this file at the root of the context. */
export const DOCKERFILE_PATH = 'Dockerfile';

/** UTF-8 length without allocating (the limits are about bytes on the wire and in the tar). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3; // lone surrogate: encoded as U+FFFD
    } else bytes += 3;
  }
  return bytes;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

// C0, DEL and C1 controls: invisible in the editor, dangerous in terminals and tar headers.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** Why `path` is not an acceptable context path, or undefined when it is. */
export function validatePath(path: string): string | undefined {
  if (path.length === 0) return 'must not be empty';
  if (path.length > MAX_PATH_LENGTH) return `must be at most ${MAX_PATH_LENGTH} characters long`;
  if (CONTROL_CHARS.test(path)) return 'must not contain control characters';
  if (path.includes('\\')) return 'must use "/" between folders, not "\\"';
  if (path.startsWith('/')) return 'must be relative (no leading "/")';
  const segments = path.split('/');
  if (segments.includes('..')) return 'must not contain ".."';
  if (segments.includes('.')) return 'must not contain "." as a folder';
  if (path.endsWith('/')) return 'must not end with "/"';
  if (segments.includes('')) return 'must not contain an empty folder name ("//")';
  return undefined;
}

export const fileSchema = z
  .object({
    path: z.string().superRefine((path, ctx) => {
      const problem = validatePath(path);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    content: z.string().superRefine((content, ctx) => {
      if (content.length > MAX_FILE_BYTES || utf8Length(content) > MAX_FILE_BYTES) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${formatBytes(MAX_FILE_BYTES)}` });
      }
    }),
  })
  .strict();

export type ContextFile = z.infer<typeof fileSchema>;

export const buildContextSchema = z
  .array(fileSchema)
  .max(MAX_FILES, `at most ${MAX_FILES} files`)
  .superRefine((files, ctx) => {
    let total = 0;
    const seen = new Map<string, number>();
    files.forEach((file, index) => {
      total += utf8Length(file.content);
      const first = seen.get(file.path);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: [index, 'path'], message: `duplicates files[${first}].path ("${file.path}")` });
      } else seen.set(file.path, index);
    });
    if (total > MAX_TOTAL_BYTES) {
      ctx.addIssue({ code: 'custom', message: `all files together must be at most ${formatBytes(MAX_TOTAL_BYTES)}` });
    }
    // A path that is also a folder of another path can't be both in one tar.
    files.forEach((file, index) => {
      const segments = file.path.split('/');
      for (let n = 1; n < segments.length; n++) {
        const folder = segments.slice(0, n).join('/');
        const other = seen.get(folder);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'path'],
            message: `uses "${folder}" as a folder, but files[${other}] is a file with that name`,
          });
          break;
        }
      }
    });
    if (!seen.has(DOCKERFILE_PATH)) {
      ctx.addIssue({ code: 'custom', message: `a file named exactly "${DOCKERFILE_PATH}" is required at the top level` });
    }
  });

export type BuildContext = z.infer<typeof buildContextSchema>;

/**
 * One line per problem, naming the field: `files[3].path: must not contain ".."`.
 * `root` is the name of the field holding the files array in the request body.
 */
export function describeIssues(error: z.ZodError, root = 'files'): string[] {
  return error.issues.map((issue) => {
    let field = root;
    for (const key of issue.path) field += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
    return `${field}: ${issue.message}`;
  });
}
