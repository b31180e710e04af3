const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The plain editor's accessible name: which file, and that the full editor is still on its way. */
export const labelFor = (path: string) => `Editor: ${path} (plain text while the full editor loads)`;

/**
 * The plain editor's <textarea> as HTML. React hydrating a <textarea> puts back the server's text
 * (react-dom's initTextarea), which would drop what the learner typed before hydration; as raw HTML
 * React leaves it alone, so it takes input from the moment the browser paints it. The learner's text
 * is escaped (it may hold `</textarea>`), and the parser drops one newline after the start tag, so one
 * is added.
 */
export function textareaHtml(path: string, content: string) {
  return (
    `<textarea class="editor-plain" aria-label="${escapeHtml(labelFor(path))}" ` +
    `spellcheck="false" autocapitalize="off" autocomplete="off" autocorrect="off">\n${escapeHtml(content)}</textarea>`
  );
}
