import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { InputError } from '../model/errors';
import { exportAudit, verifyAuditChain } from '../store';
import type { AuditVerification, Workspace } from '../store';

/** Walks the hash chain; names the first broken entry. */
export function verifyAudit(ws: Workspace): AuditVerification {
  return verifyAuditChain(ws);
}

/** Writes the audit log as JSON lines to a file (or to `out`); resolves with the entry count. */
export async function exportAuditLog(ws: Workspace, target: { readonly file: string } | { readonly stream: Writable }): Promise<number> {
  if ('stream' in target) return exportAudit(ws, target.stream);
  const out = createWriteStream(target.file);
  const failed = new Promise<never>((_, reject) => out.once('error', (err: NodeJS.ErrnoException) => {
    reject(new InputError(target.file, `cannot write the audit export (${err.code ?? err.message})`));
  }));
  const written = await Promise.race([exportAudit(ws, out), failed]);
  out.end();
  await Promise.race([finished(out), failed]);
  return written;
}
