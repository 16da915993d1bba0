/** A list of registries, tags, labels or namespaces: one input per item, each with its own problems. */
import type { ParamType } from '../../../../electron/shared/contract-editor-types';
import { LIST_TYPES, listItemProblems, numberItemProblems } from './list-items';
import type { ListParamType } from './list-items';

const NOUN: Readonly<Record<ListParamType, string>> = {
  'string-list': 'value', 'registry-list': 'registry', 'namespace-list': 'namespace', 'label-list': 'label', 'tag-list': 'tag',
};

export function ListEditor(props: {
  readonly id: string; readonly label: string; readonly type: ParamType; readonly pattern?: string;
  readonly items: readonly string[]; readonly onChange: (items: string[]) => void;
}) {
  const type: ListParamType = (LIST_TYPES as readonly string[]).includes(props.type) ? (props.type as ListParamType) : 'string-list';
  const noun = NOUN[type];
  const problems = listItemProblems(props.items, type, props.pattern);
  const set = (i: number, v: string) => props.onChange(props.items.map((x, j) => (j === i ? v : x)));
  return (
    <div className="list-editor">
      {props.items.length === 0 && <p className="hint">No {noun} listed.</p>}
      <ol className="list-items">
        {props.items.map((item, i) => {
          const mine = problems.filter((p) => p.index === i);
          const errId = `${props.id}-item-${i}-err`;
          return (
            <li key={i}>
              <input
                type="text"
                aria-label={`${props.label} ${noun} ${i + 1}`}
                value={item}
                spellCheck={false}
                aria-invalid={mine.length > 0}
                aria-describedby={mine.length > 0 ? errId : undefined}
                onChange={(e) => set(i, e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    props.onChange([...props.items.slice(0, i + 1), '', ...props.items.slice(i + 1)]);
                  }
                }}
              />
              <button type="button" aria-label={`Remove ${noun} ${i + 1}`} onClick={() => props.onChange(props.items.filter((_, j) => j !== i))}>Remove</button>
              {mine.length > 0 && <span className="item-problem" id={errId}>{mine.map((p) => p.message).join('; ')}</span>}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => props.onChange([...props.items, ''])}>Add {noun}</button>
    </div>
  );
}

/** A list of numbers (e.g. ports) within the parameter's bounds. */
export function NumberListEditor(props: {
  readonly id: string; readonly label: string; readonly param: { readonly min?: number; readonly max?: number };
  readonly items: readonly string[]; readonly onChange: (items: string[]) => void;
}) {
  const problems = numberItemProblems(props.items, props.param);
  return (
    <div className="list-editor">
      {props.items.length === 0 && <p className="hint">No number listed.</p>}
      <ol className="list-items">
        {props.items.map((item, i) => {
          const mine = problems.filter((p) => p.index === i);
          return (
            <li key={i}>
              <input type="number" aria-label={`${props.label} number ${i + 1}`} value={item} min={props.param.min} max={props.param.max}
                aria-invalid={mine.length > 0} onChange={(e) => props.onChange(props.items.map((x, j) => (j === i ? e.target.value : x)))} />
              <button type="button" aria-label={`Remove number ${i + 1}`} onClick={() => props.onChange(props.items.filter((_, j) => j !== i))}>Remove</button>
              {mine.length > 0 && <span className="item-problem">{mine.map((p) => p.message).join('; ')}</span>}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => props.onChange([...props.items, ''])}>Add number</button>
    </div>
  );
}
