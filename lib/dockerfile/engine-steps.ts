/**
 * What the engine (BuildKit) should report for a Dockerfile, predicted from
 * OUR reading of it: either a refusal (our parser or typed layer found an
 * error), or, per stage the target needs, the steps `[label n/m] KEYWORD args`
 * BuildKit names its vertices after. The differential test builds each corpus
 * file on the real engine and compares; nothing here talks to Docker.
 *
 * BuildKit counts FROM, RUN, COPY, ADD and WORKDIR as a stage's steps, names
 * a stage by its `AS` name, or `stage-N` when the file has several stages, and
 * prints the instruction's logical line with its first word upper-cased and
 * its escapes and variables processed. So names are compared after removing
 * quotes and escape characters and collapsing whitespace, which keeps what
 * matters: which text forms which instruction.
 */
import type { Command, Dockerfile, Stage } from './instructions';

export type PredictedStage = { label: string; steps: string[] };
export type Prediction = { refused: true; errors: { line: number; message: string }[] } | { refused: false; stages: PredictedStage[] };

export type EngineReport = { vertices: string[]; errors: string[] };

const STEP_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

export function normalizeStepName(name: string): string {
  return name
    .replace(/[\\`"']/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function keywordOf(command: Command): string {
  return command.instruction.keyword;
}

function stepName(command: Command): string {
  // uppercaseCmd: everything before the first SPACE (not tab) is upper-cased.
  const text = command.instruction.original.trim();
  const space = text.indexOf(' ');
  const upper = space < 0 ? text.toUpperCase() : text.slice(0, space).toUpperCase() + text.slice(space);
  return normalizeStepName(upper);
}

/** Stages the last stage needs (itself included), through FROM, COPY --from and RUN --mount from=. */
function neededStages(df: Dockerfile): Stage[] {
  const byRef = (ref: string | undefined, before: number): Stage | undefined => {
    if (ref === undefined) return undefined;
    const lower = ref.toLowerCase();
    if (/^[0-9]+$/.test(lower) && Number(lower) < before) return df.stages[Number(lower)];
    return df.stages.slice(0, before).find((s) => s.name === lower);
  };
  const needed = new Set<Stage>();
  const visit = (stage: Stage) => {
    if (needed.has(stage)) return;
    needed.add(stage);
    const deps = [byRef(stage.base, stage.index)];
    for (const command of stage.commands) {
      if (command.kind === 'COPY' || command.kind === 'ADD') deps.push(byRef(command.from, stage.index));
      if (command.kind === 'RUN') for (const mount of command.mounts) deps.push(byRef(mount.from, stage.index));
    }
    for (const dep of deps) if (dep) visit(dep);
  };
  const last = df.stages.at(-1);
  if (last) visit(last);
  return df.stages.filter((s) => needed.has(s));
}

export function predictEngineSteps(df: Dockerfile): Prediction {
  if (df.errors.length) return { refused: true, errors: df.errors };
  const several = df.stages.length > 1;
  return {
    refused: false,
    stages: neededStages(df).map((stage) => ({
      label: stage.name ?? (several ? `stage-${stage.index}` : ''),
      steps: ['FROM', ...stage.commands.filter((c) => STEP_KEYWORDS.has(keywordOf(c))).map(stepName)],
    })),
  };
}

const STEP = /^\[(?:(\S+) )?\s*(\d+)\/(\d+)\] ([\s\S]*)$/;
const PARSE_ERROR =
  /dockerfile parse error|failed to create LLB definition|failed to parse|unterminated heredoc|file with no instructions/i;

/** Differences between the prediction and what the engine reported; empty when they agree. */
export function compareWithEngine(prediction: Prediction, report: EngineReport): string[] {
  const steps = report.vertices.map((v) => STEP.exec(v)).filter((m): m is RegExpExecArray => m !== null);
  const parseError = report.errors.find((e) => PARSE_ERROR.test(e));
  if (prediction.refused) {
    // The engine must refuse too, in the words we use (it names the line only for some errors).
    const [first] = prediction.errors;
    if (steps.length === 0 && report.errors.some((e) => e.includes(first.message))) return [];
    if (steps.length === 0 && report.errors.length > 0)
      return [`we refuse with "${first.message}", the engine with "${report.errors.join(' | ')}"`];
    return [
      `we refuse (${prediction.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}) but the engine ran ${steps.length} step(s)${report.errors.length ? '' : ' and succeeded'}`,
    ];
  }
  if (parseError) return [`the engine refused the file: ${parseError}`];
  const differences: string[] = [];
  const seen = new Map<string, Set<number>>();
  for (const [, label = '', n, total, name] of steps) {
    // With a single stage the label is presentation only (BuildKit adds one when a mount brings in another state).
    const stage = prediction.stages.length === 1 ? prediction.stages[0] : prediction.stages.find((s) => s.label === label);
    if (!stage) {
      differences.push(
        `engine step "[${label} ${n}/${total}] ${name}" is in a stage we don't predict (we have: ${prediction.stages.map((s) => s.label || '(unnamed)').join(', ')})`,
      );
      continue;
    }
    if (Number(total) !== stage.steps.length)
      differences.push(`stage "${label}": engine counts ${total} steps, we count ${stage.steps.length}`);
    const expected = stage.steps[Number(n) - 1];
    const actual = normalizeStepName(name);
    const agrees = expected === 'FROM' ? actual.startsWith('FROM ') : actual === expected || actual.startsWith(`${expected} (`);
    if (!agrees) differences.push(`stage "${label}" step ${n}: engine "${actual}", we "${expected ?? '(none)'}"`);
    if (!seen.has(stage.label)) seen.set(stage.label, new Set());
    seen.get(stage.label)!.add(Number(n));
  }
  if (report.errors.length === 0) {
    for (const stage of prediction.stages) {
      stage.steps.forEach((step, i) => {
        // FROM vertices are shared between stages with the same base (same digest): not required.
        if (step !== 'FROM' && !seen.get(stage.label)?.has(i + 1))
          differences.push(`stage "${stage.label}" step ${i + 1} "${step}" was never reported by the engine`);
      });
    }
  }
  return differences;
}
