/**
 * Why a policy fired on this resource, from the engine's explain stage: its condition with the
 * deciding clause marked, the values its sub-expressions saw, the list element that failed and
 * the field it blames. Values come from the masked model (masks and unknowns read as such).
 */
import type { ExplanationDto } from '../../../electron/shared/api-types';
import { conditionParts, fieldText } from './explanation-text';

export function FindingExplanation(props: { readonly explanation: ExplanationDto }) {
  const e = props.explanation;
  const parts = conditionParts(e);
  return (
    <div className="finding-why" aria-label="Why it fired">
      <p className="label">Condition{parts ? ' (the deciding clause marked)' : ''}</p>
      <pre className="finding-condition">
        {parts ? <>{parts.before}<mark title="The clause that decided it">{parts.clause}</mark>{parts.after}</> : e.condition}
      </pre>
      {!parts && e.clause && <p><span className="label">Deciding clause:</span> <code>{e.clause.text}</code></p>}
      {e.values.length > 0 && (
        <dl className="finding-values">
          {e.values.map((v, i) => (
            <div key={`${v.expression}#${i}`}>
              <dt><code>{v.expression}</code></dt>
              <dd>saw <code className={v.value === '(sensitive value)' ? 'diff-sensitive' : v.value === '(known after apply)' ? 'diff-unknown' : undefined}>{v.value}</code></dd>
            </div>
          ))}
        </dl>
      )}
      {e.element && (
        <p className="finding-element">
          <span className="label">Failing element:</span> <code>{e.element.variable}</code> of <code>{e.element.macro}</code> at{' '}
          <code>{typeof e.element.index === 'number' ? `[${e.element.index}]` : JSON.stringify(e.element.index)}</code> = <code>{e.element.value}</code>
        </p>
      )}
      {e.field && e.field.length > 0 && <p><span className="label">Field:</span> <code>{fieldText(e.field)}</code> (marked in the diff below)</p>}
    </div>
  );
}
