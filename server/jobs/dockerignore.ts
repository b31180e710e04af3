import 'server-only';

/**
 * `.dockerignore`, applied the way the docker CLI does before it sends a context:
 * the legacy builder's `/build` endpoint does not filter by itself. Patterns follow
 * Go's filepath.Match plus `**`; `!` re-includes; the last matching line wins; a
 * pattern that matches a folder excludes everything in it. The Dockerfile is always sent.
 */

type Rule = { regex: RegExp; negate: boolean };

function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        // `**/` matches zero or more whole folders; a bare `**` anything at all.
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let cls = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (cls.startsWith('^') || cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) re += '\\' + glob[++i];
    else re += c.replace(/[.+^${}()|]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Go's filepath.Clean, then a leading `/` dropped, as Docker's pattern reader does:
 * `..` cancels a folder before it, but a leading `..` stays (and so never matches
 * anything inside the context), where a rooted `/../x` is just `x`.
 */
function clean(pattern: string) {
  const rooted = pattern.startsWith('/');
  const parts: string[] = [];
  for (const seg of pattern.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push(seg);
    } else parts.push(seg);
  }
  return parts.join('/');
}

export function parseDockerignore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    const pattern = clean(line);
    if (pattern) rules.push({ regex: globToRegex(pattern), negate });
  }
  return rules;
}

export function isIgnored(path: string, rules: Rule[]): boolean {
  // Check the path and each of its parent folders, as Docker does.
  const segments = path.split('/');
  const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((c) => rule.regex.test(c))) ignored = !rule.negate;
  }
  return ignored;
}

export function applyDockerignore<F extends { path: string }>(files: F[]): F[] {
  const ignore = files.find((f) => f.path === '.dockerignore') as (F & { content?: string }) | undefined;
  if (!ignore || typeof ignore.content !== 'string') return files;
  const rules = parseDockerignore(ignore.content);
  return files.filter((f) => f.path === 'Dockerfile' || !isIgnored(f.path, rules));
}
