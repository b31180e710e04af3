/**
 * Docker's own build checks (BuildKit's linter, printed by `docker build` as
 * `WARN: <Name>: …`), under Docker's names, so what the coach says here is
 * what a learner's own `docker build` says on their laptop. They read the
 * typed instruction layer (lib/dockerfile).
 */
import { readDockerfile, splitWords, type EnvCommand } from '@/lib/dockerfile';
import type { Finding, RuleDef } from '../rule';

/** Quotes a legacy-form value so that `KEY=value` means the same (spaces kept). */
function quoted(value: string): string {
  return /^[A-Za-z0-9_./:@%+,-]*$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

export const legacyKeyValueFormat: RuleDef = {
  id: 'LegacyKeyValueFormat',
  title: 'Legacy "ENV key value" format',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const command of readDockerfile(ctx.parsed).commands) {
      if ((command.kind !== 'ENV' && command.kind !== 'LABEL') || !command.legacyForm) continue;
      const { instruction } = command as EnvCommand;
      const [pair] = (command as EnvCommand).pairs;
      if (!pair) continue;
      const text = `${pair.key}=${quoted(pair.value)}`;
      const edits = ctx.spanEdits(instruction, [
        { start: instruction.argsStart, end: instruction.argsStart + instruction.args.length, text },
      ]);
      out.push({
        line: instruction.line,
        message: `"${instruction.keyword} key=value" should be used instead of legacy "${instruction.keyword} key value" format: write ${instruction.keyword} ${text}. (Docker's build check LegacyKeyValueFormat)`,
        ...(edits && { fix: { title: `Use ${instruction.keyword} ${text.length > 40 ? 'key=value' : text}`, edits } }),
      });
    }
    return out;
  },
};

export const fromAsCasing: RuleDef = {
  id: 'FromAsCasing',
  title: "'as' and 'FROM' keywords' casing do not match",
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      const words = splitWords(stage.from.args);
      if (words.length !== 3) continue;
      const from = stage.from.original.trim().split(/[\t\v\f\r ]+/)[0];
      const as = words[1].word;
      const upper = (w: string) => w === w.toUpperCase();
      const lower = (w: string) => w === w.toLowerCase();
      if ((upper(from) && lower(as)) || (lower(from) && upper(as))) {
        const wanted = upper(from) ? 'AS' : 'as';
        const start = stage.from.argsStart + words[1].start;
        const edits = ctx.spanEdits(stage.from, [{ start, end: start + 2, text: wanted }]);
        out.push({
          line: stage.from.line,
          message: `'${as}' and '${from}' keywords' casing do not match: write ${from} … ${wanted} …. (Docker's build check FromAsCasing)`,
          ...(edits && { fix: { title: `Write ${wanted}`, edits } }),
        });
      }
    }
    return out;
  },
};

export const stageNameCasing: RuleDef = {
  id: 'StageNameCasing',
  title: 'Stage name should be lowercase',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      const words = splitWords(stage.from.args);
      if (words.length !== 3 || words[2].word === words[2].word.toLowerCase()) continue;
      out.push({
        line: stage.from.line,
        message: `Stage name '${words[2].word}' should be lowercase (Docker compares stage names in lower case anyway). (Docker's build check StageNameCasing)`,
      });
    }
    return out;
  },
};

export const noEmptyContinuation: RuleDef = {
  id: 'NoEmptyContinuation',
  title: 'Empty continuation line',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      for (const line of instruction.emptyContinuationLines) {
        out.push({
          line,
          message: `Empty continuation line inside the ${instruction.keyword} that starts on line ${instruction.line}: Docker skips it, and says empty continuation lines will become errors. Remove it, or end the instruction on the line above. (Docker's build check NoEmptyContinuation)`,
        });
      }
    }
    return out;
  },
};

export const maintainerDeprecated: RuleDef = {
  id: 'MaintainerDeprecated',
  title: 'MAINTAINER is deprecated',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      if (instruction.keyword !== 'MAINTAINER') continue;
      const text = `LABEL org.opencontainers.image.authors=${quoted(instruction.args)}`;
      out.push({
        line: instruction.line,
        message: `The MAINTAINER instruction is deprecated, use a label instead to define an image author: ${text}. (Docker's build check MaintainerDeprecated)`,
        ...(instruction.endLine === instruction.line && {
          fix: { title: 'Use a LABEL', edits: [{ line: instruction.line, newText: text }] },
        }),
      });
    }
    return out;
  },
};

// Variables every image (or the build) defines: not "undefined" even without ARG/ENV.
const PREDEFINED = new Set([
  'PATH',
  'HOME',
  'HOSTNAME',
  'TERM',
  'LANG',
  'PWD',
  'USER',
  'SHELL',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'FTP_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'ftp_proxy',
  'no_proxy',
  'all_proxy',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'PYTHON_VERSION',
  'PYTHON_SHA256',
  'GPG_KEY',
  'NODE_VERSION',
  'YARN_VERSION',
  'LC_ALL',
]);
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const CHECKED = new Set(['ENV', 'COPY', 'ADD', 'WORKDIR', 'USER', 'LABEL', 'EXPOSE', 'VOLUME', 'STOPSIGNAL']);

export const undefinedVar: RuleDef = {
  id: 'UndefinedVar',
  title: 'Usage of an undefined variable',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    const df = readDockerfile(ctx.parsed);
    const global = new Set(df.metaArgs.flatMap((a) => a.args.map((x) => x.name)));
    const envOf = new Map<number, Set<string>>();
    for (const stage of df.stages) {
      // A stage built FROM an earlier stage inherits its ENV.
      const parent = df.stages.slice(0, stage.index).find((s) => s.name === stage.base.toLowerCase());
      const defined = new Set<string>(parent ? envOf.get(parent.index) : []);
      const env = new Set<string>(parent ? envOf.get(parent.index) : []);
      for (const command of stage.commands) {
        const { keyword, args, line } = command.instruction;
        if (CHECKED.has(keyword)) {
          for (const match of args.matchAll(VARIABLE)) {
            const name = match[1] ?? match[2];
            if (defined.has(name) || PREDEFINED.has(name)) continue;
            const hint = global.has(name)
              ? ` (ARG ${name} before FROM is only visible in FROM lines: repeat "ARG ${name}" inside the stage)`
              : '';
            out.push({ line, message: `Usage of undefined variable '$${name}'${hint}. (Docker's build check UndefinedVar)` });
          }
        }
        if (command.kind === 'ARG') for (const a of command.args) defined.add(a.name);
        if (command.kind === 'ENV') {
          for (const p of command.pairs) {
            defined.add(p.key);
            env.add(p.key);
          }
        }
      }
      envOf.set(stage.index, env);
    }
    return out;
  },
};
