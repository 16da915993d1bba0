/** A list of short values as removable chips, with an input that completes from known values. */
import { useId, useState } from 'react';

export function TokenList(props: {
  readonly label: string;
  readonly values: readonly string[];
  readonly suggestions: readonly string[];
  readonly onChange: (next: readonly string[]) => void;
  readonly readOnly?: boolean;
  readonly placeholder?: string;
}) {
  const listId = useId();
  const [draft, setDraft] = useState('');
  const add = () => {
    const v = draft.trim();
    if (v !== '' && !props.values.includes(v)) props.onChange([...props.values, v]);
    setDraft('');
  };
  return (
    <div className="token-list" role="group" aria-label={props.label}>
      {props.values.map((v) => (
        <span key={v} className="token">
          <code>{v}</code>
          {!props.readOnly && <button type="button" className="link-button" aria-label={`Remove ${v} from ${props.label}`} onClick={() => props.onChange(props.values.filter((x) => x !== v))}>×</button>}
        </span>
      ))}
      {!props.readOnly && (
        <>
          <input aria-label={`Add to ${props.label}`} list={listId} value={draft} placeholder={props.placeholder ?? 'add…'}
            onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} onBlur={add} />
          <datalist id={listId}>{props.suggestions.filter((s) => !props.values.includes(s)).map((s) => <option key={s} value={s} />)}</datalist>
        </>
      )}
    </div>
  );
}
