import { z } from 'zod';
import { SIGNED_TIME, isIsoTime } from '../model/iso-time';

/** Predicate type URIs (documented in docs/attestations.md). */
export const DECISION_PREDICATE = 'https://countersign.dev/attestations/decision/v1';
export const EXCEPTION_PREDICATE = 'https://countersign.dev/attestations/exception/v1';
export const CONTRACT_REVISION_PREDICATE = 'https://countersign.dev/attestations/contract-revision/v1';

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex>');
const keyId = digest;
// RFC 3339 with a zone, on a real calendar day (model/iso-time.ts).
const isoTime = z.string().max(64).refine((s) => isIsoTime(s, SIGNED_TIME), 'must be an ISO-8601 time with a zone, on a real calendar day');
const person = z.object({ keyId, name: z.string().max(256) });

/** A reviewer's signed decision over one change set under one contract revision. */
export const decisionPredicateSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  contract: z.object({ name: z.string().max(256), digest }),
  evaluation: z.object({
    digest,
    verdict: z.enum(['blocked', 'needs-approval', 'pass']),
    engineVersion: z.string().max(128),
    at: isoTime,
  }),
  /** Digests of the exception envelopes (payload sha256) the reviewer relied on. */
  exceptions: z.array(digest).max(1000),
  reviewer: person,
  time: isoTime,
  comment: z.string().max(16 * 1024),
});
export type DecisionPredicate = z.infer<typeof decisionPredicateSchema>;

/** A waiver of one policy for resources matching a pattern; counts only with enough signatures. */
export const exceptionPredicateSchema = z.object({
  policy: z.string().min(1).max(256),
  /** Glob over resource addresses (the contract's `glob` semantics); an exact address matches itself. */
  resource: z.string().min(1).max(1024),
  changeSetDigest: digest.nullable(),
  expires: isoTime,
  justification: z.string().max(16 * 1024).refine((s) => s.trim().length > 0, 'must not be empty'),
  requester: person,
  time: isoTime,
});
export type ExceptionPredicate = z.infer<typeof exceptionPredicateSchema>;

/** A published contract revision, signed by the contract owner. */
export const contractRevisionPredicateSchema = z.object({
  name: z.string().max(256),
  vendor: z.string().max(256),
  revision: z.number().int().min(1),
  time: isoTime,
});
export type ContractRevisionPredicate = z.infer<typeof contractRevisionPredicateSchema>;

/** Parses a predicate with `schema`; the problem in words on failure. */
export function parsePredicate<T>(schema: z.ZodType<T>, value: unknown): { predicate: T } | { problem: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { predicate: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { problem: `predicate ${issue.path.join('.') || ''} ${issue.message}`.replace('  ', ' ') };
}
