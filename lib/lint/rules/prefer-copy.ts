/**
 * ADD also unpacks tar archives and fetches URLs; for plain local files that
 * magic only surprises. COPY says exactly what happens.
 */
import { splitWords } from '@/lib/dockerfile';
import type { RuleDef, Finding } from '../rule';

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tar\.lz|tar\.lzma|gz|bz2|xz)$/i;
const REMOTE = /:\/\/|^git@/i;

export const preferCopy: RuleDef = {
  id: 'prefer-copy',
  title: 'ADD where COPY suffices',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      if (instruction.keyword !== 'ADD' || instruction.heredocs.length) continue;
      const words = instruction.json.kind === 'json' ? instruction.json.values : splitWords(instruction.args).map((w) => w.word);
      const sources = words.slice(0, -1);
      if (sources.length === 0 || sources.some((source) => ARCHIVE.test(source) || REMOTE.test(source) || source.includes('$'))) continue;
      const onlyCopyFlags = instruction.flags.every((flag) => ['chown', 'chmod'].includes(flag.name.toLowerCase()));
      const head = ctx.line(instruction.line);
      const keywordAt = head.search(/\S/);
      const fix =
        onlyCopyFlags && /^add$/i.test(head.slice(keywordAt, keywordAt + 3))
          ? {
              title: 'Use COPY',
              edits: [{ line: instruction.line, newText: `${head.slice(0, keywordAt)}COPY${head.slice(keywordAt + 3)}` }],
            }
          : undefined;
      out.push({
        line: instruction.line,
        ...(instruction.endLine > instruction.line && { endLine: instruction.endLine }),
        column: keywordAt + 1,
        endColumn: keywordAt + 4,
        message: 'ADD copies local files like COPY, but also unpacks archives and fetches URLs. Use COPY when you just copy files.',
        ...(fix && { fix }),
      });
    }
    return out;
  },
};
