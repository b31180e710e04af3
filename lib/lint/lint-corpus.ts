import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Inputs for the coach's tests and its speed benchmark: the Dockerfiles in
 * lib/lint/corpus, and generated ones too big or too odd to keep as files.
 * Node only (reads files); never imported by the editor.
 */

const dir = path.join(import.meta.dirname, 'corpus');

export function corpusFiles(): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.Dockerfile'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** Generated inputs too big or too odd to keep as files. */
export function generated(): { name: string; text: string }[] {
  const steps = Array.from({ length: 2000 }, (_, i) =>
    i % 4 === 0
      ? `RUN apt-get install -y \\\n    pkg${i} \\\n    apkg${i}`
      : i % 4 === 1
        ? `COPY f${i} /f${i}`
        : i % 4 === 2
          ? `ENV V${i}="value ${i}"`
          : `# comment ${i}`,
  );
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return [
    { name: 'huge (2000 steps, ~60 KB)', text: `FROM python:3.13-slim\n${steps.join('\n')}\n` },
    { name: 'one 1 MB RUN line', text: `FROM busybox:latest\nRUN echo ${'x'.repeat(1 << 20)}\n` },
    {
      name: '20k continuation lines',
      text: `FROM busybox:latest\nRUN apk add \\\n${Array.from({ length: 20_000 }, (_, i) => `  p${20_000 - i} \\`).join('\n')}\n  z\n`,
    },
    {
      name: 'unterminated quotes and brackets',
      text: `FROM busybox:latest\nRUN echo "${"'".repeat(5000)}\nCMD [${'"a",'.repeat(3000)}\nENV A="${'\\'.repeat(3001)}\n`,
    },
    {
      name: 'random printable text',
      text: Array.from({ length: 20_000 }, () => String.fromCharCode(32 + Math.floor(random() * 95)))
        .join('')
        .replace(/~/g, '\n'),
    },
    {
      name: 'random code points',
      text: Array.from({ length: 20_000 }, () => String.fromCodePoint(Math.floor(random() * 0x10ffff) & ~0x800)).join(''),
    },
    { name: 'deep heredocs', text: `FROM busybox:latest\n${'RUN <<A <<B\n'.repeat(500)}` },
  ];
}
