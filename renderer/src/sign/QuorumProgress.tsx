/** "1 of 2 approvals" with who signed what and when, from getQuorum. */
import type { QuorumStatus } from '../../../electron/shared/api-types';
import { countOf, formatTime, shortId } from './format';

export function QuorumProgress(props: { readonly quorum: QuorumStatus }) {
  const q = props.quorum;
  const label = countOf(q.approvals, q.approvalsRequired, 'approval');
  return (
    <section aria-label="Quorum" className="quorum">
      <p className="quorum-line">
        <strong data-testid="approval-progress">{label}</strong>
        <progress max={q.approvalsRequired} value={Math.min(q.approvals, q.approvalsRequired)} aria-label={label} />
        {q.rejections > 0 && <span className="rejected"> · {q.rejections} rejection{q.rejections === 1 ? '' : 's'}: this change set is rejected</span>}
      </p>
      <p className="hint">
        Exceptions need {q.exceptionQuorum} signature{q.exceptionQuorum === 1 ? '' : 's'} each and last at most {q.maxExceptionDays} days.
      </p>
      {q.approvers.length > 0 && (
        <ul aria-label="Decisions" className="decisions">
          {q.approvers.map((a) => (
            <li key={`${a.keyId}-${a.at}`}>
              {a.decision === 'approve' ? 'Approved' : 'Rejected'} by {a.name} <span title={a.keyId}>({shortId(a.keyId)})</span> on {formatTime(a.at)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
