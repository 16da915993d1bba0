/**
 * One CEL expression (or message template) in Monaco: highlighting, completion, function hover
 * docs, and the type-check diagnostics as markers at their positions. The text is the caller's;
 * this component never rewrites it.
 */
import Editor from '@monaco-editor/react';
import type { OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { monaco, setupMonaco } from '../monaco/setup-monaco';
import { useMonacoTheme } from '../monaco/use-monaco-theme';
import type { CelDiagnosticDto } from '../../../electron/shared/contract-editor-types';
import { CEL_LANGUAGE, CEL_TEMPLATE_LANGUAGE, clearCelContext, registerCelLanguage, setCelContext } from './cel-language';
import type { CelCompletionContext } from './cel-completion';
import { markerRanges } from './cel-markers';

setupMonaco();
registerCelLanguage();

type CodeEditor = Parameters<OnMount>[0];

export function CelEditor(props: {
  readonly value: string;
  readonly onChange?: (text: string) => void;
  readonly template?: boolean;
  readonly diagnostics: readonly CelDiagnosticDto[];
  readonly context: CelCompletionContext;
  readonly ariaLabel: string;
  readonly readOnly?: boolean;
  readonly height?: number;
}) {
  const theme = useMonacoTheme();
  const editorRef = useRef<CodeEditor | null>(null);
  /** Texts this editor emitted lately: the caller echoing one back (even an older one) is not a change. */
  const emitted = useRef<string[]>([]);
  const { value, diagnostics, context } = props;

  // The editor is uncontrolled while the user types: a re-render that lags a keystroke behind
  // must never push its older text back into the model (that drops the characters typed since).
  // Only a value the editor did not emit (builder edit, reset, revert, capture) replaces the text.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || value === model.getValue() || emitted.current.includes(value)) return;
    emitted.current = [];
    if (props.readOnly) {
      model.setValue(value);
      return;
    }
    editor.executeEdits('countersign', [{ range: model.getFullModelRange(), text: value }]);
    editor.pushUndoStop();
  }, [value]);

  const applyMarkers = () => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(model, 'cel', markerRanges(model.getValue(), diagnostics).map((m) => ({
      ...m, severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    })));
  };
  useEffect(applyMarkers, [diagnostics, value]);
  useEffect(() => {
    const uri = editorRef.current?.getModel()?.uri.toString();
    if (uri) setCelContext(uri, context);
  }, [context]);
  useEffect(() => () => {
    const uri = editorRef.current?.getModel()?.uri.toString();
    if (uri) clearCelContext(uri);
  }, []);

  return (
    <div className="cel-editor" data-testid={props.template ? 'cel-template-editor' : 'cel-editor'}>
      <Editor
        height={props.height ?? 180}
        defaultValue={value}
        language={props.template ? CEL_TEMPLATE_LANGUAGE : CEL_LANGUAGE}
        theme={theme}
        loading={<p className="hint">Loading the CEL editor…</p>}
        onChange={(t) => {
          const text = t ?? '';
          emitted.current = [...emitted.current.slice(-49), text];
          props.onChange?.(text);
        }}
        onMount={(editor) => {
          editorRef.current = editor;
          const uri = editor.getModel()?.uri.toString();
          if (uri) setCelContext(uri, context);
          applyMarkers();
        }}
        options={{
          readOnly: props.readOnly ?? false,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          wordWrap: 'on',
          lineNumbers: 'on',
          folding: false,
          fixedOverflowWidgets: true,
          quickSuggestions: { other: true, strings: false, comments: false },
          ariaLabel: props.ariaLabel,
        }}
      />
    </div>
  );
}
