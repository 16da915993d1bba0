/**
 * Before/after of one resource in Monaco's diff editor, read-only. The texts come from the
 * core's masked model (sensitive values are already replaced), never from the raw files.
 */
import { DiffEditor } from '@monaco-editor/react';
import type { DiffOnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { setupMonaco } from './setup-monaco';
import { useMonacoTheme } from './use-monaco-theme';

setupMonaco();

type DiffModels = ReturnType<Parameters<DiffOnMount>[0]['getModel']>;

export function ResourceDiff(props: {
  readonly address: string;
  readonly before: string;
  readonly after: string;
  readonly language: 'json' | 'yaml';
  /** Pixels, or a CSS length ('100%': fill the parent, which sizes it). Default 360 px. */
  readonly height?: number | string;
}) {
  const theme = useMonacoTheme();
  const models = useRef<DiffModels>(null);
  // @monaco-editor/react 4.7 disposes the two models BEFORE the diff widget on unmount, which
  // Monaco reports as an error ("TextModel got disposed before DiffEditorWidget model got
  // reset"). So it keeps the models (keepCurrent*Model) and we dispose them once the widget is gone.
  useEffect(() => () => {
    const held = models.current;
    if (held) queueMicrotask(() => { held.original.dispose(); held.modified.dispose(); });
  }, []);
  return (
    <div className="resource-diff" data-testid="resource-diff" style={typeof props.height === 'string' ? { height: props.height } : undefined}>
      <DiffEditor
        height={props.height ?? 360}
        original={props.before}
        modified={props.after}
        language={props.language}
        theme={theme}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        onMount={(editor) => {
          models.current = editor.getModel();
        }}
        loading={<p className="hint">Loading the diff editor…</p>}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          useInlineViewWhenSpaceIsLimited: true,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          renderOverviewRuler: false,
          originalAriaLabel: `Before: ${props.address}`,
          modifiedAriaLabel: `After: ${props.address}`,
        }}
      />
    </div>
  );
}
