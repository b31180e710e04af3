import { describe, expect, it } from 'vitest';
import { commonPrefix, complete } from './complete';

const sources = { images: ['app:latest', 'app:v2', 'greeter:latest'], containers: ['eager_bohr'] };

describe('complete', () => {
  it('completes docker, command names and management commands', () => {
    expect(complete('do', sources).candidates).toEqual(['docker']);
    expect(complete('docker hi', sources).candidates).toEqual(['history']);
    expect(complete('docker i', sources).candidates).toEqual(['image', 'images', 'inspect']);
    expect(complete('docker image r', sources).candidates).toEqual(['remove', 'rm']);
  });

  it("completes a command's flags from the grammar", () => {
    expect(complete('docker build --n', sources).candidates).toEqual(['--no-cache']);
    expect(complete('docker run --e', sources).candidates).toEqual(['--entrypoint', '--env']);
    expect(complete('docker images --', sources).candidates).toContain('--no-trunc');
  });

  it("offers the learner's image names where an image goes, and nothing after run's image", () => {
    expect(complete('docker run -it a', sources).candidates).toEqual(['app:latest', 'app:v2']);
    expect(complete('docker history g', sources).candidates).toEqual(['greeter:latest']);
    expect(complete('docker run app sh', sources).candidates).toEqual([]);
    expect(complete('docker run -e A=1 ', sources).candidates).toHaveLength(3);
    expect(complete('docker build -t ', sources).candidates).toEqual([]);
    expect(complete('docker logs e', sources).candidates).toEqual(['eager_bohr']);
  });

  it('finds the common prefix one Tab inserts', () => {
    expect(commonPrefix(['app:latest', 'app:v2'])).toBe('app:');
    expect(commonPrefix([])).toBe('');
  });
});
