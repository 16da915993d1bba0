/**
 * The audit chain's verification status: "Verified: N entries, chain intact" or where it
 * breaks and why, with a button to walk the chain again.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';

export function AuditVerification() {
  const status = useQuery({ queryKey: ['verifyAudit'], queryFn: () => unwrap(api.verifyAudit({})) });
  const s = status.data;
  return (
    <section aria-label="Audit verification" className={`audit-status ${s ? (s.ok ? 'ok' : 'broken') : ''}`}>
      {status.isPending && <p role="status">Verifying the hash chain…</p>}
      {status.error && <ErrorBox title="Cannot verify the audit log" error={status.error} />}
      {s?.ok && (
        <p role="status" data-testid="audit-status">
          <strong>Verified</strong>: {s.entries} entr{s.entries === 1 ? 'y' : 'ies'}, every entry carries the hash of the one before it and none was changed or removed.
        </p>
      )}
      {s && !s.ok && (
        <p role="alert" data-testid="audit-status">
          <strong>Broken</strong> at entry {s.firstBroken?.seq ?? '?'}: {s.firstBroken?.reason ?? 'unknown reason'}.
          The log was edited outside Countersign; keep this workspace file as evidence and restore the last backup.
        </p>
      )}
      <button type="button" onClick={() => void status.refetch()} disabled={status.isFetching}>
        {status.isFetching ? 'Verifying…' : 'Verify again'}
      </button>
    </section>
  );
}
