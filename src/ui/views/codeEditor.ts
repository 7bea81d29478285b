// The Code view's editor: CodeMirror 6 with Python, line numbers and lint diagnostics.
// This module is loaded on demand (import('./codeEditor.ts')) so CodeMirror stays out of
// the first view's bundle. One EditorView shows one file at a time; each file keeps its
// own EditorState (text, undo history, cursor) here, so switching files or views never
// loses an unsaved edit or its undo history.
import { indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';
import { basicSetup, EditorView } from 'codemirror';

export interface FileError {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  message: string;
}

export interface EditorHooks {
  /** the text of the open file changed (typing, undo, paste) */
  onChange: (key: string, doc: string) => void;
  /** Ctrl/Cmd+S in the editor */
  onSave: () => void;
}

export interface CodeEditor {
  /** Show the file `key`; its text is `doc` unless an edited state is already kept for it. */
  open(key: string, doc: string, label: string): void;
  /** Replace a file's text (after a reset, or when the saved file changed and nothing was edited). */
  reset(key: string, doc: string): void;
  /** Forget a file's kept state (deleted file). */
  forget(key: string): void;
  /** The text of a kept file, if it was opened. */
  text(key: string): string | undefined;
  /** Import errors of the open file as lint diagnostics, at their line and column. */
  setErrors(errors: readonly FileError[]): void;
  gotoLine(line: number, column?: number | null): void;
  focus(): void;
  destroy(): void;
}

/** Kept per file across mounts of the view (the module lives as long as the page). */
const states = new Map<string, EditorState>();
/** Kept states outlive a mount, so their extensions reach the mounted view through these. */
const label = new Compartment();
let hooks: EditorHooks | null = null;

// Colours come from CSS variables the Code view defines (light and dark).
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--cm-keyword)', fontWeight: '600' },
  { tag: [t.string, t.special(t.string)], color: 'var(--cm-string)' },
  { tag: [t.comment, t.lineComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cm-number)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName), t.definition(t.function(t.variableName))], color: 'var(--cm-function)' },
  { tag: [t.className, t.definition(t.className)], color: 'var(--cm-class)' },
  { tag: [t.meta, t.annotation], color: 'var(--cm-meta)' },
  { tag: [t.propertyName], color: 'var(--cm-property)' },
  { tag: [t.operator], color: 'var(--cm-operator)' },
  { tag: t.invalid, color: 'var(--danger)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--panel)', color: 'var(--text)', fontSize: '14px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)', borderLeftWidth: '2px' },
  '.cm-gutters': { backgroundColor: 'var(--bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-gutter)', color: 'var(--text)' },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-3px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--cm-selection)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--danger)', textUnderlineOffset: '3px' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-diagnostic': { whiteSpace: 'pre-wrap', fontFamily: 'var(--font)', maxWidth: '46rem' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--danger)' },
  '.cm-panels': { backgroundColor: 'var(--bg)', color: 'var(--text)' },
  '.cm-lint-marker': { width: '1em', height: '1em' },
});

export function createEditor(parent: HTMLElement, mounted: EditorHooks): CodeEditor {
  let current: string | null = null;
  hooks = mounted;

  const extensions = (key: string, aria: string): Extension[] => [
    basicSetup,
    python(),
    syntaxHighlighting(highlight),
    lintGutter(),
    theme,
    keymap.of([indentWithTab]),
    Prec.highest(
      keymap.of([
        {
          key: 'Mod-s',
          preventDefault: true,
          run: () => {
            hooks?.onSave();
            return true;
          },
        },
      ]),
    ),
    label.of(EditorView.contentAttributes.of({ 'aria-label': aria, tabindex: '0' })),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) hooks?.onChange(key, u.state.doc.toString());
    }),
  ];

  const view = new EditorView({ parent });

  const keep = () => {
    if (current !== null) states.set(current, view.state);
  };

  return {
    open(key, doc, aria) {
      keep();
      let st = states.get(key);
      if (!st) {
        st = EditorState.create({ doc, extensions: extensions(key, aria) });
        states.set(key, st);
      }
      current = key;
      view.setState(st);
      view.dispatch({ effects: label.reconfigure(EditorView.contentAttributes.of({ 'aria-label': aria, tabindex: '0' })) });
    },
    reset(key, doc) {
      if (key === current) {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
        states.set(key, view.state);
      } else {
        const st = states.get(key);
        if (st) states.set(key, st.update({ changes: { from: 0, to: st.doc.length, insert: doc } }).state);
      }
    },
    forget(key) {
      states.delete(key);
    },
    text(key) {
      if (key === current) return view.state.doc.toString();
      return states.get(key)?.doc.toString();
    },
    setErrors(errors) {
      const doc = view.state.doc;
      const diagnostics: Diagnostic[] = errors.map((e) => {
        const line = doc.line(Math.min(Math.max(1, e.line), doc.lines));
        const from = Math.min(line.from + Math.max(0, e.column - 1), line.to);
        // underline from the column to the end of the line (at least one character)
        const to = line.to > from ? line.to : Math.min(from + 1, doc.length);
        return { from, to, severity: 'error', source: 'Airflow DagBag', message: e.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    gotoLine(n, column) {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(1, n), doc.lines));
      const pos = Math.min(line.from + Math.max(0, (column ?? 1) - 1), line.to);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
    },
    focus() {
      view.focus();
    },
    destroy() {
      keep();
      current = null;
      if (hooks === mounted) hooks = null;
      view.destroy();
    },
  };
}
