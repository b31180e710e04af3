/** The learner's editable state for one lesson, and small pure helpers over it. */
import { DOCKERFILE_PATH, MAX_FILES, MAX_FILE_BYTES, MAX_TOTAL_BYTES, utf8Length, validatePath } from '@/lib/build-context';

export type WorkspaceFile = { path: string; content: string };
export type InitialWorkspace = {
  files: WorkspaceFile[];
  tag: string;
  lastBuildId?: string;
  lastRunId?: string;
};

/** Why `path` cannot be used for a new or renamed file, or undefined when it can. */
export function fileNameProblem(files: WorkspaceFile[], path: string, renaming?: string): string | undefined {
  const problem = validatePath(path);
  if (problem) return `The name ${problem}.`;
  if (path !== renaming && files.some((f) => f.path === path)) return `A file named “${path}” already exists.`;
  if (renaming === undefined && files.length >= MAX_FILES) return `A build context holds at most ${MAX_FILES} files.`;
  for (const f of files) {
    if (f.path === renaming) continue;
    if (path.startsWith(`${f.path}/`)) return `“${f.path}” is a file, so it cannot also be a folder.`;
    if (f.path.startsWith(`${path}/`)) return `“${path}” is already a folder.`;
  }
  return undefined;
}

/** Whether `path` lies inside `folder` (at any depth). */
export function isInFolder(path: string, folder: string): boolean {
  return path.startsWith(`${folder}/`);
}

/** Why the folder `from` cannot be renamed to `to` (every file under it moves along), or undefined when it can. */
export function folderNameProblem(files: WorkspaceFile[], from: string, to: string): string | undefined {
  const problem = validatePath(to);
  if (problem) return `The name ${problem}.`;
  if (to === from) return undefined;
  for (const f of files) {
    if (isInFolder(f.path, from)) {
      const moved = to + f.path.slice(from.length);
      const movedProblem = validatePath(moved);
      if (movedProblem) return `“${moved}” ${movedProblem}.`;
      continue;
    }
    if (f.path === to) return `A file named “${to}” already exists.`;
    if (isInFolder(f.path, to)) return `A folder named “${to}” already exists.`;
    if (isInFolder(to, f.path)) return `“${f.path}” is a file, so it cannot also be a folder.`;
  }
  return undefined;
}

/** The files with the folder `from` renamed to `to`: each file under it keeps its content and place in the list. */
export function renameFolderIn(files: WorkspaceFile[], from: string, to: string): WorkspaceFile[] {
  return files.map((f) => (isInFolder(f.path, from) ? { ...f, path: to + f.path.slice(from.length) } : f));
}

/** Problems that would make the API refuse a build, said before sending it. */
export function contextProblems(files: WorkspaceFile[]): string[] {
  const problems: string[] = [];
  if (!files.some((f) => f.path === DOCKERFILE_PATH)) problems.push(`Add a file named exactly “${DOCKERFILE_PATH}”.`);
  for (const f of files) {
    if (utf8Length(f.content) > MAX_FILE_BYTES) problems.push(`“${f.path}” is larger than ${MAX_FILE_BYTES / 1024} KiB.`);
  }
  const total = files.reduce((n, f) => n + utf8Length(f.content), 0);
  if (total > MAX_TOTAL_BYTES) problems.push(`The files together are larger than ${MAX_TOTAL_BYTES / 1024 / 1024} MiB.`);
  return problems;
}

export function sameFiles(a: WorkspaceFile[], b: WorkspaceFile[]): boolean {
  return a.length === b.length && a.every((f, i) => f.path === b[i].path && f.content === b[i].content);
}

export function languageFor(path: string): string {
  const name = path.split('/').pop() ?? path;
  if (name === 'Dockerfile' || name.endsWith('.Dockerfile') || name.startsWith('Dockerfile.')) return 'dockerfile';
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const map: Record<string, string> = {
    py: 'python',
    js: 'javascript',
    mjs: 'javascript',
    ts: 'typescript',
    json: 'json',
    sh: 'shell',
    yml: 'yaml',
    yaml: 'yaml',
    md: 'markdown',
    html: 'html',
    css: 'css',
    ini: 'ini',
    toml: 'ini',
    go: 'go',
  };
  return map[ext] ?? 'plaintext';
}

/**
 * A short, stable digest of a build context (order of files does not matter):
 * enough to tell "these are the files of the last build" without keeping a copy.
 */
export function filesFingerprint(files: WorkspaceFile[]): string {
  const text = JSON.stringify([...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => [f.path, f.content]));
  // 53-bit FNV-style mix over UTF-16 units (two 32-bit lanes); collisions are not a security concern here.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${text.length.toString(36)}-${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}
