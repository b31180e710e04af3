/**
 * A package list written one-per-line is easier to review and to diff, and
 * duplicates stand out, when it is sorted. Only multi-line lists count.
 */
import type { RuleDef, Finding } from '../rule';
import { findInstall } from '../installers';

const key = (name: string) => name.toLowerCase();

export const sortPackageList: RuleDef = {
  id: 'sort-package-list',
  title: 'Multi-line package list not sorted',
  severity: 'info',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      if (instruction.keyword !== 'RUN' || instruction.endLine === instruction.line) continue;
      const { commands, base } = ctx.commands(instruction);
      if (base === undefined) continue;
      for (const command of commands) {
        const install = findInstall(command);
        if (!install || !['apt', 'pip', 'apk'].includes(install.tool) || install.packages.length < 2) continue;
        const places = install.packages.map((word) => ctx.locate(instruction, base + word.start, base + word.end));
        const lines = new Set(places.map((place) => place?.line));
        if (lines.size < 2) continue;
        const names = install.packages.map((word) => word.text);
        const keys = install.packages.map((word) => key(word.text));
        const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
        const sorted = order.map((i) => install.packages[i]);
        if (sorted.every((word, i) => word === install.packages[i])) continue;
        const firstOut = names.findIndex((name, i) => i > 0 && key(names[i - 1]) > key(name));
        const raw = (word: (typeof sorted)[number]) => instruction.original.slice(base + word.start, base + word.end);
        const edits = places.every(Boolean)
          ? ctx.spanEdits(
              instruction,
              install.packages.map((word, i) => ({ start: base + word.start, end: base + word.end, text: raw(sorted[i]) })),
            )
          : undefined;
        out.push({
          line: places[firstOut]?.line ?? instruction.line,
          ...(places[firstOut] && { column: places[firstOut]!.column, endColumn: places[firstOut]!.endColumn }),
          message: `Sort the packages alphabetically: "${names[firstOut]}" should come before "${names[firstOut - 1]}". Sorted lists are easier to review and show duplicates.`,
          ...(edits && { fix: { title: 'Sort the packages', edits } }),
        });
      }
    }
    return out;
  },
};
