import { beforeAll, describe, expect, it } from 'vitest';
import { readDockerfile } from '@/lib/dockerfile';
import { CORPUS_CONTEXT_FILES, engineCorpus } from '@/lib/dockerfile/engine-corpus';
import { compareWithEngine, predictEngineSteps } from '@/lib/dockerfile/engine-steps';
import { docker } from './docker';
import type { ProbeResult } from './probe-build';
import { probeCorpus } from './probe-corpus';

/**
 * The differential test of issue 10: each corpus Dockerfile is built on the
 * real engine (BuildKit, network none, local base image) and the steps it
 * reports (or its refusal) must be exactly what our parser predicts.
 */

const cases = engineCorpus();
let reports: Map<string, ProbeResult>;

beforeAll(async () => {
  reports = await probeCorpus(docker(), cases, CORPUS_CONTEXT_FILES);
}, 30 * 60_000);

describe('the parser agrees with the engine', () => {
  it('has a corpus of at least 200 uniquely named Dockerfiles', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name', ({ name, dockerfile }) => {
    const report = reports.get(name)!;
    const differences = compareWithEngine(predictEngineSteps(readDockerfile(dockerfile)), report);
    expect(differences, JSON.stringify(report)).toEqual([]);
  });
});
