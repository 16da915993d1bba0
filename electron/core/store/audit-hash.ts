import { createHash } from 'node:crypto';
import { canonicalJson } from '../base/canonical-json';
import type { JsonObject } from './types';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an audit entry's hash covers (everything but the hash itself). */
export interface AuditEntryFields {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: JsonObject;
  readonly prev_hash: string;
}

/**
 * hash = lowercase hex sha256 of the canonical JSON (sorted keys, no whitespace) of
 * {seq, at, actor, action, subject, details, prev_hash}. Anyone holding an export can recompute
 * it; the seq inside the hash is what makes a moved row detectable.
 */
export function auditEntryHash(fields: AuditEntryFields): string {
  const text = canonicalJson({
    seq: fields.seq,
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    subject: fields.subject,
    details: fields.details,
    prev_hash: fields.prev_hash,
  });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The same hash computed from a stored row, whose `details` column holds canonicalJson(details):
 * the canonical text of the entry is spliced together (keys in sorted order) instead of parsing
 * and re-serializing the details, which makes verifying a long log several times faster. A details
 * text that is not canonical was not written by the app, and fails the check like any other edit.
 */
export function storedAuditEntryHash(row: Omit<AuditEntryFields, 'details'> & { readonly details: string }): string {
  const text =
    `{"action":${JSON.stringify(row.action)},"actor":${JSON.stringify(row.actor)},"at":${JSON.stringify(row.at)},` +
    `"details":${row.details},"prev_hash":${JSON.stringify(row.prev_hash)},"seq":${JSON.stringify(row.seq)},` +
    `"subject":${JSON.stringify(row.subject)}}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
