'use client';

/**
 * Which files each build was made from, by build id, so "Check my work" can
 * reuse a build after a reload instead of building the same files again.
 * Only a digest is kept, in this browser; losing it costs one (cached) build.
 */
const BUILT_KEY = 'layerlab:built-files';
const BUILT_KEEP = 50;

export function rememberBuilt(id: string, fingerprint: string) {
  try {
    const map = JSON.parse(localStorage.getItem(BUILT_KEY) ?? '{}') as Record<string, string>;
    map[id] = fingerprint;
    const trimmed = Object.fromEntries(Object.entries(map).slice(-BUILT_KEEP));
    localStorage.setItem(BUILT_KEY, JSON.stringify(trimmed));
  } catch {
    // Storage can be full or disabled; the check then simply builds again.
  }
}

export function builtFingerprint(id: string): string | undefined {
  try {
    return (JSON.parse(localStorage.getItem(BUILT_KEY) ?? '{}') as Record<string, string>)[id];
  } catch {
    return undefined;
  }
}
