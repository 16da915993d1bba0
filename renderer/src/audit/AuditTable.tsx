/** One page of the audit log, newest first, with paging. */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ErrorBox } from '../components/ErrorBox';
import { EmptyState } from '../components/EmptyState';
import { AuditActor } from './AuditActor';
import './audit-actor.css';
import { DateTime } from '../components/DateTime';

export const AUDIT_PAGE_SIZE = 50;

/** `details` is JSON text; show it compactly, or as is when it is not JSON. */
function compactDetails(details: string): string {
  try {
    const v: unknown = JSON.parse(details);
    if (v && typeof v === 'object') {
      return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`).join(' · ');
    }
    return String(v);
  } catch {
    return details;
  }
}

export function AuditTable() {
  const [page, setPage] = useState(0);
  const q = useQuery({
    queryKey: ['getAudit', page],
    queryFn: () => unwrap(api.getAudit({ offset: page * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE })),
    placeholderData: keepPreviousData,
  });
  const total = q.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  // Newest first whatever order the page arrives in.
  const entries = [...(q.data?.entries ?? [])].sort((a, b) => b.seq - a.seq);
  return (
    <section aria-label="Audit log">
      {q.error && <ErrorBox title="Cannot read the audit log" error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && total === 0 && <EmptyState title="The audit log is empty">Importing a change set or creating a key adds the first entries.</EmptyState>}
      {entries.length > 0 && (
        <table aria-label="Audit entries" className="audit-table">
          <thead><tr><th>#</th><th>Time</th><th>Actor</th><th>Action</th><th>Subject</th><th>Details</th><th>Hash</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td><DateTime iso={e.at} /></td>
                <td className="actor"><AuditActor actor={e.actor} /></td>
                <td><code>{e.action}</code></td>
                <td className="subject" title={e.subject}>{e.subject}</td>
                <td className="details">{compactDetails(e.details)}</td>
                <td><code title={e.hash}>{e.hash.replace(/^sha256:/, '').slice(0, 12)}…</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Audit pages" className="pager">
        <button type="button" onClick={() => setPage((p) => p - 1)} disabled={page === 0}>Newer</button>
        <span>Page {page + 1} of {pages} · {total} entries</span>
        <button type="button" onClick={() => setPage((p) => p + 1)} disabled={page + 1 >= pages}>Older</button>
      </nav>
    </section>
  );
}
