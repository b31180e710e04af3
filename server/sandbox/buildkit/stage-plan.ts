import 'server-only';

/**
 * Where BuildKit's vertex names point in the learner's Dockerfile. BuildKit names a
 * Dockerfile step `[<stage> <k>/<n>] <instruction>`: the stage is its `AS` name
 * (lower-cased), else `stage-<i>`, and a lone unnamed stage has no name at all; `k`
 * counts only the instructions that make a vertex (FROM is 1, then RUN, COPY, ADD,
 * WORKDIR), so ENV/ARG/CMD… are skipped (verified on Docker 26.1 / BuildKit 0.13).
 */

/** One Dockerfile instruction in file order: its 1-based first line and the learner's own text. */
export type StepLine = { index: number; line: number; instruction?: string };

const VERTEX_KEYWORDS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR']);
const VERTEX_NAME = /^\[(?:(\S+) )?(\d+)\/(\d+)\] /;

export type PlannedStep = { line: number; instruction: string };
export type Stage = { index: number; name?: string; steps: PlannedStep[] };
export type StagePlan = { stages: Stage[]; finalStage?: Stage };

/** `steps` are the Dockerfile's instructions in file order (as the policy lists them). */
export function stagePlan(steps: StepLine[], target?: string): StagePlan {
  const stages: Stage[] = [];
  for (const step of steps) {
    const instruction = step.instruction ?? '';
    const keyword = instruction.split(/\s/, 1)[0].toUpperCase();
    if (keyword === 'FROM') {
      const words = instruction
        .split(/\s+/)
        .slice(1)
        .filter((w) => !w.startsWith('--'));
      const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
      stages.push({ index: stages.length, name, steps: [] });
    }
    const stage = stages.at(-1);
    if (stage && VERTEX_KEYWORDS.has(keyword)) stage.steps.push({ line: step.line, instruction });
  }
  const finalStage = target ? findStage(stages, target.toLowerCase()) : stages.at(-1);
  return { stages, finalStage };
}

function findStage(stages: Stage[], key: string | undefined): Stage | undefined {
  if (key === undefined) return stages.length === 1 ? stages[0] : undefined;
  const named = stages.find((s) => s.name === key);
  if (named) return named;
  const numbered = /^stage-(\d+)$/.exec(key);
  if (numbered) return stages[Number(numbered[1])];
  return /^\d+$/.test(key) ? stages[Number(key)] : undefined;
}

export type StepRef = { stage?: string; step: number; steps: number; final: boolean; line?: number; instruction?: string };

/** The Dockerfile step a vertex name stands for; undefined for BuildKit's own work (`[internal] …`, `exporting to image`). */
export function locateVertex(plan: StagePlan, name: string): StepRef | undefined {
  const m = VERTEX_NAME.exec(name);
  if (!m) return undefined;
  const [, stageName, k, n] = m;
  const stage = findStage(plan.stages, stageName);
  const planned = stage?.steps[Number(k) - 1];
  return {
    ...(stageName && { stage: stageName }),
    step: Number(k),
    steps: Number(n),
    final: !!stage && stage === plan.finalStage,
    ...(planned && { line: planned.line, instruction: planned.instruction }),
  };
}
