export function monacoVersion(): string;
export function monacoVsPath(): string;
export const IMMUTABLE: string;
export function monacoCacheRule(): { source: string; headers: { key: string; value: string }[] };
