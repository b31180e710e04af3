/**
 * Classic mistakes Docker itself does not warn about: end-of-line comments
 * (Docker has none), pipes without pipefail, and USER before the user exists.
 */
import type { Finding, RuleDef } from '../rule';

// Instructions whose arguments are not run by a shell: a ` # …` there is part of the arguments.
const NOT_SHELL = new Set(['FROM', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'EXPOSE', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL']);

export const endOfLineComment: RuleDef = {
  id: 'end-of-line-comment',
  title: 'End-of-line comment',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    for (const instruction of ctx.instructions) {
      const { keyword, segments } = instruction;
      if (NOT_SHELL.has(keyword) && instruction.heredocs.length === 0 && /(^|[\t ])#/.test(instruction.args)) {
        out.push({
          line: instruction.line,
          message: `Docker has no end-of-line comments: in ${keyword}, "${instruction.args.slice(instruction.args.search(/#/)).slice(0, 30)}" is part of the arguments. Put the comment on a line of its own, starting with #.`,
        });
        continue;
      }
      // In a continued RUN, the shell sees one line: a # on an early line comments out everything after it.
      if (keyword === 'RUN' && instruction.json.kind !== 'json' && segments.length > 1) {
        const early = segments.slice(0, -1).findIndex((segment) => /(^|[\t ])#/.test(segment.text));
        if (early >= 0) {
          out.push({
            line: instruction.line,
            message:
              'This RUN continues over several lines, so the shell gets them as ONE line: the # comment on one of the first lines comments out everything after it, including the following lines. Move the comment to a line of its own (a line starting with # inside the continuation is dropped by Docker).',
          });
        }
      }
    }
    return out;
  },
};

/** A `|` that is a pipe (not `||`, not inside quotes is not checked: a rough but useful signal). */
const PIPE = /(^|[^|])\|(?!\|)/;

export const missingPipefail: RuleDef = {
  id: 'missing-pipefail',
  title: 'Pipe without pipefail',
  severity: 'info',
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      let shellHasPipefail = false;
      for (const instruction of stage.body) {
        if (instruction.keyword === 'SHELL') shellHasPipefail = /pipefail/.test(instruction.args);
        if (instruction.keyword !== 'RUN' || instruction.json.kind === 'json' || shellHasPipefail) continue;
        const script = instruction.heredocs.length ? instruction.heredocs.map((h) => h.content).join('\n') : instruction.args;
        if (!PIPE.test(script.replace(/'[^']*'|"[^"]*"/g, '')) || /pipefail/.test(script)) continue;
        out.push({
          line: instruction.line,
          message:
            'This RUN uses a pipe (|): if a command before the | fails (say curl), the step still succeeds as long as the last command does. Start with "set -o pipefail &&" under bash, or add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it.',
        });
      }
    }
    return out;
  },
};

// Users the catalog's images (and every Debian/busybox image) already have.
const EXISTING_USERS = new Set(['root', 'nobody', 'daemon', 'bin', 'sys', 'www-data', 'node', 'mail', 'operator']);
const CREATES_USER = /\b(useradd|adduser|groupadd|addgroup)\b[^&;|]*?([A-Za-z_][A-Za-z0-9_.-]*)\s*($|[&;|)])/g;

export const userBeforeCreated: RuleDef = {
  id: 'user-before-created',
  title: 'USER before the user is created',
  severity: 'warning',
  check(ctx) {
    const out: Finding[] = [];
    const createdIn = new Map<number, Set<string>>();
    for (const stage of ctx.stages) {
      const parent = ctx.stages.slice(0, stage.index).find((s) => s.name === stage.image.toLowerCase());
      const created = new Set<string>(parent ? createdIn.get(parent.index) : []);
      // An image of the learner's own (not a stage, not the catalog) may already have the user: only judge known bases.
      const knownBase =
        parent !== undefined || /^(python|node|debian|busybox|ubuntu|alpine)(:|$)/.test(stage.image) || stage.image === 'scratch';
      for (const instruction of stage.body) {
        if (instruction.keyword === 'RUN') {
          const text = instruction.heredocs.length ? instruction.heredocs.map((h) => h.content).join('\n') : instruction.args;
          for (const match of text.matchAll(CREATES_USER)) created.add(match[2]);
          for (const match of text.matchAll(/\b(?:useradd|adduser)\b.*?\s([A-Za-z_][A-Za-z0-9_.-]*)\s*$/gm)) created.add(match[1]);
        }
        // A USER with an end-of-line comment is end-of-line-comment's to explain.
        if (instruction.keyword !== 'USER' || !knownBase || /\s#/.test(instruction.args)) continue;
        const name = instruction.args.split(':')[0].trim();
        if (name === '' || /^[0-9]+$/.test(name) || name.includes('$') || EXISTING_USERS.has(name) || created.has(name)) continue;
        out.push({
          line: instruction.line,
          message: `USER ${name} comes before any RUN in this stage creates the user "${name}", so the next RUN (or the container) fails with "unable to find user ${name}". Create it first, e.g. RUN useradd --create-home ${name}.`,
        });
      }
      createdIn.set(stage.index, created);
    }
    return out;
  },
};
