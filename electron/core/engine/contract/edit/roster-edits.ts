import type { ContractEdit } from '../../../base/contract-edits';
import { EditProblem, getIn } from './edit-document';
import { dataOf, plainValue, rosterIndex, write } from './contract-model';
import { upgradeToV3 } from './upgrade-v3';
import { appendIn, deleteIn, setIn } from './write';

type Op<K extends ContractEdit['op']> = Extract<ContractEdit, { op: K }>;

function requireEntry(text: string, fingerprint: string): number {
  const i = rosterIndex(text, fingerprint);
  if (i < 0) throw new EditProblem(`no reviewer with fingerprint ${fingerprint} in the roster`);
  return i;
}

/** Adds a roster entry, or updates the one with the same fingerprint field by field (its comments stay); a revoked one stays revoked. */
export function upsertReviewer(text: string, e: Op<'upsertReviewer'>): string {
  const plain = plainValue(e.entry, 'roster entry');
  const entry = plain as Readonly<Record<string, unknown>>;
  let out = upgradeToV3(text);
  const i = rosterIndex(out, entry.fingerprint as string);
  const what = `roster entry ${String(entry.fingerprint)}`;
  if (i < 0) return appendIn(out, ['roster'], plain, write(what, 2));
  const old = getIn(dataOf(out), ['roster', i]);
  // A revocation is lifted only by removing the entry, never by an edit that happens to omit it.
  const revoked = typeof old === 'object' && old !== null ? (old as Record<string, unknown>).revoked : undefined;
  if (revoked !== undefined && entry.revoked === undefined) {
    throw new EditProblem(`reviewer ${String(entry.fingerprint)} is revoked (${String(revoked)}): an edit does not lift a revocation; remove the entry first to list the key again`);
  }
  for (const [k, v] of Object.entries(entry)) out = setIn(out, ['roster', i, k], plainValue(v, what), write(what));
  const stale = typeof old === 'object' && old !== null ? Object.keys(old).filter((k) => !(k in entry)) : [];
  for (const k of stale) out = deleteIn(out, ['roster', i, k], write(what));
  return out;
}

export function revokeReviewer(text: string, e: Op<'revokeReviewer'>): string {
  const out = upgradeToV3(text);
  return setIn(out, ['roster', requireEntry(out, e.fingerprint), 'revoked'], e.at, write(`the revocation of ${e.fingerprint}`));
}

export function removeReviewer(text: string, e: Op<'removeReviewer'>): string {
  return deleteIn(text, ['roster', requireEntry(text, e.fingerprint)], write(`roster entry ${e.fingerprint}`));
}
