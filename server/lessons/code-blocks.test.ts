import { describe, expect, it } from 'vitest';
import { buildableBlocks, checkCodeBlocks, codeBlocks, endOfLineComment } from './code-blocks';

const fence = (info: string, text: string) => '```' + info + '\n' + text + '\n```\n';

describe('code blocks of a lesson', () => {
  it('finds fenced blocks with language, markers and line, and skips nested shorter fences', () => {
    const md = 'Intro\n\n' + fence('Dockerfile fragment', 'COPY . .') + '\n````markdown\n```bash\ndocker run x\n```\n````\n';
    expect(codeBlocks(md)).toEqual([
      { lang: 'dockerfile', meta: ['fragment'], text: 'COPY . .', line: 3 },
      { lang: 'markdown', meta: [], text: '```bash\ndocker run x\n```', line: 7 },
    ]);
  });

  it('sees a # after an instruction, but not inside quotes or a word', () => {
    expect(endOfLineComment('app # from here on')).toBe(true);
    expect(endOfLineComment('["python", "greet.py"]   # exec form')).toBe(true);
    expect(endOfLineComment('echo "a # b"')).toBe(false);
    expect(endOfLineComment('echo a#b')).toBe(false);
  });

  it('flags end-of-line comments, refused complete files and unmarked excerpts', () => {
    const problems = checkCodeBlocks(
      fence('Dockerfile', 'FROM busybox:latest\nUSER app   # from here on') +
        fence('Dockerfile', 'FROM nginx:1\nCMD ["nginx"]') +
        fence('Dockerfile', 'COPY . .'),
    );
    expect(problems).toEqual([
      { line: 3, message: expect.stringMatching(/"USER app {3}# from here on" has a # after the instruction; Dockerfiles have no end-of-line comments/) },
      { line: 6, message: expect.stringMatching(/^Dockerfile block would be refused here: /) },
      { line: 9, message: expect.stringMatching(/does not start with FROM: mark it/) },
    ]);
  });

  it('accepts fragments, marked wrong examples and runnable docker lines', () => {
    expect(
      checkCodeBlocks(
        fence('Dockerfile fragment', 'RUN pip install -r requirements.txt') +
          fence('Dockerfile wrong', 'CMD ["a"]  # wrong on purpose') +
          fence('Dockerfile', 'FROM busybox:latest\nCMD ["echo", "hi"]') +
          fence('bash', 'docker build -t greeter .\ndocker run greeter Ada'),
      ),
    ).toEqual([]);
  });

  it('flags docker lines the workbench cannot run unless the block is for the own machine', () => {
    const line = 'docker run -p 8080:80 app';
    expect(checkCodeBlocks(fence('bash', line))).toHaveLength(1);
    expect(checkCodeBlocks(fence('bash own-machine', line))).toEqual([]);
  });

  it('builds complete Dockerfiles only: not fragments, not wrong examples, not excerpts', () => {
    const md =
      fence('Dockerfile', 'FROM busybox:latest\nCMD ["true"]') +
      fence('Dockerfile fragment', 'FROM busybox:latest\nCOPY greet.sh .') +
      fence('Dockerfile wrong', 'FROM busybox:latest\nUSER app # no') +
      fence('Dockerfile', 'COPY . .');
    expect(buildableBlocks(md).map((b) => b.line)).toEqual([1]);
  });

  it('accepts a terminal block of one command the terminal takes, and flags others', () => {
    expect(checkCodeBlocks(fence('terminal', 'docker history my-app'))).toEqual([]);
    expect(checkCodeBlocks(fence('terminal', 'docker run -it my-app sh'))).toEqual([]);
    expect(checkCodeBlocks(fence('terminal', 'docker images\ndocker ps'))[0].message).toMatch(/holds 2 commands/);
    expect(checkCodeBlocks(fence('terminal', 'ls -la'))[0].message).toMatch(/refused by the terminal/);
  });
});
