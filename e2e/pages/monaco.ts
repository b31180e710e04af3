import type { Page } from '@playwright/test';

/**
 * Reads (and, for fixtures only, sets) the workbench's files through Monaco's own
 * API: the AMD build the page loads from /monaco/vs publishes `window.monaco`.
 * The app installs no test hook of its own.
 */
type Marker = { startLineNumber: number; message: string; severity: number; code?: string | { value: string } };
type Model = {
  getValue(): string;
  getFullModelRange(): unknown;
  pushEditOperations(a: [], e: { range: unknown; text: string }[], c: () => null): void;
};
type MonacoGlobal = {
  Uri: { parse(s: string): unknown };
  editor: { getModel(uri: unknown): Model | null; getModelMarkers(f: { owner: string; resource: unknown }): Marker[] };
};
declare global {
  interface Window {
    monaco?: MonacoGlobal;
  }
}

export const workspaceUri = (path: string) => `file:///workspace/${path}`;
export const MARKER_OWNERS = { build: 'layerlab', coach: 'layerlab-coach' } as const;

export async function monacoLoaded(page: Page) {
  await page.waitForFunction(() => !!window.monaco);
}

/** The text of a file that has an editor model (the Dockerfile always has one; others once opened). */
export function modelText(page: Page, path: string) {
  return page.evaluate((uri) => {
    const m = window.monaco!;
    return m.editor.getModel(m.Uri.parse(uri))?.getValue();
  }, workspaceUri(path));
}

/** Replaces a model's text as one edit (a paste, as far as the app can tell). */
export function replaceModelText(page: Page, path: string, content: string) {
  return page.evaluate(
    ([uri, text]) => {
      const m = window.monaco!;
      const model = m.editor.getModel(m.Uri.parse(uri));
      if (!model) throw new Error(`no editor model for ${uri}`);
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    },
    [workspaceUri(path), content] as const,
  );
}

export function modelMarkers(page: Page, path: string, owner: keyof typeof MARKER_OWNERS) {
  return page.evaluate(
    ([uri, ownerId]) => {
      const m = window.monaco!;
      return m.editor.getModelMarkers({ owner: ownerId, resource: m.Uri.parse(uri) }).map((mk) => ({
        line: mk.startLineNumber,
        message: mk.message,
        severity: mk.severity,
        ...(mk.code !== undefined && { code: typeof mk.code === 'string' ? mk.code : mk.code.value }),
      }));
    },
    [workspaceUri(path), MARKER_OWNERS[owner]] as const,
  );
}
