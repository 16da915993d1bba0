/** Contract (read-only): which contract revision is in force, its quorum settings and its policies. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { PolicyTable } from '../contract/PolicyTable';
import { ErrorBox } from '../components/ErrorBox';
import '../sign/review-forms.css';

export function ContractScreen() {
  const contract = useQuery({ queryKey: ['getContract'], queryFn: () => unwrap(api.getContract({})) });
  const c = contract.data;
  return (
    <div className="contract-screen">
      <h1>Contract{c ? `: ${c.name}` : ''}</h1>
      {contract.error && <ErrorBox title="Cannot read the contract" error={contract.error} onRetry={() => void contract.refetch()} />}
      {contract.isPending && <p role="status">Loading the contract…</p>}
      {c && (
        <>
          <dl className="facts" aria-label="Contract settings">
            <dt>Revision</dt><dd>{c.revision}</dd>
            <dt>Digest</dt><dd><code>{c.digest}</code></dd>
            <dt>Approvals needed</dt><dd data-testid="contract-quorum">{c.quorum} per change set</dd>
            <dt>Exception signatures</dt><dd>{c.exceptionQuorum} per exception</dd>
            {c.maxExceptionDays !== undefined && <><dt>Longest exception</dt><dd>{c.maxExceptionDays} days</dd></>}
            <dt>Policies</dt><dd>{c.policies.filter((p) => p.enabled).length} enabled of {c.policies.length}</dd>
          </dl>
          <p className="hint">Read-only here. To change the contract, import a new revision with <code>countersign contract import</code>.</p>
          <PolicyTable policies={c.policies} />
        </>
      )}
    </div>
  );
}
