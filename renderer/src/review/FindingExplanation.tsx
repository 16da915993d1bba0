/**
 * Why a policy fired on this resource, from the engine's explain stage: its condition with the
 * deciding clause marked, the choices taken to reach it, the boolean pieces of the clause and
 * the values its sub-expressions saw, the list element that failed and the field it blames.
 * Values come from the masked model (masks and unknowns read as such).
 */
import type { ExplanationDto } from '../../../electron/shared/api-types';
import { useState } from 'react';
import { escapeHidden } from '../../../electron/shared/visible-text';
import { preview } from './attribute-diff-view';
import { conditionParts, ENTRY, fieldText } from './explanation-text';

/** A value as seen: masks and unknowns styled as what they are, never as data; a long one cut (whole one click away). */
function Seen(props: { readonly value: string }) {
  const [all, setAll] = useState(false);
  // Vendor data: invisible and bidirectional characters are shown as escapes, never obeyed.
  const v = escapeHidden(props.value);
  const cls = v === '(sensitive value)' ? 'diff-sensitive' : v === '(known after apply)' ? 'diff-unknown' : undefined;
  const p = preview(v);
  return (
    <>
      <code className={cls}>{all ? v : p.text}</code>
      {p.cut && <button type="button" className="link-button" onClick={() => setAll(!all)}>{all ? 'show less' : `show all ${v.length} characters`}</button>}
    </>
  );
}

function SeenList(props: { readonly label: string; readonly items: readonly { readonly expression: string; readonly value: string }[]; readonly verb: string }) {
  if (props.items.length === 0) return null;
  return (
    <>
      <p className="label">{props.label}</p>
      <dl className="finding-values">
        {props.items.map((v, i) => (
          <div key={`${v.expression}#${i}`}>
            <dt><code>{v.expression}</code></dt>
            <dd>{props.verb} <Seen value={v.value} /></dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function FindingExplanation(props: {
  readonly explanation: ExplanationDto;
  /** Shows the field's row in the attribute diff; absent when the field has no row there. */
  readonly onShowField?: () => void;
}) {
  const e = props.explanation;
  const parts = conditionParts(e);
  return (
    <div className="finding-why" role="group" aria-label="Why it fired">
      <p className="label">Condition{parts ? ' (the deciding clause marked)' : ''}</p>
      <pre className="finding-condition">
        {parts ? <>{parts.before}<mark title="The clause that decided it">{parts.clause}</mark>{parts.after}</> : e.condition}
      </pre>
      {!parts && e.clause && <p><span className="label">Deciding clause:</span> <code>{e.clause.text}</code></p>}
      <SeenList label="Reached through" verb="gave" items={e.choices ?? []} />
      <SeenList label="Pieces of the clause" verb="was" items={(e.parts ?? []).map((p) => ({ expression: p.text, value: p.value }))} />
      <SeenList label="Values seen" verb="saw" items={e.values} />
      {e.element && (
        <p className="finding-element">
          <span className="label">Failing element:</span> <code>{e.element.list ?? e.element.variable}</code>
          {' '}at <code>{typeof e.element.index === 'number' ? `[${e.element.index}]` : JSON.stringify(e.element.index)}</code>
          {' '}(<code>{e.element.macro}</code>): <code>{e.element.variable}</code> = <Seen value={e.element.value} />
          {e.element.saw !== undefined && <> → <Seen value={e.element.saw} /></>}
        </p>
      )}
      {e.field && e.field.length > 0 && (
        <p>
          <span className="label">Field:</span> <code>{fieldText(e.field)}</code>
          {e.field[0] === ENTRY && <span className="hint"> (of the plan entry, outside before/after)</span>}
          {props.onShowField && <button type="button" className="link-button" onClick={props.onShowField}>Show in the diff</button>}
        </p>
      )}
      {e.note && <p className="hint">{e.note}</p>}
    </div>
  );
}
