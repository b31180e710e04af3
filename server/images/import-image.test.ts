import { describe, expect, it } from 'vitest';
import { importChanges, splitRef } from './import-image';

describe('importChanges', () => {
  it('turns an image config into Dockerfile-style changes, filling in the version', () => {
    const changes = importChanges(
      { Cmd: ['python', './app.py'], Env: ['LANG=C.UTF-8', 'PYTHON_VERSION=${VERSION}'], WorkingDir: '/usr/src/app' },
      { VERSION: '3.11.2' },
      { 'layerlab.stand-in': 'true' },
    );
    expect(changes).toEqual([
      'ENV LANG=C.UTF-8',
      'ENV PYTHON_VERSION=3.11.2',
      'WORKDIR /usr/src/app',
      'CMD ["python","./app.py"]',
      'LABEL layerlab.stand-in="true"',
    ]);
  });
});

describe('splitRef', () => {
  it('splits at the tag colon, not a registry port', () => {
    expect(splitRef('localhost:5000/app:v1')).toEqual(['localhost:5000/app', 'v1']);
    expect(splitRef('python:3.13-slim')).toEqual(['python', '3.13-slim']);
  });
});
