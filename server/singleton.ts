import 'server-only';

/**
 * One instance per process. Next.js may load a module once per route bundle, so
 * process-wide state (the queue, the event bus, the database) hangs off globalThis.
 */
export function singleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`layerlab.${name}`);
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  return (g[key] ??= create());
}

export function replaceSingleton<T>(name: string, value: T) {
  (globalThis as unknown as Record<symbol, T>)[Symbol.for(`layerlab.${name}`)] = value;
}
