/**
 * Base images: only catalog images exist here (nothing can be pulled), and a
 * missing or `latest` tag makes a build change under you. One diagnostic per
 * FROM at most: `base-image-unpinned` when the tag is the problem, otherwise
 * `base-image-not-allowed`.
 */
import { normalizeRef } from '@/lib/image-catalog';
import type { LintContext, Stage } from '../context';
import type { Finding, RuleDef } from '../rule';

type Verdict = { rule: 'unpinned' | 'not-allowed'; finding: Finding };

const repoOf = (ref: string) => ref.slice(0, ref.lastIndexOf(':'));

function judge(ctx: LintContext, stage: Stage, allowed: readonly string[]): Verdict | undefined {
  const image = stage.image;
  const earlier = ctx.stages.slice(0, stage.index);
  if (!image || image.includes('$') || image.toLowerCase() === 'scratch') return undefined;
  if (earlier.some((s) => s.name === image.toLowerCase())) return undefined;
  const normalized = normalizeRef(image);
  const allowedSet = new Set(allowed.map((ref) => normalizeRef(ref) ?? ref));
  const tagWritten = !image.includes('@') && image.lastIndexOf(':') > image.lastIndexOf('/');
  const alternatives = normalized ? allowed.filter((ref) => repoOf(normalizeRef(ref) ?? ref) === repoOf(normalized)) : [];
  const replacement = alternatives.find((ref) => !ref.endsWith(':latest')) ?? alternatives[0];
  const line = stage.from.line;
  const fixTo = (ref: string) => {
    const start = stage.from.argsStart;
    const edits = ctx.spanEdits(stage.from, [{ start, end: start + image.length, text: ref }]);
    return edits && { title: `Use ${ref}`, edits };
  };
  const columns = (() => {
    const text = ctx.line(line);
    const at = text.indexOf(image);
    return at < 0 ? {} : { column: at + 1, endColumn: at + 1 + image.length };
  })();

  const isLatest = normalized !== undefined && normalized.endsWith(':latest');
  if (normalized && allowedSet.has(normalized)) {
    if (tagWritten) return undefined;
    const fix = fixTo(`${image}:latest`);
    return {
      rule: 'unpinned',
      finding: {
        line,
        ...columns,
        message: `"${image}" has no tag, so it means ${normalized}: write the tag explicitly.`,
        ...(fix && { fix }),
      },
    };
  }
  const available = allowed.length ? ` Available here: ${allowed.join(', ')}.` : '';
  const fix = replacement ? fixTo(replacement) : undefined;
  if (isLatest) {
    return {
      rule: 'unpinned',
      finding: {
        line,
        ...columns,
        message: `"${image}" ${tagWritten ? 'uses the latest tag' : 'has no tag (so it means latest)'}, which changes over time: pin a specific version.${available}`,
        ...(fix && { fix }),
      },
    };
  }
  if (allowed.length === 0) return undefined;
  return {
    rule: 'not-allowed',
    finding: {
      line,
      ...columns,
      message: `"${image}" is not one of the base images available here (images can't be downloaded during a build), unless it is an image you built yourself.${available}`,
      ...(fix && { fix }),
    },
  };
}

function findings(which: Verdict['rule']) {
  return (ctx: LintContext, options: { allowedBases: readonly string[] }): Finding[] =>
    ctx.stages.flatMap((stage) => {
      const verdict = judge(ctx, stage, options.allowedBases);
      return verdict?.rule === which ? [verdict.finding] : [];
    });
}

export const baseImageNotAllowed: RuleDef = {
  id: 'base-image-not-allowed',
  title: 'Base image not available here',
  severity: 'warning',
  check: findings('not-allowed'),
};

export const baseImageUnpinned: RuleDef = {
  id: 'base-image-unpinned',
  title: 'Base image without a pinned tag',
  severity: 'warning',
  check: findings('unpinned'),
};
