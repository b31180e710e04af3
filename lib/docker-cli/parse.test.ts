import { describe, expect, it } from 'vitest';
import { mentionsDockerCommand, parseDockerCommands, parseDockerLine, runsInWorkbench, tokenize } from './index';

const reason = (line: string) => {
  const c = parseDockerLine(line);
  expect(c.kind, line).toBe('unsupported');
  return c.kind === 'unsupported' ? c.reason : '';
};

describe('parseDockerCommands (lesson blocks)', () => {
  it("reads the seed lesson's block as a build then a run", () => {
    expect(parseDockerCommands('docker build -t my-python-app .\ndocker run my-python-app\n')).toEqual([
      { kind: 'build', tag: 'my-python-app', buildArgs: {}, noCache: false, source: 'docker build -t my-python-app .' },
      { kind: 'run', image: 'my-python-app', rm: false, env: {}, command: [], interactive: false, source: 'docker run my-python-app' },
    ]);
  });

  it('keeps every line of a block, in order, so "Run this" runs both `docker run` lines', () => {
    const cmds = parseDockerCommands('docker run greeter\ndocker run greeter Ada Grace');
    expect(cmds.filter(runsInWorkbench).map((c) => c.kind === 'run' && c.command)).toEqual([[], ['Ada', 'Grace']]);
    expect(parseDockerCommands('docker build -t a .\necho hi\ndocker run a').map((c) => c.kind)).toEqual(['build', 'unsupported', 'run']);
  });

  it('marks lines that need the terminal: listings and interactive shells', () => {
    const cmds = parseDockerCommands('docker build -t a .\ndocker history a\ndocker run -it a sh');
    expect(cmds.map(runsInWorkbench)).toEqual([true, false, false]);
  });

  it('ignores prompts, comments and continuations; reads quotes', () => {
    const [run] = parseDockerCommands(
      '# greet\n$ docker run --rm -e NAME=Ada \\\n  --env "GREETING=hi there" app:1 python -c \'print("x; y")\'',
    );
    expect(run).toMatchObject({
      kind: 'run',
      image: 'app:1',
      rm: true,
      env: { NAME: 'Ada', GREETING: 'hi there' },
      command: ['python', '-c', 'print("x; y")'],
    });
  });
});

describe('docker build', () => {
  it('accepts every spelling of the tag option and an untagged build', () => {
    for (const line of [
      'docker build --tag app .',
      'docker build --tag=app .',
      'docker build -t=app .',
      'docker build -tapp .',
      'docker image build -t app .',
    ]) {
      expect(parseDockerLine(line), line).toMatchObject({ kind: 'build', tag: 'app' });
    }
    expect(parseDockerLine('docker build .')).toMatchObject({ kind: 'build', tag: undefined });
  });

  it('reads --build-arg (repeated), --target, --no-cache and -f', () => {
    expect(parseDockerLine('docker build --build-arg A=1 --build-arg=B=two --target build --no-cache -f ./prod.Dockerfile -t x .')).toEqual(
      {
        kind: 'build',
        source: 'docker build --build-arg A=1 --build-arg=B=two --target build --no-cache -f ./prod.Dockerfile -t x .',
        tag: 'x',
        buildArgs: { A: '1', B: 'two' },
        target: 'build',
        noCache: true,
        file: 'prod.Dockerfile',
      },
    );
    expect(parseDockerLine('docker build --file=Dockerfile.dev .')).toMatchObject({ file: 'Dockerfile.dev' });
  });

  it('refuses what it cannot honour, saying why', () => {
    expect(reason('docker build -t app ../elsewhere')).toMatch(/always the workbench/);
    expect(reason('docker build -t app')).toMatch(/needs a build context/);
    expect(reason("docker build -t 'bad name' .")).toMatch(/must look like/);
    expect(reason('docker build -t a -t b .')).toMatch(/one tag/);
    expect(reason('docker build --build-arg HOME .')).toMatch(/KEY=value/);
    expect(reason('docker build --platform linux/arm64 .')).toMatch(/unknown flag: --platform[\s\S]*--build-arg/);
    expect(reason('docker build -t')).toMatch(/flag needs an argument/);
    expect(reason('docker build -t My-App .')).toMatch(/lower case/);
  });
});

describe('docker run', () => {
  it('reads -e, --rm, --entrypoint, --user, -w and the command after the image', () => {
    expect(parseDockerLine('docker run --rm -e A=1 --entrypoint /bin/sh -u 1000:1000 -w /app img -c "echo hi"')).toEqual({
      kind: 'run',
      source: 'docker run --rm -e A=1 --entrypoint /bin/sh -u 1000:1000 -w /app img -c "echo hi"',
      image: 'img',
      rm: true,
      env: { A: '1' },
      command: ['-c', 'echo hi'],
      interactive: false,
      entrypoint: '/bin/sh',
      user: '1000:1000',
      workdir: '/app',
    });
    expect(parseDockerLine('docker run --user=app --workdir=/srv img')).toMatchObject({ user: 'app', workdir: '/srv' });
  });

  it('reads -it in every spelling as an interactive shell', () => {
    for (const line of [
      'docker run -it a sh',
      'docker run -ti a sh',
      'docker run -i -t a sh',
      'docker run --interactive --tty a sh',
      'docker container run -it --rm a sh',
    ]) {
      expect(parseDockerLine(line), line).toMatchObject({ kind: 'run', interactive: true, image: 'a', command: ['sh'] });
    }
  });

  it('stops reading options at the image: flags after it belong to the command', () => {
    expect(parseDockerLine('docker run a ls -la')).toMatchObject({ image: 'a', command: ['ls', '-la'] });
  });

  it('refuses half of -it, bad values and unknown flags', () => {
    expect(reason('docker run -i a')).toMatch(/-i` alone/);
    expect(reason('docker run -t a')).toMatch(/-t` alone/);
    expect(reason('docker run -e HOME a')).toMatch(/KEY=value/);
    expect(reason('docker run -w app a')).toMatch(/absolute path/);
    expect(reason('docker run -u "a b" x')).toMatch(/not a user/);
    expect(reason('docker run --rm')).toMatch(/needs the name of an image/);
    expect(reason('docker run -p 80:80 a')).toMatch(/unknown shorthand flag: 'p'/);
    expect(reason('docker run --privileged a')).toMatch(/unknown flag: --privileged/);
    expect(reason('docker run -v /:/host a')).toMatch(/unknown shorthand flag: 'v'/);
    expect(reason('docker run --network host a')).toMatch(/unknown flag: --network/);
    expect(reason('docker run registry.example.com/app')).toMatch(/registry host/);
  });
});

describe('listing and removing', () => {
  it('reads images, history, inspect, rmi, ps, stop and logs with their flags', () => {
    expect(parseDockerLine('docker images -q --no-trunc')).toMatchObject({ kind: 'images', quiet: true, noTrunc: true, all: false });
    expect(parseDockerLine("docker image ls --format '{{json .}}' app")).toMatchObject({
      kind: 'images',
      format: '{{json .}}',
      reference: 'app',
    });
    expect(parseDockerLine('docker history --no-trunc app')).toMatchObject({ kind: 'history', image: 'app', noTrunc: true, quiet: false });
    expect(parseDockerLine('docker image history -q app')).toMatchObject({ kind: 'history', quiet: true });
    expect(parseDockerLine("docker inspect -f '{{.Config.User}}' a b")).toMatchObject({
      kind: 'inspect',
      images: ['a', 'b'],
      format: '{{.Config.User}}',
    });
    expect(parseDockerLine('docker image inspect a')).toMatchObject({ kind: 'inspect', images: ['a'] });
    expect(parseDockerLine('docker rmi -f a b:2')).toMatchObject({ kind: 'rmi', images: ['a', 'b:2'], force: true });
    expect(parseDockerLine('docker image rm a')).toMatchObject({ kind: 'rmi', images: ['a'], force: false });
    expect(parseDockerLine('docker ps -aq')).toMatchObject({ kind: 'ps', all: true, quiet: true });
    expect(parseDockerLine('docker container ls --format "{{.Names}}"')).toMatchObject({ kind: 'ps', format: '{{.Names}}' });
    expect(parseDockerLine('docker stop x y')).toMatchObject({ kind: 'stop', containers: ['x', 'y'] });
    expect(parseDockerLine('docker logs --tail 5 x')).toMatchObject({ kind: 'logs', container: 'x', tail: 5 });
    expect(parseDockerLine('docker logs -n all x')).toMatchObject({ kind: 'logs', tail: undefined });
  });

  it('counts arguments like the CLI', () => {
    expect(reason('docker history')).toMatch(/requires exactly 1 argument/);
    expect(reason('docker inspect')).toMatch(/requires at least 1 argument/);
    expect(reason('docker rmi')).toMatch(/requires at least 1 argument/);
    expect(reason('docker ps x')).toMatch(/accepts no arguments/);
    expect(reason('docker logs --tail five x')).toMatch(/--tail/);
  });
});

describe('help and refusals', () => {
  it('answers `docker`, `--help` and `COMMAND --help` with what is supported', () => {
    for (const line of ['docker', 'docker --help', 'docker help']) {
      const c = parseDockerLine(line);
      expect(c.kind).toBe('help');
      if (c.kind === 'help') expect(c.text).toMatch(/build[\s\S]*run[\s\S]*images[\s\S]*history[\s\S]*logs/);
    }
    const h = parseDockerLine('docker run --help');
    expect(h.kind === 'help' && h.text).toMatch(/Usage:  docker run[\s\S]*--entrypoint/);
  });

  it('never runs anything but docker, and says what is supported instead', () => {
    expect(reason('rm -rf /')).toMatch(/docker commands only; there is no shell/);
    expect(reason('ls')).toMatch(/docker run -it IMAGE sh/);
    expect(reason('docker push app')).toMatch(/`docker push` is not available[\s\S]*Commands available/);
    expect(reason('docker exec -it x sh')).toMatch(/not available/);
    expect(reason('docker image prune')).toMatch(/not available here: try one of/);
    expect(reason('docker build -t app . && docker run app')).toMatch(/command chains/);
    expect(reason('docker run app > out.txt')).toMatch(/redirections/);
    expect(reason('docker run -e HOME=$HOME app')).toMatch(/Variables/);
    expect(reason('docker run -e "X=$(id)" app')).toMatch(/Variables/);
    expect(reason('docker run app ls *.py')).toMatch(/shell pattern/);
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
  it('spots docker lines only', () => {
    expect(mentionsDockerCommand('$ docker build -t x .')).toBe(true);
    expect(mentionsDockerCommand('docker images\nls')).toBe(true);
    expect(mentionsDockerCommand('ls -la\npwd')).toBe(false);
  });
});
