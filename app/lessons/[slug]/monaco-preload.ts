import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { preload } from 'react-dom';
import { MONACO_VS } from '@/lib/monaco-path';

/**
 * Monaco's files, announced in the lesson page's <head> (`<link rel=preload>`),
 * so the browser fetches them alongside the page instead of after the editor's
 * chunk has run. The list is read once from the AMD entry point copied to
 * public/monaco/<version>/vs (its hashed chunk names change with the Monaco version).
 */
const VS = MONACO_VS;
let scripts: string[] | undefined;

/** Chunk names an AMD module of public/monaco/<version>/vs declares in its define([...]) (first 600 characters). */
function dependencies(file: string): string[] {
  try {
    const head = fs.readFileSync(path.join(process.cwd(), 'public', file)).subarray(0, 600).toString('utf8');
    const deps = /define\("[^"]+",\s*\[([^\]]*)\]/.exec(head)?.[1] ?? '';
    return [...deps.matchAll(/"\.\.?\/([\w.-]+)"/g)].map((m) => `${VS}/${m[1]}.js`);
  } catch {
    return [];
  }
}

function monacoScripts(): string[] {
  if (scripts) return scripts;
  const entry = `${VS}/editor/editor.main.js`;
  // Breadth first from the entry point: every chunk the editor needs before it can take input.
  const found = new Set<string>([`${VS}/loader.js`, entry]);
  const queue = dependencies(entry);
  while (queue.length > 0 && found.size < 40) {
    const next = queue.shift()!;
    if (found.has(next)) continue;
    found.add(next);
    queue.push(...dependencies(next));
  }
  scripts = [...found];
  return scripts;
}

export function preloadMonaco() {
  for (const href of monacoScripts()) preload(href, { as: 'script' });
  preload(`${VS}/editor/editor.main.css`, { as: 'style' });
}
