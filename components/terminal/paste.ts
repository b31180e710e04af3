/** How a lesson's ```terminal block reaches the terminal panel: a window event, so neither imports the other. */
export const PASTE_EVENT = 'layerlab:terminal-paste';

export function pasteIntoTerminal(text: string) {
  window.dispatchEvent(new CustomEvent<string>(PASTE_EVENT, { detail: text }));
}
