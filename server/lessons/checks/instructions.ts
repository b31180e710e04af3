import 'server-only';
import { parseDockerfile } from '@/lib/dockerfile';

/**
 * The Dockerfile as the checks see it: one entry per instruction, with the
 * keyword upper-cased, the arguments as one line of text (flags first, as
 * written, so a pattern can look for `--from=build`), the 1-based line it
 * starts on and the build stage it belongs to (0 = first FROM).
 *
 * Learner text is capped so a pattern from a lesson never runs against
 * megabytes of input.
 */
export type CheckedInstruction = { keyword: string; text: string; line: number; stage: number };

export const MAX_INSTRUCTION_TEXT = 4096;
const MAX_DOCKERFILE = 256 * 1024;

export function readInstructions(dockerfile: string): CheckedInstruction[] {
  let stage = -1;
  return parseDockerfile(dockerfile.slice(0, MAX_DOCKERFILE)).instructions.map((i) => {
    if (i.keyword === 'FROM') stage++;
    const flags = i.flags.map((f) => i.original.slice(f.start, f.end));
    return {
      keyword: i.keyword,
      text: [...flags, i.args].join(' ').replace(/\s+/g, ' ').trim().slice(0, MAX_INSTRUCTION_TEXT),
      line: i.line,
      stage: Math.max(stage, 0),
    };
  });
}

/** The image reference of a FROM (`FROM --platform=x python:3.13-slim AS build` → `python:3.13-slim`). */
export function fromImage(text: string): string {
  return text.split(' ').filter((w) => !w.startsWith('--'))[0] ?? '';
}
