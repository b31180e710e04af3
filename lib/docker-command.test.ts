import { describe, expect, it } from 'vitest';
import { mentionsDockerCommand, parseDockerCommands, tokenize } from './docker-command';

describe('parseDockerCommands', () => {
  it("reads the seed lesson's block as a build then a run", () => {
    const cmds = parseDockerCommands('docker build -t my-python-app .\ndocker run my-python-app\n');
    expect(cmds).toEqual([
      { kind: 'build', tag: 'my-python-app', source: 'docker build -t my-python-app .' },
      { kind: 'run', image: 'my-python-app', rm: false, env: {}, command: [], source: 'docker run my-python-app' },
    ]);
  });

  it('accepts every spelling of the tag option and an untagged build', () => {
    for (const line of ['docker build --tag app .', 'docker build --tag=app .', 'docker build -t=app .', 'docker build -tapp .']) {
      expect(parseDockerCommands(line)[0]).toMatchObject({ kind: 'build', tag: 'app' });
    }
    expect(parseDockerCommands('docker build .')[0]).toEqual({ kind: 'build', tag: undefined, source: 'docker build .' });
  });

  it('reads --rm, -e and a quoted command; ignores prompts, comments and continuations', () => {
    const [run] = parseDockerCommands('# greet\n$ docker run --rm -e NAME=Ada \\\n  --env "GREETING=hi there" app:1 python -c \'print("x; y")\'');
    expect(run).toEqual({
      kind: 'run',
      image: 'app:1',
      rm: true,
      env: { NAME: 'Ada', GREETING: 'hi there' },
      command: ['python', '-c', 'print("x; y")'],
      source: 'docker run --rm -e NAME=Ada    --env "GREETING=hi there" app:1 python -c \'print("x; y")\'',
    });
  });

  it('explains instead of executing anything outside the subset', () => {
    const reasons = (line: string) => {
      const [c] = parseDockerCommands(line);
      expect(c.kind).toBe('unsupported');
      return c.kind === 'unsupported' ? c.reason : '';
    };
    expect(reasons('rm -rf /')).toMatch(/Only `docker build` and `docker run`/);
    expect(reasons('docker push app')).toMatch(/not available/);
    expect(reasons('docker build -t app . && docker run app')).toMatch(/command chains/);
    expect(reasons('docker run app > out.txt')).toMatch(/redirections/);
    expect(reasons('docker run -e HOME=$HOME app')).toMatch(/Variables/);
    expect(reasons('docker run -e "X=$(id)" app')).toMatch(/Variables/);
    expect(reasons('docker build -f other.Dockerfile .')).toMatch(/`-f` is not supported/);
    expect(reasons('docker build -t app ../elsewhere')).toMatch(/always the workbench/);
    expect(reasons('docker build -t app')).toMatch(/needs a build context/);
    expect(reasons("docker build -t 'bad name' .")).toMatch(/must look like/);
    expect(reasons('docker run -it app')).toMatch(/keyboard input/);
    expect(reasons('docker run -e HOME app')).toMatch(/KEY=value/);
    expect(reasons('docker run --rm')).toMatch(/needs the name of an image/);
    expect(reasons('docker run app ls *.py')).toMatch(/shell pattern/);
  });

  it('keeps one result per line so a block runs in order', () => {
    expect(parseDockerCommands('docker build -t a .\necho hi\ndocker run a').map((c) => c.kind)).toEqual(['build', 'unsupported', 'run']);
  });
});

describe('tokenize', () => {
  it('groups quoted words and escapes like a shell', () => {
    expect(tokenize(`a 'b c' "d \\"e\\"" f\\ g`)).toEqual(['a', 'b c', 'd "e"', 'f g']);
    expect(tokenize(`''`)).toEqual(['']);
    expect(tokenize(`"open`)).toBe('A quote is not closed.');
  });
});

describe('mentionsDockerCommand', () => {
  it('spots build and run lines only', () => {
    expect(mentionsDockerCommand('$ docker build -t x .')).toBe(true);
    expect(mentionsDockerCommand('docker images\nls')).toBe(false);
  });
});

describe('image names', () => {
  it('uses the same rules as the API for the learner’s tags', () => {
    expect(parseDockerCommands('docker build -t My-App .')[0]).toMatchObject({ kind: 'unsupported', reason: expect.stringMatching(/lower case/) });
    expect(parseDockerCommands('docker run registry.example.com/app')[0]).toMatchObject({ kind: 'unsupported', reason: expect.stringMatching(/registry host/) });
  });
});
