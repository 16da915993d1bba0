/** Editors for numbers (with bounds), strings, label maps and, for shapes no typed editor fits, JSON. */
import type { PolicyParamDto } from '../../../../electron/shared/contract-editor-types';

export function NumberEditor(props: { readonly id: string; readonly label: string; readonly param: PolicyParamDto; readonly value: number; readonly onChange: (v: number) => void }) {
  const { param } = props;
  const bounds = param.min !== undefined && param.max !== undefined ? `${param.min} to ${param.max}` : param.min !== undefined ? `at least ${param.min}` : param.max !== undefined ? `at most ${param.max}` : '';
  return (
    <label className="number-editor">
      {props.label}
      <input
        type="number"
        value={Number.isFinite(props.value) ? props.value : ''}
        min={param.min}
        max={param.max}
        step={param.type === 'integer' ? 1 : 'any'}
        onChange={(e) => props.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      />
      {bounds && <span className="hint">{bounds}</span>}
    </label>
  );
}

export function StringEditor(props: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (v: string) => void }) {
  return <label className="string-editor">{props.label}<input type="text" value={props.value} spellCheck={false} onChange={(e) => props.onChange(e.target.value)} /></label>;
}

export function LabelMapEditor(props: { readonly id: string; readonly label: string; readonly rows: readonly [string, string][]; readonly onChange: (rows: [string, string][]) => void }) {
  const set = (i: number, k: string, v: string) => props.onChange(props.rows.map((r, j) => (j === i ? [k, v] : [...r])));
  return (
    <div className="label-map-editor">
      {props.rows.length === 0 && <p className="hint">No labels.</p>}
      {props.rows.map(([k, v], i) => (
        <div key={i} className="label-map-row">
          <input type="text" aria-label={`${props.label} key ${i + 1}`} value={k} spellCheck={false} onChange={(e) => set(i, e.target.value, v)} />
          <span aria-hidden="true">=</span>
          <input type="text" aria-label={`${props.label} value ${i + 1}`} value={v} spellCheck={false} onChange={(e) => set(i, k, e.target.value)} />
          <button type="button" aria-label={`Remove label ${i + 1}`} onClick={() => props.onChange(props.rows.filter((_, j) => j !== i).map((r) => [...r]))}>Remove</button>
        </div>
      ))}
      <button type="button" onClick={() => props.onChange([...props.rows.map((r): [string, string] => [...r]), ['', '']])}>Add label</button>
    </div>
  );
}

export function JsonEditor(props: { readonly id: string; readonly label: string; readonly text: string; readonly onChange: (t: string) => void }) {
  return (
    <label className="json-editor">
      {props.label} (JSON)
      <textarea value={props.text} spellCheck={false} rows={Math.min(16, Math.max(3, props.text.split('\n').length))} onChange={(e) => props.onChange(e.target.value)} />
    </label>
  );
}
