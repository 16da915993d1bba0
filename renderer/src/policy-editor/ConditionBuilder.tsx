/**
 * The visual builder over a condition: all/any groups, rows (field path, operator, value or a
 * parameter), "for every container" loops, and raw CEL chips holding the exact bytes of what
 * rows cannot show. Every change hands the whole new tree up; the caller writes its CEL.
 */
import { useId, useState } from 'react';
import type { CatalogField } from './catalog-view';
import { describeRow, rawChipProblem, rowProblem } from './builder-bridge';
import type { BuilderCondition, BuilderItem, BuilderRow } from './builder-bridge';
import { appendAt, newRow, NO_VALUE, OPS, parseValue, takesValue, updateAt, valueKind, valueText } from './builder-model';
import type { ItemPath, ValueKind } from './builder-model';

interface BuilderProps {
  readonly value: BuilderCondition;
  readonly onChange: (next: BuilderCondition) => void;
  readonly fields: readonly CatalogField[];
  readonly params: readonly string[];
  readonly readOnly?: boolean;
}

export function ConditionBuilder(props: BuilderProps) {
  const listId = useId();
  return (
    <div className="condition-builder" aria-label="Condition builder" role="group">
      <datalist id={listId}>
        {props.fields.map((f) => <option key={f.path} value={f.path}>{[f.kind, f.doc].filter(Boolean).join(' · ').slice(0, 120)}</option>)}
      </datalist>
      <GroupView {...props} item={props.value} path={[]} listId={listId} inContainer={false} />
    </div>
  );
}

type ItemProps = BuilderProps & { readonly path: ItemPath; readonly listId: string; readonly inContainer: boolean };

function GroupView(p: ItemProps & { readonly item: Extract<BuilderItem, { items: unknown }> }) {
  const { item, path, value, onChange, readOnly } = p;
  const loop = item.kind === 'forEachContainer';
  const setJoin = (join: 'all' | 'any') => onChange(path.length === 0 ? { ...value, join } : updateAt(value, path, (n) => ({ ...n, join } as BuilderItem)));
  const add = (it: BuilderItem) => onChange(appendAt(value, path, it));
  return (
    <fieldset className={`builder-group${loop ? ' builder-loop' : ''}`} data-testid={loop ? 'builder-loop' : 'builder-group'}>
      <legend>
        {loop ? 'For every container, ' : path.length === 0 ? 'Passes when ' : ''}
        <select aria-label="Join" value={item.join} disabled={readOnly} onChange={(e) => setJoin(e.target.value as 'all' | 'any')}>
          <option value="all">all of these hold</option>
          <option value="any">any of these holds</option>
        </select>
        {path.length > 0 && !readOnly && (
          <button type="button" className="link-button" onClick={() => onChange(updateAt(value, path, () => null))} aria-label={loop ? 'Remove the container loop' : 'Remove this group'}>Remove</button>
        )}
      </legend>
      {item.items.length === 0 && <p className="hint">Empty: {item.join === 'all' ? 'always holds' : 'never holds'}.</p>}
      {/* Keyed by content: an edit made in the CEL editor resets the row's local input state. */}
      {item.items.map((child, i) => <ItemView key={`${i}:${JSON.stringify(child)}`} {...p} item={child} path={[...path, i]} inContainer={p.inContainer || loop} />)}
      {!readOnly && (
        <div className="actions">
          <button type="button" onClick={() => add(newRow(loop ? 'c.image' : 'resource.namespace'))}>+ Condition</button>
          <button type="button" onClick={() => add({ kind: 'group', join: item.join === 'all' ? 'any' : 'all', items: [] })}>+ Group</button>
          {!loop && <button type="button" onClick={() => add({ kind: 'forEachContainer', join: 'all', items: [] })}>+ For every container</button>}
          <button type="button" onClick={() => add({ kind: 'raw', cel: 'true' })}>+ CEL</button>
        </div>
      )}
    </fieldset>
  );
}

function ItemView(p: ItemProps & { readonly item: BuilderItem }) {
  const { item } = p;
  if (item.kind === 'group' || item.kind === 'forEachContainer') return <GroupView {...p} item={item} />;
  if (item.kind === 'raw') return <RawChip {...p} cel={item.cel} />;
  return <RowView {...p} row={item} />;
}

function RawChip(p: ItemProps & { readonly cel: string }) {
  const [text, setText] = useState(p.cel);
  const problem = rawChipProblem(text);
  const commit = () => {
    if (text !== p.cel) p.onChange(updateAt(p.value, p.path, () => ({ kind: 'raw', cel: text })));
  };
  return (
    <div className="builder-raw" data-testid="builder-raw">
      <span className="badge">CEL</span>
      <textarea aria-label="Raw CEL" value={text} readOnly={p.readOnly} spellCheck={false}
        rows={Math.min(12, Math.max(1, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)} onBlur={commit} />
      {!p.readOnly && <button type="button" className="link-button" aria-label="Remove this CEL" onClick={() => p.onChange(updateAt(p.value, p.path, () => null))}>Remove</button>}
      {problem && <span className="inline-error" role="alert">Not one complete expression: {problem}</span>}
    </div>
  );
}

const KIND_LABEL: Readonly<Record<ValueKind, string>> = { text: 'text', number: 'number', boolean: 'true/false', list: 'list', param: 'parameter' };

function RowView(p: ItemProps & { readonly row: BuilderRow }) {
  const { row, readOnly } = p;
  const [path, setPath] = useState(row.path);
  const [kind, setKind] = useState<ValueKind>(valueKind(row.value));
  const [text, setText] = useState(valueText(row.value));
  const [error, setError] = useState<string | null>(null);
  const problem = rowProblem(row, p.inContainer);
  const put = (next: Partial<BuilderRow>) => p.onChange(updateAt(p.value, p.path, () => ({ ...row, ...next })));
  const commitValue = (k: ValueKind, t: string) => {
    const r = parseValue(k, t);
    if (!r.ok) return setError(r.message);
    setError(null);
    if (JSON.stringify(r.value) !== JSON.stringify(row.value)) put({ value: r.value });
  };
  return (
    <div className="builder-row" data-testid="builder-row">
      <input aria-label="Field" list={p.listId} value={path} readOnly={readOnly} spellCheck={false}
        onChange={(e) => setPath(e.target.value)}
        onBlur={() => { if (path.trim() !== row.path && path.trim() !== '') put({ path: path.trim() }); }} />
      <select aria-label="Operator" value={row.op} disabled={readOnly} onChange={(e) => {
        const op = e.target.value as BuilderRow['op'];
        if (!takesValue(op)) return put({ op, value: NO_VALUE });
        const r = parseValue(kind, text);
        put({ op, value: r.ok ? r.value : row.value });
      }}>
        {OPS.map((o) => <option key={o.op} value={o.op}>{o.label}</option>)}
      </select>
      {takesValue(row.op) && (
        <>
          <select aria-label="Value type" value={kind} disabled={readOnly} onChange={(e) => {
            const k = e.target.value as ValueKind;
            setKind(k);
            const t = k === 'param' ? (p.params[0] ?? '') : text;
            setText(t);
            commitValue(k, t);
          }}>
            {(Object.keys(KIND_LABEL) as ValueKind[]).map((k) => <option key={k} value={k} disabled={k === 'param' && p.params.length === 0}>{KIND_LABEL[k]}</option>)}
          </select>
          {kind === 'param' ? (
            <select aria-label="Parameter" value={text} disabled={readOnly} onChange={(e) => { setText(e.target.value); commitValue('param', e.target.value); }}>
              {p.params.map((n) => <option key={n} value={n}>params.{n}</option>)}
            </select>
          ) : (
            <input aria-label="Value" value={text} readOnly={readOnly} placeholder={kind === 'list' ? 'a, b, c' : ''}
              aria-invalid={error !== null} onChange={(e) => setText(e.target.value)} onBlur={() => commitValue(kind, text)}
              onKeyDown={(e) => { if (e.key === 'Enter') commitValue(kind, text); }} />
          )}
        </>
      )}
      {!readOnly && <button type="button" className="link-button" aria-label={`Remove the condition on ${row.path}`} onClick={() => p.onChange(updateAt(p.value, p.path, () => null))}>Remove</button>}
      {(error ?? problem)
        ? <span className="inline-error" role="alert">{error ?? problem}</span>
        : <span className="hint row-reading">{describeRow(row)}</span>}
    </div>
  );
}
