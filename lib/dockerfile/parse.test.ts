import { describe, expect, it } from 'vitest';
import { parseDockerfile, parseInstructionLine, sourceSpan } from './parse';

const summary = (text: string) =>
  parseDockerfile(text).instructions.map(({ keyword, args, line, endLine }) => ({ keyword, args, line, endLine }));

describe('parseDockerfile', () => {
  it('reads instructions with 1-based lines, upper-casing keywords', () => {
    expect(summary('from python:3.13-slim\n\nWorkDir /app\nCOPY . .\n')).toEqual([
      { keyword: 'FROM', args: 'python:3.13-slim', line: 1, endLine: 1 },
      { keyword: 'WORKDIR', args: '/app', line: 3, endLine: 3 },
      { keyword: 'COPY', args: '. .', line: 4, endLine: 4 },
    ]);
  });

  it('skips comments, including indented ones', () => {
    expect(summary('# hello\nFROM x\n   # indented\nRUN echo # not a comment\n')).toEqual([
      { keyword: 'FROM', args: 'x', line: 2, endLine: 2 },
      { keyword: 'RUN', args: 'echo # not a comment', line: 4, endLine: 4 },
    ]);
  });

  it('joins continuation lines like the engine (leading spaces kept, trailing escape dropped)', () => {
    const [, run] = parseDockerfile('FROM x\nRUN echo one \\\n  two \\  \n  three\nCMD x\n').instructions;
    expect(run).toMatchObject({ keyword: 'RUN', original: 'RUN echo one   two   three', line: 2, endLine: 4 });
  });

  it('does NOT continue a line that ends in a doubled escape (the engine reads it as a literal escape)', () => {
    // Issue 10 (critical): the engine's lineContinuationRegex needs a non-escape before the final escape.
    expect(summary('FROM busybox:latest\nRUN echo \\\\\nADD http://127.0.0.1:9/x /x\nRUN cat /x\n')).toEqual([
      { keyword: 'FROM', args: 'busybox:latest', line: 1, endLine: 1 },
      { keyword: 'RUN', args: 'echo \\\\', line: 2, endLine: 2 },
      { keyword: 'ADD', args: 'http://127.0.0.1:9/x /x', line: 3, endLine: 3 },
      { keyword: 'RUN', args: 'cat /x', line: 4, endLine: 4 },
    ]);
    // Three or more trailing escapes are not a continuation either (Go's regexp has no look-behind).
    expect(summary('FROM x\nRUN a \\\\\\  \nFROM evil\n').map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'FROM']);
    // With # escape=` the same holds for a doubled backtick, and a lone backtick line continues.
    expect(summary('# escape=`\nFROM x\nRUN a ``\nFROM evil\nRUN b `\n`\n c\n').map((i) => [i.keyword, i.args])).toEqual([
      ['FROM', 'x'],
      ['RUN', 'a ``'],
      ['FROM', 'evil'],
      ['RUN', 'b  c'],
    ]);
    // Inside a continuation the rule is the same: the doubled escape ends the instruction.
    expect(summary('FROM x\nRUN a \\\n  b \\\\\nCOPY --from=evil/img / /\n').map((i) => [i.keyword, i.args])).toEqual([
      ['FROM', 'x'],
      ['RUN', 'a   b \\\\'],
      ['COPY', '/ /'],
    ]);
  });

  it('drops every trailing \\r of a line, like the engine (CR CR LF still ends a continuation line cleanly)', () => {
    expect(summary('FROM x\r\r\nRUN a \\\r\r\n b\r\n').map((i) => [i.keyword, i.args])).toEqual([
      ['FROM', 'x'],
      ['RUN', 'a  b'],
    ]);
  });

  it('skips comment lines and empty lines inside a continuation (they do not end it)', () => {
    // Verified on Docker 20.10: prints `Step 5/8 : RUN echo one   two ENV A=b`.
    const text = 'FROM x\nRUN echo one \\\n  # inner comment\n  two \\\n\nENV A=b\nCMD y\n';
    expect(summary(text)).toEqual([
      { keyword: 'FROM', args: 'x', line: 1, endLine: 1 },
      { keyword: 'RUN', args: 'echo one   two ENV A=b', line: 2, endLine: 6 },
      { keyword: 'CMD', args: 'y', line: 7, endLine: 7 },
    ]);
  });

  it('honours # escape=` (and then a backslash is not a continuation)', () => {
    const parsed = parseDockerfile('# escape=`\nFROM x\nRUN echo a `\n  b\nRUN echo c\\\nADD http://evil/ /x\n');
    expect(parsed.escape).toBe('`');
    expect(parsed.instructions.map((i) => i.original)).toEqual(['FROM x', 'RUN echo a   b', 'RUN echo c\\', 'ADD http://evil/ /x']);
  });

  it('accepts the escape directive with spaces and any case, but only in the leading block', () => {
    expect(parseDockerfile('   #   ESCAPE  =  `  \nFROM x\n').escape).toBe('`');
    expect(parseDockerfile('\n# escape=`\nFROM x\n').escape).toBe('\\');
    expect(parseDockerfile('# hello\n# escape=`\nFROM x\n').escape).toBe('\\');
    expect(parseDockerfile('# foo=bar\n# escape=`\nFROM x\n').escape).toBe('\\');
    expect(parseDockerfile('FROM x\n# escape=`\n').escape).toBe('\\');
  });

  it('detects # syntax= as a directive, also before # escape=', () => {
    const parsed = parseDockerfile('# syntax=docker/dockerfile:1\n# escape=`\nFROM x\n');
    expect(parsed.directives).toEqual([
      { name: 'syntax', value: 'docker/dockerfile:1', line: 1 },
      { name: 'escape', value: '`', line: 2 },
    ]);
    expect(parsed.escape).toBe('`');
  });

  it('reports invalid and repeated directives as problems', () => {
    expect(parseDockerfile('# escape=x\nFROM a\n').problems).toHaveLength(1);
    expect(parseDockerfile('# escape=`\n# escape=\\\nFROM a\n').problems).toEqual([
      { line: 2, message: 'only one escape parser directive can be used' },
    ]);
  });

  it('splits lines on \\n only, dropping one \\r (CRLF files work; a lone \\r is not a line break)', () => {
    expect(summary('FROM x\r\nRUN a\r\n')).toEqual([
      { keyword: 'FROM', args: 'x', line: 1, endLine: 1 },
      { keyword: 'RUN', args: 'a', line: 2, endLine: 2 },
    ]);
    expect(summary('FROM x\rADD http://e/ /y\n')).toEqual([{ keyword: 'FROM', args: 'x\rADD http://e/ /y', line: 1, endLine: 1 }]);
  });

  it('strips a byte-order mark', () => {
    expect(summary('\uFEFFFROM x\n')).toEqual([{ keyword: 'FROM', args: 'x', line: 1, endLine: 1 }]);
  });

  it('extracts flags with the engine quoting rules, keeping offsets', () => {
    const [copy] = parseDockerfile('COPY --from="my stage" --chown=1:1 -- --not-a-flag /x\n').instructions;
    expect(copy.flags.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'from', value: 'my stage' },
      { name: 'chown', value: '1:1' },
    ]);
    expect(copy.args).toBe('--not-a-flag /x');
    expect(copy.original.slice(copy.flags[0].start, copy.flags[0].end)).toBe('--from="my stage"');
    expect(copy.original.slice(copy.argsStart)).toBe('--not-a-flag /x');
  });

  it('marks non-ASCII characters inside flags as uncertain', () => {
    expect(parseInstructionLine('COPY --from=b\u00e0d /a /b').flagsUncertain).toBe(true);
    expect(parseInstructionLine('COPY --from=bad /\u00e0 /b').flagsUncertain).toBe(false);
  });

  it('reads the JSON form like Go, ignoring trailing text', () => {
    expect(parseInstructionLine('ADD ["h\\u0074tp://x", "/y"] junk').json).toEqual({ kind: 'json', values: ['http://x', '/y'] });
    expect(parseInstructionLine('CMD ["a", 1]').json).toEqual({ kind: 'not-strings' });
    expect(parseInstructionLine('CMD ["a", ').json).toEqual({ kind: 'shell' });
    expect(parseInstructionLine('CMD echo [x]').json).toEqual({ kind: 'shell' });
  });

  const heredocNames = (text: string) =>
    parseDockerfile(`FROM x\n${text}`)
      .instructions.slice(1)
      .map((i) => i.heredocs.map((h) => h.name));

  it.each([
    ['RUN <<EOF\necho hi\nEOF\n', [['EOF']]],
    ['RUN <<-EOF\n\techo hi\n\tEOF\n', [['EOF']]],
    ['RUN <<"EOF"\necho $HOME\nEOF\n', [['EOF']]],
    ["COPY <<'END' /x\nbody\nEND\n", [['END']]],
    ['run cat <<EOF > /x\nbody\nEOF\n', [['EOF']]],
    ['RUN cat <<A 2<<B\na\nA\nb\nB\n', [['A', 'B']]],
    ['ONBUILD RUN <<EOF\nFROM evil\nEOF\n', [['EOF']]],
  ])('reads the heredoc (body included) in %j', (text, names) => {
    expect(heredocNames(text)).toEqual(names);
  });

  it.each([
    // `<< EOF`, `cat<<EOF` and `<<<` are not heredocs for the engine: the next lines are instructions.
    ['ADD << EOF /x\nRUN a\n', [[], []]],
    ['RUN cat<<EOF\nRUN a\n', [[], []]],
    ['RUN cat <<< "hi"\n', [[]]],
    ['CMD cat <<EOF\nRUN a\n', [[], []]],
    ['RUN ["sh", "-c", "cat <<EOF"]\nRUN a\n', [[], []]],
    // An unclosed quote makes the engine's shell lexer fail: no heredoc at all.
    ["RUN echo it's <<EOF\nRUN a\n", [[], []]],
  ])('finds no heredoc in %j', (text, names) => {
    expect(heredocNames(text)).toEqual(names);
  });

  it('keeps heredoc bodies out of the instruction list, with their lines and content', () => {
    const parsed = parseDockerfile('FROM x\nRUN <<EOF bash\nADD http://evil/ /x\r\n  EOF\nEOF\nCMD y\n');
    expect(parsed.instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([
      ['FROM', 1, 1],
      ['RUN', 2, 5],
      ['CMD', 6, 6],
    ]);
    expect(parsed.instructions[1].heredocs).toEqual([
      { name: 'EOF', chomp: false, expand: true, fd: 0, content: 'ADD http://evil/ /x\r\n  EOF\n', line: 3, endLine: 5 },
    ]);
  });

  it('reports an unterminated heredoc like the engine', () => {
    expect(parseDockerfile('FROM x\nRUN <<EOF\necho\n').problems).toEqual([{ line: 2, message: 'unterminated heredoc' }]);
  });

  it('maps spans back to the source, refusing spans across continuations', () => {
    const text = 'FROM x\nFROM \\\n  myimg AS b\n';
    const from = parseDockerfile(text).instructions[1];
    const start = from.argsStart;
    const span = sourceSpan(from, start, start + 'myimg'.length);
    expect(span && text.slice(span.start, span.end)).toBe('myimg');
    const split = parseDockerfile('FROM my\\\nimg\n').instructions[0];
    expect(split.args).toBe('myimg');
    expect(sourceSpan(split, split.argsStart, split.argsStart + 5)).toBeUndefined();
  });

  it('never throws, whatever the input', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed);
    const alphabet = [
      '\\',
      '`',
      '\n',
      '\r',
      ' ',
      '\t',
      '#',
      '"',
      "'",
      '[',
      ']',
      '-',
      '=',
      '<',
      '$',
      '{',
      '}',
      '\u0000',
      '\ufeff',
      'a',
      'FROM ',
      'RUN ',
      'ADD ',
      '--from=',
      '# escape=`\n',
    ];
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = random() % 80;
      for (let i = 0; i < length; i++) text += alphabet[random() % alphabet.length];
      expect(() => parseDockerfile(text)).not.toThrow();
    }
    const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    expect(() => parseDockerfile(garbage)).not.toThrow();
    expect(parseDockerfile('').instructions).toEqual([]);
    expect(parseDockerfile('\\').instructions).toHaveLength(1);
    expect(parseDockerfile('RUN ' + 'x'.repeat(1_000_000)).instructions[0].args).toHaveLength(1_000_000);
    expect(parseDockerfile(undefined as unknown as string).instructions).toEqual([]);
  });
});
