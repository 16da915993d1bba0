import { z } from 'zod';
import { SIGNED_TIME, isIsoTime } from '../model/iso-time';
import { rosterSchema } from '../base/roster';

/**
 * Predicate type URIs (documented in docs/attestations.md). This build writes v2 and reads
 * v1 and v2; CLI 0.1.0 reads only v1 (an unknown predicate type is ignored there).
 */
export const DECISION_PREDICATE_V1 = 'https://countersign.dev/attestations/decision/v1';
export const DECISION_PREDICATE = 'https://countersign.dev/attestations/decision/v2';
export const EXCEPTION_PREDICATE_V1 = 'https://countersign.dev/attestations/exception/v1';
export const EXCEPTION_PREDICATE = 'https://countersign.dev/attestations/exception/v2';
export const CONTRACT_REVISION_PREDICATE_V1 = 'https://countersign.dev/attestations/contract-revision/v1';
/** contract-revision/v2: the publication of a revision, carrying its roster, pack pins and notAfter. */
export const CONTRACT_REVISION_PREDICATE = 'https://countersign.dev/attestations/contract-revision/v2';

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex>');
const keyId = digest;
// RFC 3339 with a zone, on a real calendar day (model/iso-time.ts).
const isoTime = z.string().max(64).refine((s) => isIsoTime(s, SIGNED_TIME), 'must be an ISO-8601 time with a zone, on a real calendar day');
const person = z.object({ keyId, name: z.string().max(256) });

/**
 * The signing workspace's audit-log head when the attestation was made: the newest entry's
 * seq and hash, and the hash of entry 1 (which names the chain). `audit verify --attestations`
 * fails when the chain no longer holds that entry, so deleting the newest rows is detected.
 */
export const auditHeadSchema = z.object({
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex'),
  genesis: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex'),
}).strict();
export type AuditHead = z.infer<typeof auditHeadSchema>;

/** A reviewer's signed decision over one change set under one contract revision (v1: no audit head). */
export const decisionPredicateV1Schema = z.object({
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
/** decision/v2: v1 plus the signing workspace's audit head. */
export const decisionPredicateSchema = decisionPredicateV1Schema.extend({ auditHead: auditHeadSchema });
export type DecisionPredicateV1 = z.infer<typeof decisionPredicateV1Schema>;
export type DecisionPredicateV2 = z.infer<typeof decisionPredicateSchema>;
/** A decision as read (v1 files have no audit head). */
export type DecisionPredicate = DecisionPredicateV1 & { readonly auditHead?: AuditHead };

/**
 * exception/v1: one policy, one `resource`. Read fail-closed (see verify/waivers.ts): a
 * resource holding any of `[ ] { } ? \ "` is an exact address; otherwise `*` is a wildcard.
 */
export const exceptionPredicateV1Schema = z.object({
  policy: z.string().min(1).max(256),
  /** Glob over resource addresses (the contract's `glob` semantics); an exact address matches itself. */
  resource: z.string().min(1).max(1024),
  changeSetDigest: digest.nullable(),
  expires: isoTime,
  justification: z.string().max(16 * 1024).refine((s) => s.trim().length > 0, 'must not be empty'),
  requester: person,
  time: isoTime,
});
export type ExceptionPredicateV1 = z.infer<typeof exceptionPredicateV1Schema>;

const policyId = z.string().min(1).max(256);
/** One waiver: an exact address (matches only itself, byte for byte), or an explicit glob pattern. */
export const waiverSchema = z.union([
  z.object({ policy: policyId, address: z.string().min(1).max(1024) }).strict(),
  z.object({ policy: policyId, pattern: z.string().min(1).max(1024) }).strict(),
]);
export type Waiver = z.infer<typeof waiverSchema>;

/** exception/v2: one or more waivers, and the signing workspace's audit head. */
export const exceptionPredicateSchema = z.object({
  waives: z.array(waiverSchema).min(1).max(1000),
  changeSetDigest: digest.nullable(),
  expires: isoTime,
  justification: z.string().max(16 * 1024).refine((s) => s.trim().length > 0, 'must not be empty'),
  requester: person,
  time: isoTime,
  auditHead: auditHeadSchema,
});
export type ExceptionPredicateV2 = z.infer<typeof exceptionPredicateSchema>;

/** A v1 `resource`, kept apart so its legacy meaning is never confused with a v2 address or pattern. */
export interface LegacyWaiver {
  readonly policy: string;
  readonly v1Resource: string;
}

/** An exception as read, whatever its version: its waivers, and the common fields. */
export interface ExceptionPredicate {
  readonly version: 1 | 2;
  readonly waives: readonly (Waiver | LegacyWaiver)[];
  readonly changeSetDigest: string | null;
  readonly expires: string;
  readonly justification: string;
  readonly requester: { readonly keyId: string; readonly name: string };
  readonly time: string;
  readonly auditHead?: AuditHead;
}

/** The version-independent view of a v1 or v2 exception predicate. */
export function normalizeException(p: ExceptionPredicateV1 | ExceptionPredicateV2): ExceptionPredicate {
  const common = { changeSetDigest: p.changeSetDigest, expires: p.expires, justification: p.justification, requester: p.requester, time: p.time };
  return 'waives' in p
    ? { version: 2, waives: p.waives, auditHead: p.auditHead, ...common }
    : { version: 1, waives: [{ policy: p.policy, v1Resource: p.resource }], ...common };
}

/** Parses an exception predicate of either version (by predicate type). */
export function parseExceptionPredicate(predicateType: string, value: unknown): { predicate: ExceptionPredicate } | { problem: string } {
  const r = predicateType === EXCEPTION_PREDICATE_V1 ? parsePredicate(exceptionPredicateV1Schema, value) : parsePredicate(exceptionPredicateSchema, value);
  return 'problem' in r ? r : { predicate: normalizeException(r.predicate) };
}

/** Parses a decision predicate of either version (by predicate type). */
export function parseDecisionPredicate(predicateType: string, value: unknown): { predicate: DecisionPredicate } | { problem: string } {
  return predicateType === DECISION_PREDICATE_V1 ? parsePredicate(decisionPredicateV1Schema, value) : parsePredicate(decisionPredicateSchema, value);
}

/** `policy on address`, `policy on pattern GLOB`, or `policy on resource R (v1)`: how outputs name a waiver. */
export function describeWaiver(w: Waiver | LegacyWaiver): string {
  if ('address' in w) return `${w.policy} on ${w.address}`;
  if ('pattern' in w) return `${w.policy} on pattern ${w.pattern}`;
  return `${w.policy} on ${w.v1Resource} (v1 resource)`;
}

/** contract-revision/v1: a published contract revision, signed by the contract owner (no roster: informational only). */
export const contractRevisionPredicateSchema = z.object({
  name: z.string().max(256),
  vendor: z.string().max(256),
  revision: z.number().int().min(1),
  time: isoTime,
});
export type ContractRevisionPredicate = z.infer<typeof contractRevisionPredicateSchema>;

/**
 * contract-revision/v2: the publication verify trusts. Strict: a field this build does not
 * know is refused rather than ignored (a newer publication format bumps the version).
 */
export const contractPublicationPredicateSchema = z.object({
  name: z.string().max(256),
  vendor: z.string().max(256),
  install: z.string().max(256),
  revision: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  time: isoTime,
  /** After this moment the publication (and with it the roster) no longer counts. */
  notAfter: isoTime,
  /** Equal to the statement's contract subject. */
  contractDigest: digest,
  packs: z.array(z.object({ pack: z.string().min(1).max(256), version: z.number().int().min(1), digest }).strict()).max(1000),
  roster: rosterSchema,
}).strict();
export type ContractPublicationPredicate = z.infer<typeof contractPublicationPredicateSchema>;

/** Parses a predicate with `schema`; the problem in words on failure. */
export function parsePredicate<T>(schema: z.ZodType<T>, value: unknown): { predicate: T } | { problem: string } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { predicate: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { problem: `predicate ${issue.path.join('.') || ''} ${issue.message}`.replace('  ', ' ') };
}

/**
 * withdrawal/v1 (issue 10): a reviewer takes back one of their own decisions, with a reason.
 * Decisions are otherwise final: verify no longer lets the latest decision by `time` win; a
 * decision stands until a withdrawal by the same reviewer (the same roster person) names its
 * payload digest. Subject: the change set (CHANGESET_SUBJECT), as the decision's.
 */
export const WITHDRAWAL_PREDICATE = 'https://countersign.dev/attestations/withdrawal/v1';
export const withdrawalPredicateSchema = z.object({
  /** Payload digest (sha256 of the DSSE payload) of the decision withdrawn. */
  withdraws: digest,
  /** What the withdrawn decision said (shown; verify checks it against the decision). */
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(16 * 1024).refine((s) => s.trim().length > 0, 'must not be empty'),
  reviewer: person,
  time: isoTime,
  auditHead: auditHeadSchema,
}).strict();
export type WithdrawalPredicate = z.infer<typeof withdrawalPredicateSchema>;

/**
 * release/v1 (issue 10): the vendor's signature over a change set, made by
 * `countersign changeset sign`, kept in the bundle's `signatures/` folder (outside the
 * change-set digest). Subject: the change set (CHANGESET_SUBJECT). Counts only from a key the
 * contract's roster lists as an unrevoked `vendor-release`.
 */
export const RELEASE_PREDICATE = 'https://countersign.dev/attestations/release/v1';
export const releasePredicateSchema = z.object({
  /** The manifest's metadata, as signed (shown beside the change set's own, and compared with it). */
  vendor: z.string().max(256),
  app: z.string().max(256),
  install: z.string().max(256),
  release: z.string().max(256),
  signer: z.object({ keyId, name: z.string().max(256) }).strict(),
  time: isoTime,
}).strict();
export type ReleasePredicate = z.infer<typeof releasePredicateSchema>;
