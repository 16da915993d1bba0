/** Required tags or labels: a key per row, with optional allowed values (RE2) the value must match. */
import type { KeyRow } from './key-items';
import { keyRowProblems } from './key-items';

export function KeyListEditor(props: {
  readonly id: string; readonly label: string; readonly type: 'tag-list' | 'label-list'; readonly pattern?: string;
  readonly rows: readonly KeyRow[]; readonly onChange: (rows: KeyRow[]) => void;
}) {
  const noun = props.type === 'tag-list' ? 'tag' : 'label';
  const problems = keyRowProblems(props.rows, props.type, props.pattern);
  const set = (i: number, patch: Partial<KeyRow>) => props.onChange(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="list-editor">
      {props.rows.length === 0 && <p className="hint">No {noun} required.</p>}
      <ol className="list-items key-items">
        {props.rows.map((r, i) => {
          const mine = problems.filter((p) => p.index === i);
          const errId = `${props.id}-item-${i}-err`;
          return (
            <li key={i}>
              <input type="text" aria-label={`${props.label} ${noun} ${i + 1} key`} value={r.key} spellCheck={false}
                aria-invalid={mine.length > 0} aria-describedby={mine.length > 0 ? errId : undefined} onChange={(e) => set(i, { key: e.target.value })} />
              <input type="text" className="regex" aria-label={`${props.label} ${noun} ${i + 1} allowed values (RE2, optional)`} placeholder="any value (or an RE2 such as ^(prod|staging)$)"
                value={r.allowedRegex} spellCheck={false} onChange={(e) => set(i, { allowedRegex: e.target.value })} />
              <button type="button" aria-label={`Remove ${noun} ${i + 1}`} onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}>Remove</button>
              {mine.length > 0 && <span className="item-problem" id={errId}>{mine.map((p) => p.message).join('; ')}</span>}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => props.onChange([...props.rows, { key: '', allowedRegex: '' }])}>Add {noun}</button>
    </div>
  );
}
