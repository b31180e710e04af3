import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, unknownVariables } from './config';

describe('parseEnv', () => {
  it('works with no variables at all, on defaults', () => {
    const c = parseEnv({});
    expect(c.port).toBe(3000);
    expect(c.engine.externalHost).toBeUndefined();
  });

  it('names every bad variable with a message a person can act on', () => {
    const err = (() => {
      try {
        parseEnv({
          LAYERLAB_PORT: 'abc',
          LAYERLAB_BUILD_PIDS: '3',
          LAYERLAB_RUN_CPUS: 'lots',
          LAYERLAB_DOCKER_HOST: '/var/run/docker.sock',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues).toEqual([
      { field: 'LAYERLAB_PORT', message: 'must be a whole number from 1 to 65535' },
      { field: 'LAYERLAB_DOCKER_HOST', message: 'must look like unix:///path/docker.sock or tcp://host:2376' },
      { field: 'LAYERLAB_BUILD_PIDS', message: 'must be at least 16' },
      { field: 'LAYERLAB_RUN_CPUS', message: 'must be a number from 0.1 to 64' },
    ]);
  });

  it('treats empty values as unset and ignores variables that are not ours', () => {
    expect(parseEnv({ LAYERLAB_PORT: '', PORT: 'nonsense' }).port).toBe(3000);
  });
});

describe('unknownVariables', () => {
  it('flags LAYERLAB_* names it does not know, suggesting the closest one', () => {
    expect(unknownVariables({ LAYERLAB_PROT: '1', LAYERLAB_PORT: '1', LAYERLAB_WHATEVER_ELSE: 'x', HOME: '/root' })).toEqual([
      { name: 'LAYERLAB_PROT', didYouMean: 'LAYERLAB_PORT' },
      { name: 'LAYERLAB_WHATEVER_ELSE' },
    ]);
  });
});
