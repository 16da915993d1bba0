import type { Writable } from 'node:stream';
import type { AuditEntry, AuditLog } from './audit-log';

const PAGE = 1000;

/**
 * Writes the audit log as JSON lines, one entry per line in seq order:
 * {"seq","at","actor","action","subject","details","prev_hash","hash"} (the hashed fields under
 * their hashed names, so a reader can recompute each hash). Reads in pages and honours
 * back-pressure, so a million entries never sit in memory. Entries appended while it runs are
 * left for the next export. Resolves with the number of entries written.
 */
export async function exportAudit(source: AuditLog | { readonly audit: AuditLog }, out: Writable): Promise<number> {
  const audit = 'page' in source ? source : source.audit;
  const last = audit.head()?.seq ?? 0;
  let after = 0;
  let written = 0;
  while (after < last) {
    const entries = audit.page(after, Math.min(PAGE, last - after));
    if (entries.length === 0) break;
    for (const e of entries) {
      if (!out.write(`${exportLine(e)}\n`)) await drained(out);
      written++;
    }
    after = entries[entries.length - 1]!.seq;
  }
  return written;
}

function exportLine(e: AuditEntry): string {
  return JSON.stringify({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    subject: e.subject,
    details: e.details,
    prev_hash: e.prevHash,
    hash: e.hash,
  });
}

function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      out.off('error', onError);
      resolve();
    };
    const onError = (e: Error): void => {
      out.off('drain', onDrain);
      reject(e);
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}
