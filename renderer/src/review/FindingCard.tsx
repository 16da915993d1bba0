/**
 * One finding: what failed and why it matters (the policy's description), how to fix it
 * (remediation), and, when selected, the offending source line.
 */
import type { FindingDto } from '../../../electron/shared/api-types';
import { FindingSource } from './FindingSource';
import { FindingExplanation } from './FindingExplanation';
import { AddAsTestButton } from '../policy-editor/AddAsTestButton';
import { hrefOf } from '../router';
import { visibleName } from '../sign/format';
import { useChangeSet } from './review-queries';

export function FindingCard(props: {
  readonly digest: string;
  readonly finding: FindingDto;
  readonly selected: boolean;
  readonly onSelect: () => void;
  /** Shows the finding's field in the attribute diff; absent when the diff has no row for it. */
  readonly onShowField?: () => void;
}) {
  const { finding: f, selected } = props;
  // The contract that judged this change set: the policy link opens the policy there.
  const contract = useChangeSet(props.digest).data?.contractName;
  return (
    <article className={`finding-card${selected ? ' selected' : ''}`} aria-label={`Finding ${f.policy}`} aria-current={selected ? 'true' : undefined}>
      <header>
        <button type="button" className="finding-open" onClick={props.onSelect} aria-expanded={selected} aria-label={`Show finding ${f.policy}: ${f.title}`}>
          <span className={`severity severity-${f.severity}`}>{f.severity}</span>
          <span className={`enforcement enforcement-${f.enforcement}`}>{f.enforcement}</span>
          <strong>{f.title || f.policy}</strong>
          {f.status === 'error' && <span className="enforcement enforcement-deny">evaluation error</span>}
          {f.status === 'unknown' && <span className="enforcement enforcement-approval">unknown until apply</span>}
          {f.waived && <span className="waived">waived by an exception</span>}
          {f.disambiguator && <span className="disambiguator" title={`${f.address} appears more than once in this change set`}>{f.disambiguator}</span>}
        </button>
      </header>
      <p className="finding-policy">
        Policy{' '}
        {contract
          ? <a className="policy-id" href={hrefOf({ screen: 'contract', contract, policy: f.policy })} title={`Open ${f.policy} in the contract ${contract}`}>{f.policy}</a>
          : <code className="policy-id">{f.policy}</code>}
        {f.alsoPolicies && f.alsoPolicies.length > 0 && (
          // Same standard control in two packs: one finding, at the stricter enforcement; an
          // exception must name the policy above (docs/policies.md, "Same control in two packs").
          // Each other policy links to the contract too, with its title: the finding carries only
          // the primary policy's message (the engine reports the control once).
          <span className="finding-also" title="These policies implement the same standard control and fired on this resource too; the message is the first policy's, and an exception must name it">
            {' '}· same control as{' '}
            {f.alsoPolicies.map((id, i) => {
              const title = f.alsoTitles?.[i] ?? '';
              return (
                <span key={id}>
                  {i > 0 ? ', ' : ''}
                  {contract
                    ? <a className="policy-id" href={hrefOf({ screen: 'contract', contract, policy: id })} title={`Open ${id} in the contract ${contract}`}>{id}</a>
                    : <code className="policy-id">{id}</code>}
                  {title !== '' && <span className="finding-also-title"> ({title})</span>}
                </span>
              );
            })}
          </span>
        )}
      </p>
      <p className="finding-message">{visibleName(f.message.replace(/[\n\t]/g, ' '))}</p>
      {!selected && f.explanation && f.explanation.values.length > 0 && (
        <p className="finding-saw hint">saw <code>{f.explanation.values[0]!.expression}</code> = <code>{f.explanation.values[0]!.value}</code></p>
      )}
      {selected && (
        <div className="finding-explanation">
          {f.explanation && <FindingExplanation explanation={f.explanation} {...(props.onShowField ? { onShowField: props.onShowField } : {})} />}
          {f.description && <p><span className="label">Why it matters:</span> {f.description}</p>}
          {f.remediation && <p><span className="label">How to fix:</span> {f.remediation}</p>}
          {f.status === 'unknown' && (
            <p className="hint">
              Decided by values Terraform knows only after apply (named above): the plan can neither pass nor fail this policy.
              It needs your approval and does not block{f.enforcement === 'advisory' ? ' (advisory: reported only)' : ''}.
            </p>
          )}
          {f.enforcement === 'mandatory' && f.status !== 'unknown' && <p className="hint">Mandatory policy: no exception can be granted; the vendor must change this.</p>}
          <FindingSource digest={props.digest} finding={f} />
          <div className="actions finding-actions">
            <AddAsTestButton digest={props.digest} resourceIndex={f.resourceIndex} address={f.address} policy={f.policy} status={f.status} />
          </div>
        </div>
      )}
    </article>
  );
}
