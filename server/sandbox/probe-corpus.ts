import 'server-only';
import type Docker from 'dockerode';
import type { CorpusCase } from '@/lib/dockerfile/engine-corpus';
import type { ContextFile } from '@/lib/build-context';
import { packContext } from '../jobs/pack-context';
import { probeBuild, type ProbeResult } from './probe-build';

/**
 * Probes every case on the engine, one after another: BuildKit shares an
 * in-flight vertex between concurrent builds and reports it under the name
 * the first build gave it, so concurrent probes would see each other's names.
 */
export async function probeCorpus(
  d: Docker,
  cases: CorpusCase[],
  extraFiles: ContextFile[],
  concurrency = 1,
): Promise<Map<string, ProbeResult>> {
  const results = new Map<string, ProbeResult>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const current = cases[next++];
      const context = await packContext([{ path: 'Dockerfile', content: current.dockerfile }, ...extraFiles]);
      results.set(current.name, await probeBuild(d, context));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
