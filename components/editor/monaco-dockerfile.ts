/**
 * The Dockerfile coach inside Monaco: lint diagnostics as markers, their
 * quick fixes as code actions (lightbulb / Ctrl+.), "Learn more" links that
 * open a rule's explanation in the app, and completion and hover docs for
 * instructions, flags and the catalog's base images.
 *
 * Imported only by the editor (itself loaded lazily), so none of this is in
 * the lesson page's first-load JS.
 */
import type { editor, IDisposable, IMarkdownString, languages } from 'monaco-editor';
import { catalog } from '@/lib/image-catalog';
import type { Diagnostic, Severity } from '@/lib/lint';
import { completionContext, hoverTarget, stageNames } from './dockerfile-language';
import { instructionDoc, instructionDocs } from './instruction-docs';

/** Typed from monaco-editor itself (@monaco-editor/react's `Monaco` type does not resolve under its exports map). */
type Monaco = typeof import('monaco-editor');

/** Build failures and refusals (from the server) keep their own owner, so the two never clear each other. */
export const COACH_OWNER = 'layerlab-coach';
const COACH_SOURCE = 'Dockerfile coach';
const LANGUAGE = 'dockerfile';
const RULE_PATH = '/api/rules/';

/** Diagnostics together with the exact text they were computed from. */
export type Linted = { source: string; diagnostics: (Diagnostic & { title?: string })[] };

export type CoachHost = {
  /** The latest lint of the model with this URI, if any. */
  linted(uri: string): Linted | undefined;
  showRule(id: string): void;
};

/**
 * The link a rule id points at. An in-app URL so it still leads somewhere
 * sensible (the rule's JSON) if the link opener below were bypassed.
 */
export function ruleLink(monaco: Monaco, id: string) {
  return monaco.Uri.parse(`${window.location.origin}${RULE_PATH}${encodeURIComponent(id)}`);
}

function ruleIdOf(resource: { authority: string; path: string }): string | undefined {
  if (resource.authority !== window.location.host || !resource.path.startsWith(RULE_PATH)) return undefined;
  return decodeURIComponent(resource.path.slice(RULE_PATH.length)) || undefined;
}

function markerSeverity(monaco: Monaco, severity: Severity) {
  return severity === 'error'
    ? monaco.MarkerSeverity.Error
    : severity === 'warning'
      ? monaco.MarkerSeverity.Warning
      : monaco.MarkerSeverity.Info;
}

export function coachMarkers(monaco: Monaco, model: editor.ITextModel, diagnostics: Diagnostic[]): editor.IMarkerData[] {
  const lines = model.getLineCount();
  return diagnostics
    .filter((d) => d.line >= 1 && d.line <= lines)
    .map((d) => {
      const endLine = Math.min(Math.max(d.endLine ?? d.line, d.line), lines);
      const startColumn = d.column ?? (model.getLineFirstNonWhitespaceColumn(d.line) || 1);
      const endColumn = d.endColumn ?? model.getLineMaxColumn(endLine);
      return {
        severity: markerSeverity(monaco, d.severity),
        message: d.message,
        source: COACH_SOURCE,
        code: { value: d.ruleId, target: ruleLink(monaco, d.ruleId) },
        startLineNumber: d.line,
        endLineNumber: endLine,
        startColumn,
        // An empty range would draw no squiggle.
        endColumn: endLine === d.line && endColumn <= startColumn ? model.getLineMaxColumn(endLine) : endColumn,
      };
    });
}

/** The model edits of a fix: whole-line replacements, like lib/lint's applyFix. */
export function fixEdits(model: editor.ITextModel, diagnostic: Diagnostic): languages.TextEdit[] {
  return (diagnostic.fix?.edits ?? []).map((edit) => {
    const end = Math.min(edit.endLine ?? edit.line, model.getLineCount());
    return {
      range: { startLineNumber: edit.line, startColumn: 1, endLineNumber: end, endColumn: model.getLineMaxColumn(end) },
      text: edit.newText,
    };
  });
}

/** Whether a lint describes the model's text as it is now (Monaco may have normalised CRLF). */
export function describes(linted: Linted | undefined, model: editor.ITextModel): linted is Linted {
  // 1 = EndOfLinePreference.LF (a type-only import of Monaco has no enums).
  return !!linted && linted.source.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n') === model.getValue(1, false);
}

/** The diagnostics a marker stands for, when they still describe the model's text. */
function current(model: editor.ITextModel, host: CoachHost): Linted['diagnostics'] {
  const linted = host.linted(model.uri.toString());
  return describes(linted, model) ? linted.diagnostics : [];
}

const codeOf = (marker: editor.IMarkerData) => (typeof marker.code === 'object' ? marker.code.value : marker.code);

export function provideCoachActions(host: CoachHost, model: editor.ITextModel, markers: editor.IMarkerData[]): languages.CodeAction[] {
  const diagnostics = current(model, host);
  const fixes: languages.CodeAction[] = [];
  const explain: languages.CodeAction[] = [];
  for (const marker of markers) {
    if (marker.source !== COACH_SOURCE) continue;
    const id = codeOf(marker);
    const diagnostic = diagnostics.find((d) => d.ruleId === id && d.line === marker.startLineNumber);
    if (!diagnostic) continue;
    if (diagnostic.fix) {
      fixes.push({
        title: diagnostic.fix.title,
        kind: 'quickfix',
        isPreferred: true,
        diagnostics: [marker],
        edit: {
          edits: fixEdits(model, diagnostic).map((textEdit) => ({ resource: model.uri, textEdit, versionId: model.getVersionId() })),
        },
      });
    }
    if (!explain.some((a) => a.command?.arguments?.[0] === diagnostic.ruleId)) {
      explain.push({
        title: `Explain “${diagnostic.title ?? diagnostic.ruleId}”`,
        kind: 'quickfix.explain',
        diagnostics: [marker],
        command: { id: SHOW_RULE_COMMAND, title: 'Explain', arguments: [diagnostic.ruleId] },
      });
    }
  }
  return [...fixes, ...explain];
}

const SHOW_RULE_COMMAND = 'layerlab.showRule';

function md(value: string): IMarkdownString {
  return { value, isTrusted: false };
}

/** Registers everything once per page; the host is read on each call, so a remounted editor just swaps it. */
export function registerDockerfileInsight(monaco: Monaco, host: CoachHost): IDisposable {
  const disposables: IDisposable[] = [];

  disposables.push(
    monaco.editor.registerLinkOpener({
      open(resource) {
        const id = ruleIdOf(resource);
        if (!id) return false;
        host.showRule(id);
        return true;
      },
    }),
    monaco.editor.registerCommand(SHOW_RULE_COMMAND, (_accessor: unknown, id: unknown) => {
      if (typeof id === 'string') host.showRule(id);
    }),
  );

  disposables.push(
    monaco.languages.registerCodeActionProvider(
      LANGUAGE,
      {
        provideCodeActions(model, _range, context) {
          return { actions: provideCoachActions(host, model, context.markers), dispose() {} };
        },
      },
      { providedCodeActionKinds: ['quickfix'] },
    ),
  );

  disposables.push(
    monaco.languages.registerCompletionItemProvider(LANGUAGE, {
      triggerCharacters: [' ', '-', '='],
      provideCompletionItems(model, position) {
        const getLine = (n: number) => (n >= 1 && n <= model.getLineCount() ? model.getLineContent(n) : '');
        const context = completionContext(getLine, position.lineNumber, position.column);
        if (context.kind === 'none') return { suggestions: [] };
        const range = {
          startLineNumber: position.lineNumber,
          endLineNumber: position.lineNumber,
          startColumn: context.span.start,
          endColumn: context.span.end,
        };
        const { CompletionItemKind, CompletionItemInsertTextRule } = monaco.languages;
        if (context.kind === 'instruction') {
          return {
            suggestions: instructionDocs.map((doc, i) => ({
              label: doc.name,
              kind: CompletionItemKind.Keyword,
              detail: doc.syntax,
              documentation: md(doc.summary),
              insertText: `${doc.name} ${doc.snippet ?? ''}`,
              insertTextRules: doc.snippet ? CompletionItemInsertTextRule.InsertAsSnippet : undefined,
              sortText: String(i).padStart(2, '0'),
              range,
            })),
          };
        }
        if (context.kind === 'flag') {
          return {
            suggestions: (instructionDoc(context.instruction)?.flags ?? []).map((flag) => ({
              label: flag.name,
              kind: CompletionItemKind.Property,
              detail: flag.syntax,
              documentation: md(flag.summary),
              insertText: `${flag.name}=`,
              range,
            })),
          };
        }
        if (context.kind === 'image') {
          return {
            suggestions: catalog.map((image) => ({
              label: image.ref,
              kind: CompletionItemKind.Module,
              detail: 'Base image available in this sandbox',
              documentation: md(image.description),
              insertText: image.ref,
              range,
            })),
          };
        }
        return {
          suggestions: stageNames(getLine, model.getLineCount(), position.lineNumber).map((name) => ({
            label: name,
            kind: CompletionItemKind.Reference,
            detail: 'Build stage',
            insertText: name,
            range,
          })),
        };
      },
    }),
  );

  disposables.push(
    monaco.languages.registerHoverProvider(LANGUAGE, {
      provideHover(model, position) {
        const getLine = (n: number) => (n >= 1 && n <= model.getLineCount() ? model.getLineContent(n) : '');
        const contents: IMarkdownString[] = [];
        const target = hoverTarget(getLine, position.lineNumber, position.column);
        if (target?.kind === 'instruction') contents.push(md(`**${target.doc.name}** · \`${target.doc.syntax}\`\n\n${target.doc.summary}`));
        if (target?.kind === 'flag')
          contents.push(md(`**${target.instruction} ${target.doc.name}** · \`${target.doc.syntax}\`\n\n${target.doc.summary}`));
        // The coach's findings here: each with a link to its explanation (the marker hover shows the message itself).
        const here = current(model, host).filter((d) => position.lineNumber >= d.line && position.lineNumber <= (d.endLine ?? d.line));
        for (const id of new Set(here.map((d) => d.ruleId))) {
          const title = here.find((d) => d.ruleId === id)?.title;
          contents.push(md(`Coach · \`${id}\`${title ? ` — ${title}` : ''} · [Learn more](${ruleLink(monaco, id).toString(true)})`));
        }
        if (contents.length === 0) return null;
        const span = target?.span;
        return {
          contents,
          range: span
            ? { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: span.start, endColumn: span.end }
            : undefined,
        };
      },
    }),
  );

  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}
