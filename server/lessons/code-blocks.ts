import 'server-only';
import { logicalLines, parseDockerCommands } from '@/lib/docker-cli';
import { parseDockerfile } from '@/lib/dockerfile';
import { catalogRefs, isCatalogImage } from '@/lib/image-catalog';
import { checkDockerfile } from '@/server/jobs/dockerfile-policy';

/**
 * Every code block of a lesson is tested by `lessons:check`: a learner copies
 * them, so each must do what the text says.
 *
 * - ```Dockerfile: parses with the project's parser and has no end-of-line
 *   comment (Dockerfiles have none: `USER app # note` makes the user
 *   `app # note`). A complete file (it starts with FROM) must also pass the
 *   sandbox policy and build (lessons:check builds it with the lesson's
 *   solution files as the context); mark an excerpt, or an example that needs
 *   files the lesson does not have, ```Dockerfile fragment.
 * - ```bash (or sh, shell, console): every `docker …` line must be one the
 *   workbench or its terminal can run (lib/docker-cli); mark commands meant for the
 *   learner's own machine ```bash own-machine.
 * - ```terminal: exactly one `docker …` command the terminal accepts ("Paste into terminal").
 * - Any block marked `wrong` is a deliberately broken example and is skipped.
 */

export type CodeBlock = { lang: string; meta: string[]; text: string; line: number };
export type BlockProblem = { line: number; message: string };

const SHELL = new Set(['bash', 'sh', 'shell', 'console', 'zsh']);

/** Fenced blocks of a Markdown body (``` or ~~~, any length; an inner shorter fence does not close). */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j]);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(lines[j]);
    }
    blocks.push({ lang: open[2].toLowerCase(), meta: open[3].split(/\s+/).filter(Boolean), text: body.join('\n'), line: i + 1 });
    i = j;
  }
  return blocks;
}

/**
 * A `#` after an instruction's arguments, outside quotes: Docker has no
 * end-of-line comments. Stricter than the coach's rule (which leaves a
 * shell-form RUN alone, where the shell does read it as a comment): text a
 * learner copies should put every comment on its own line.
 */
export function endOfLineComment(args: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(args[i - 1]))) return true;
  }
  return false;
}

/** The Dockerfile blocks lessons:check must build: complete files, not marked fragment or wrong. */
export function buildableBlocks(markdown: string): CodeBlock[] {
  return codeBlocks(markdown).filter(
    (b) => b.lang === 'dockerfile' && !b.meta.includes('fragment') && !b.meta.includes('wrong') && parseDockerfile(b.text).instructions[0]?.keyword === 'FROM',
  );
}

export function checkCodeBlocks(markdown: string): BlockProblem[] {
  const problems: BlockProblem[] = [];
  for (const block of codeBlocks(markdown)) {
    if (block.meta.includes('wrong')) continue;
    if (block.lang === 'dockerfile') problems.push(...checkDockerfileBlock(block));
    else if (SHELL.has(block.lang) && !block.meta.includes('own-machine')) problems.push(...checkShellBlock(block));
    else if (block.lang === 'terminal') problems.push(...checkTerminalBlock(block));
  }
  return problems;
}

function checkDockerfileBlock(block: CodeBlock): BlockProblem[] {
  const at = (line: number) => block.line + line;
  const parsed = parseDockerfile(block.text);
  const problems: BlockProblem[] = parsed.problems.map((p) => ({ line: at(p.line), message: `Dockerfile block: ${p.message}` }));
  for (const ins of parsed.instructions) {
    if (endOfLineComment(ins.args)) {
      problems.push({ line: at(ins.line), message: `Dockerfile block: "${ins.keyword} ${ins.args}" has a # after the instruction; Dockerfiles have no end-of-line comments (put the comment on its own line above)` });
    }
  }
  const complete = parsed.instructions[0]?.keyword === 'FROM';
  if (complete && !block.meta.includes('fragment')) {
    const policy = checkDockerfile(block.text, { isAllowedBase: isCatalogImage, learnerImage: () => undefined, allowedBases: catalogRefs() });
    if (!policy.ok) for (const e of policy.errors) problems.push({ line: at(e.line), message: `Dockerfile block would be refused here: ${e.message} (mark an example for other machines \`\`\`Dockerfile fragment)` });
  } else if (!complete && !block.meta.includes('fragment') && parsed.instructions.length) {
    problems.push({ line: block.line, message: 'Dockerfile block does not start with FROM: mark it ```Dockerfile fragment' });
  }
  return problems;
}

function checkTerminalBlock(block: CodeBlock): BlockProblem[] {
  const lines = logicalLines(block.text);
  if (lines.length !== 1) return [{ line: block.line, message: `terminal block: holds ${lines.length} commands; "Paste into terminal" types one, so give each its own block` }];
  const [c] = parseDockerCommands(lines[0]);
  return c.kind === 'unsupported' ? [{ line: block.line, message: `terminal block: \`${c.source}\` is refused by the terminal: ${c.reason.split('\n')[0]}` }] : [];
}

function checkShellBlock(block: CodeBlock): BlockProblem[] {
  if (!/^\s*(\$\s+)?docker\s/m.test(block.text)) return [];
  return parseDockerCommands(block.text)
    .filter((c) => c.kind === 'unsupported')
    .map((c) => ({ line: block.line, message: `shell block: \`${c.source}\` cannot run in the workbench: ${'reason' in c ? c.reason.split('\n')[0] : ''} (mark a block for the learner's own machine \`\`\`bash own-machine)` }));
}
