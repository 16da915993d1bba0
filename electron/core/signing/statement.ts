import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../base/canonical-json';
import { UsageError } from '../model/errors';

/** in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md). */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

export interface Subject {
  readonly name: string;
  readonly digest: Readonly<Record<string, string>>;
}

export interface Statement<P = unknown> {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly Subject[];
  readonly predicateType: string;
  readonly predicate: P;
}

/** Subject names Countersign uses: the change set, or the contract revision. */
export const CHANGESET_SUBJECT = 'changeset';
export const CONTRACT_SUBJECT = 'contract';

const HEX64 = /^[0-9a-f]{64}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** `sha256:<hex>` → `<hex>` (in-toto digests are bare lowercase hex keyed by algorithm). */
export function digestHex(digest: string): string {
  if (!DIGEST.test(digest)) throw new UsageError(`not a sha256 digest: '${digest}' (expected sha256:<64 hex>)`);
  return digest.slice('sha256:'.length);
}

export function subjectFor(name: string, digest: string): Subject {
  return { name, digest: { sha256: digestHex(digest) } };
}

/** Does the statement name `digest` as a subject called `name`? */
export function hasSubject(statement: Statement, name: string, digest: string): boolean {
  const hex = DIGEST.test(digest) ? digest.slice(7) : '';
  return statement.subject.some((s) => s.name === name && s.digest.sha256?.toLowerCase() === hex);
}

/** Payload bytes: canonical JSON (sorted keys), so one statement has one byte form and one digest. */
export function statementBytes(statement: Statement): Buffer {
  return Buffer.from(canonicalJson(statement), 'utf8');
}

/** The identity of an attestation: sha256 of its payload bytes (signatures added later do not change it). */
export function payloadDigest(payload: Uint8Array): string {
  return `sha256:${createHash('sha256').update(payload).digest('hex')}`;
}

// Unknown fields are allowed (the in-toto spec tells consumers to ignore them).
const statementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(z.object({
    name: z.string().max(1024),
    digest: z.record(z.string(), z.string()),
  })).min(1).max(64),
  predicateType: z.string().min(1).max(1024),
  predicate: z.record(z.string(), z.unknown()),
});

/** Parses verified payload bytes as a Statement; returns the problem in words when it is not one. */
export function parseStatement(payload: Buffer): { statement: Statement } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return { problem: 'payload is not UTF-8 JSON' };
  }
  const parsed = statementSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `payload is not an in-toto Statement v1: ${issue.path.join('.') || 'statement'} ${issue.message}` };
  }
  for (const s of parsed.data.subject) {
    const hex = s.digest.sha256;
    if (hex !== undefined && !HEX64.test(hex.toLowerCase())) return { problem: `subject ${s.name} has a malformed sha256 digest` };
  }
  return { statement: parsed.data as Statement };
}
