/**
 * The roster as the editor changes it and the publish dialog reads it (pure, unit-tested):
 * entries made from a workspace key, who can sign a publication, and the notAfter time.
 */
import type { RosterEntryDto } from '../../../electron/shared/contract-editor-types';
import type { ContractEdit } from '../../../electron/core/base/contract-edits';

export const ROLES = [
  { role: 'approver', label: 'Approver', help: 'decisions count toward the quorum' },
  { role: 'exception-signer', label: 'Exception signer', help: 'exception signatures count' },
  { role: 'contract-owner', label: 'Contract owner', help: 'signs publications of the contract' },
  { role: 'vendor-release', label: 'Vendor release', help: "the vendor's release key" },
] as const;
export type Role = (typeof ROLES)[number]['role'];

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export interface NewReviewer {
  readonly name: string;
  readonly email: string;
  readonly keyId: string;
  readonly pem: string;
  readonly roles: readonly Role[];
}

/** The upsertReviewer edit for a workspace key, or why it cannot be made. */
export function reviewerEdit(r: NewReviewer): { ok: true; edit: ContractEdit } | { ok: false; message: string } {
  const name = r.name.trim();
  const email = r.email.trim();
  if (name === '') return { ok: false, message: 'a name is required' };
  if (email !== '' && !EMAIL.test(email)) return { ok: false, message: `"${email}" is not an e-mail address` };
  if (r.roles.length === 0) return { ok: false, message: 'choose at least one role' };
  if (!/^sha256:[0-9a-f]{64}$/.test(r.keyId)) return { ok: false, message: 'not a key fingerprint' };
  if (!r.pem.includes('BEGIN PUBLIC KEY')) return { ok: false, message: 'the key has no public key to list' };
  const roles = ROLES.map((x) => x.role).filter((x) => r.roles.includes(x));
  return { ok: true, edit: { op: 'upsertReviewer', entry: { name, ...(email ? { email } : {}), fingerprint: r.keyId, publicKey: r.pem, roles } } };
}

/**
 * The roster entries that may sign a publication from this workspace: contract owners, not
 * revoked, whose key this workspace holds. A revoked owner never signs, whatever its time.
 */
export function publicationSigners(roster: readonly RosterEntryDto[], workspaceKeyIds: ReadonlySet<string>): readonly RosterEntryDto[] {
  return roster.filter((e) => e.roles.includes('contract-owner') && e.revoked === null && workspaceKeyIds.has(e.fingerprint));
}

/** `<input type="datetime-local">` value (local time) → an ISO instant with a zone; null if not a real time. */
export function notAfterInstant(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return null;
  // new Date() rolls 2026-02-30 over to March: refuse what the calendar does not have.
  const [date, time] = local.split('T') as [string, string];
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  if (d.getFullYear() !== y || d.getMonth() + 1 !== m || d.getDate() !== day || d.getHours() !== hh || d.getMinutes() !== mm) return null;
  return d.toISOString();
}

/** The datetime-local value `days` from `now`, at the same local minute. */
export function localInputValue(now: Date, days: number): string {
  // Calendar days, not 24-hour steps: across a DST change the local minute stays the same.
  const d = new Date(now.getTime());
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
