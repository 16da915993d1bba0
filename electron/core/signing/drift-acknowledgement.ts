/*
 * drift-acknowledgement/v1 (issue 12): a reviewer's signed word on one drift item of one
 * install: "acknowledged" (the drift is accepted as it is) or "to be reverted by the vendor".
 * Exported for the vendor like an approval; `countersign verify --drift` checks it. The subject
 * is the drift item's key (DriftItem.key, `sha256:` over the install, resource and its live
 * values, masked), so an acknowledgement never covers a later, different drift of the resource.
 */
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { SIGNED_TIME, isIsoTime } from '../model/iso-time';
import { UsageError } from '../model/errors';
import { attestationFileName } from './attestation-files';
import { createEnvelope, IN_TOTO_PAYLOAD_TYPE } from './dsse';
import { keyIdOf } from './keys';
import { auditHeadSchema } from './predicates';
import type { AuditHead } from './predicates';
import type { SignedAttestation } from './sign';
import { payloadDigest, STATEMENT_TYPE, statementBytes, subjectFor } from './statement';
import type { Statement } from './statement';

export const DRIFT_ACKNOWLEDGEMENT_PREDICATE = 'https://countersign.dev/drift-acknowledgement/v1';
/** The statement's subject: the drift item (its key's sha256). */
export const DRIFT_ITEM_SUBJECT = 'drift-item';

export type DriftAcknowledgementMode = 'acknowledged' | 'revert-by-vendor';

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex>');
const isoTime = z.string().max(64).refine((s) => isIsoTime(s, SIGNED_TIME), 'must be an ISO-8601 time with a zone, on a real calendar day');
const note = z.string().max(16 * 1024).refine((s) => s.trim().length > 0, 'must not be empty');

/** Strict: a field this build does not know is refused (a newer format bumps the version). */
export const driftAcknowledgementPredicateSchema = z.object({
  install: z.string().max(256),
  item: z.object({
    key: digest,
    source: z.enum(['terraform', 'kubernetes', 'image']),
    address: z.string().min(1).max(1024),
    kind: z.enum(['changed', 'added', 'removed']),
  }).strict(),
  /** The snapshot the reviewer looked at (sha256 of its bytes) and the approved change set it was compared with ('' for a refresh-only plan). */
  snapshot: z.object({
    kind: z.enum(['terraform-refresh-plan', 'terraform-state', 'kubernetes-live']),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex'),
  }).strict(),
  approvedChangeSet: z.union([digest, z.literal('')]),
  contractDigest: digest,
  mode: z.enum(['acknowledged', 'revert-by-vendor']),
  note,
  reviewer: z.object({ keyId: digest, name: z.string().max(256) }).strict(),
  time: isoTime,
  auditHead: auditHeadSchema,
}).strict();
export type DriftAcknowledgementPredicate = z.infer<typeof driftAcknowledgementPredicateSchema>;

export interface DriftAcknowledgementRequest {
  readonly install: string;
  readonly item: DriftAcknowledgementPredicate['item'];
  readonly snapshot: DriftAcknowledgementPredicate['snapshot'];
  readonly approvedChangeSet: string;
  readonly contractDigest: string;
  readonly mode: DriftAcknowledgementMode;
  readonly note: string;
  readonly reviewer: { readonly privateKey: KeyObject; readonly name: string };
  readonly time?: Date;
  readonly auditHead: AuditHead;
}

/** Signs an acknowledgement; refused (UsageError) when it could never verify (empty note, bad key, bad fields). */
export function signDriftAcknowledgement(req: DriftAcknowledgementRequest): SignedAttestation<DriftAcknowledgementPredicate> {
  const key = req.reviewer.privateKey;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') throw new TypeError('signing needs an Ed25519 private key');
  if (req.note.trim() === '') throw new UsageError(req.mode === 'acknowledged' ? 'acknowledging drift needs a note saying why' : 'marking drift to be reverted by the vendor needs a note for the vendor');
  const time = req.time ?? new Date();
  if (Number.isNaN(time.getTime())) throw new UsageError('invalid time');
  const candidate: unknown = {
    install: req.install,
    item: { key: req.item.key, source: req.item.source, address: req.item.address, kind: req.item.kind },
    snapshot: { kind: req.snapshot.kind, sha256: req.snapshot.sha256 },
    approvedChangeSet: req.approvedChangeSet,
    contractDigest: req.contractDigest,
    mode: req.mode,
    note: req.note,
    reviewer: { keyId: keyIdOf(key), name: req.reviewer.name },
    time: time.toISOString(),
    auditHead: { ...req.auditHead },
  };
  // Validated before signing: what we sign is exactly what a verifier accepts.
  const parsed = driftAcknowledgementPredicateSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`cannot sign this drift acknowledgement: ${issue.path.join('.')} ${issue.message}`);
  }
  const predicate = parsed.data;
  const statement: Statement<DriftAcknowledgementPredicate> = {
    _type: STATEMENT_TYPE,
    subject: [subjectFor(DRIFT_ITEM_SUBJECT, predicate.item.key)],
    predicateType: DRIFT_ACKNOWLEDGEMENT_PREDICATE,
    predicate,
  };
  const payload = statementBytes(statement);
  const payloadDigestValue = payloadDigest(payload);
  return {
    kind: 'drift-acknowledgement',
    envelope: createEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, key),
    digest: payloadDigestValue,
    statement,
    fileName: attestationFileName('drift-acknowledgement', payloadDigestValue),
  };
}
