/**
 * "1 of 2 approvals" under which contract revision, the outcome (approved / rejected: final),
 * and every signed decision held, per person, with its check: counts, withdrawn, or signed
 * under another revision (re-sign under the current one).
 */
import type { DecisionPersonDto, DecisionSignatureDto, QuorumStatus } from '../../../electron/shared/api-types';
import { countOf, shortId } from './format';
import { DateTime } from '../components/DateTime';

export const revisionLabel = (n: number | null): string => (n === null ? 'an unknown revision' : `revision ${n}`);

const CHECK_BADGE: Readonly<Record<DecisionSignatureDto['check'], string>> = {
  counted: 'badge pass',
  conflicting: 'badge deny',
  stale: 'badge pending',
  withdrawn: 'badge advisory',
  'not-counted': 'badge deny',
};

const STATE_TEXT = { approved: 'Approved', rejected: 'Rejected', pending: 'Pending' } as const;

export function QuorumProgress(props: { readonly quorum: QuorumStatus }) {
  const q = props.quorum;
  const label = countOf(q.approvals, q.approvalsRequired, 'approval');
  return (
    <section aria-label="Quorum" className="quorum">
      <p className="quorum-line">
        <span className={`verdict-badge state-${q.state}`} data-testid="decision-state">{STATE_TEXT[q.state]}</span>
        <strong data-testid="approval-progress">{label}</strong>
        <progress max={q.approvalsRequired} value={Math.min(q.approvals, q.approvalsRequired)} aria-label={label} />
        {q.rejections > 0 && <span className="rejected"> · {q.rejections} rejection{q.rejections === 1 ? '' : 's'}: this change set is rejected</span>}
      </p>
      <p className="hint">
        Judged under {q.revision.contract} {revisionLabel(q.revision.number)}. Exceptions need {q.exceptionQuorum} signature{q.exceptionQuorum === 1 ? '' : 's'} each
        and last at most {q.maxExceptionDays} days.
      </p>
      {q.stale > 0 && (
        <p className="hint warn" data-testid="stale-note">
          {q.stale} approval{q.stale === 1 ? ' was' : 's were'} signed under another contract revision and no longer count{q.stale === 1 ? 's' : ''}:
          re-sign under {revisionLabel(q.revision.number)}.
        </p>
      )}
      {q.people.length > 0 && (
        <ul aria-label="Decisions" className="decisions">
          {q.people.map((p) => <PersonRow key={p.keyIds.join(',')} person={p} />)}
        </ul>
      )}
    </section>
  );
}

function PersonRow(props: { readonly person: DecisionPersonDto }) {
  const p = props.person;
  return (
    <li aria-label={`Decisions of ${p.name}`} className="decision-person">
      <strong>{p.name}</strong>
      {p.standing === 'conflicting' && <span className="badge deny"> approval and rejection both stand: withdraw one</span>}
      <ul className="decision-signatures">
        {p.signatures.map((s) => (
          <li key={s.id}>
            {s.decision === 'approve' ? 'Approved' : 'Rejected'} by {s.name} on <DateTime iso={s.at} /> <span title={s.keyId}>({shortId(s.keyId)})</span>{' '}
            <span className={CHECK_BADGE[s.check]} data-testid="decision-check">{s.detail}</span>
            {s.comment && <span className="hint"> · “{s.comment}”</span>}
          </li>
        ))}
      </ul>
    </li>
  );
}
