/**
 * A read-only excerpt of a change set's source file with one line highlighted (a finding's
 * location) and scrolled into view. Line numbers are the file's, not the excerpt's.
 */
import Editor from '@monaco-editor/react';
import type { OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { monaco, setupMonaco } from './setup-monaco';
import { useMonacoTheme } from './use-monaco-theme';

setupMonaco();

type CodeEditor = Parameters<OnMount>[0];

export function SourceExcerptEditor(props: {
  readonly file: string;
  readonly text: string;
  readonly firstLine: number;
  readonly language: 'json' | 'yaml' | 'plaintext';
  /** The file's line number to highlight. */
  readonly highlightLine: number;
  readonly height?: number;
}) {
  const { text, firstLine, highlightLine } = props;
  const theme = useMonacoTheme();
  const editorRef = useRef<CodeEditor | null>(null);
  const decorations = useRef<ReturnType<CodeEditor['createDecorationsCollection']> | null>(null);

  // Re-decorate whenever the text or the line changes (the editor instance is reused).
  const decorate = (editor: CodeEditor) => {
    const lineInExcerpt = highlightLine - firstLine + 1;
    const lines = editor.getModel()?.getLineCount() ?? 0;
    decorations.current?.clear();
    if (lineInExcerpt < 1 || lineInExcerpt > lines) return;
    decorations.current = editor.createDecorationsCollection([{
      range: new monaco.Range(lineInExcerpt, 1, lineInExcerpt, 1),
      options: {
        isWholeLine: true,
        className: 'finding-line',
        linesDecorationsClassName: 'finding-line-gutter',
        overviewRuler: { color: '#e53935', position: monaco.editor.OverviewRulerLane.Full },
      },
    }]);
    editor.revealLineInCenter(lineInExcerpt);
  };

  useEffect(() => {
    if (editorRef.current) decorate(editorRef.current);
  }, [text, firstLine, highlightLine]);

  return (
    <div className="source-excerpt" data-testid="source-excerpt">
      <Editor
        height={props.height ?? 220}
        value={text}
        language={props.language}
        theme={theme}
        loading={<p className="hint">Loading the source view…</p>}
        onMount={(editor) => {
          editorRef.current = editor;
          decorate(editor);
        }}
        options={{
          readOnly: true,
          domReadOnly: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          lineNumbers: (n: number) => String(n + firstLine - 1),
          renderLineHighlight: 'none',
          folding: false,
          ariaLabel: `Source of ${props.file}, from line ${firstLine}; line ${highlightLine} highlighted`,
        }}
      />
    </div>
  );
}
