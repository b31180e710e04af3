import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndRun, ensureImages } from './stand-in-test-helpers';

beforeAll(() => ensureImages('node:22-slim'));

describe('node:22-slim', () => {
  it('npm ci installs a local tarball dependency without a network, and the app runs as the node user', async () => {
    const r = await buildAndRun('node-ci', {
      Dockerfile: [
        'FROM node:22-slim',
        'WORKDIR /app',
        'COPY greet/ greet/',
        // The dependency as a tarball, like a vendored package.
        'RUN mkdir vendor && cd greet && npm pack --silent --pack-destination ../vendor',
        'COPY package.json index.js ./',
        'RUN npm install --package-lock-only --offline --no-audit --no-fund',
        'RUN npm ci --offline --no-audit --no-fund && rm -rf greet',
        'USER node',
        'CMD ["node", "index.js"]',
        '',
      ].join('\n'),
      'greet/package.json': JSON.stringify({ name: 'greet', version: '1.0.0', main: 'index.js' }),
      'greet/index.js': 'module.exports = (who) => `hello ${who} from a local tarball`;\n',
      'package.json': JSON.stringify({
        name: 'app',
        version: '1.0.0',
        private: true,
        dependencies: { greet: 'file:vendor/greet-1.0.0.tgz' },
      }),
      'index.js': "console.log(require('greet')('npm ci'), 'uid', process.getuid(), process.version);\n",
    });
    expect(r.built, r.log).toBe(true);
    expect(r.stdout).toMatch(/^hello npm ci from a local tarball uid 1000 v22\.\d+\.\d+$/m);
    expect(r.exitCode).toBe(0);
  });
});
