import type { KeyObject } from 'node:crypto';
import type { LoadedAttestation } from '../signing/attestation-files';
import { checkSignatures, decodeEnvelope, IN_TOTO_PAYLOAD_TYPE, MalformedEnvelopeError } from '../signing/dsse';
import {
  CONTRACT_REVISION_PREDICATE, CONTRACT_REVISION_PREDICATE_V1, DECISION_PREDICATE, DECISION_PREDICATE_V1, EXCEPTION_PREDICATE, EXCEPTION_PREDICATE_V1,
  RELEASE_PREDICATE, WITHDRAWAL_PREDICATE,
  contractPublicationPredicateSchema, contractRevisionPredicateSchema, parseDecisionPredicate, parseExceptionPredicate, parsePredicate,
  releasePredicateSchema, withdrawalPredicateSchema,
} from '../signing/predicates';
import type {
  ContractPublicationPredicate, ContractRevisionPredicate, DecisionPredicate, ExceptionPredicate, ReleasePredicate, WithdrawalPredicate,
} from '../signing/predicates';
import { parseStatement, payloadDigest } from '../signing/statement';
import { DRIFT_ACKNOWLEDGEMENT_PREDICATE, driftAcknowledgementPredicateSchema } from '../signing/drift-acknowledgement';
import type { DriftAcknowledgementPredicate } from '../signing/drift-acknowledgement';
import type { Statement } from '../signing/statement';
import type { Reason } from './reasons';
import type { TrustedKey } from './trusted-keys';

/** An attestation whose signature(s) verified, with the keys that count for it. */
export type VerifiedAttestation =
  | VerifiedOf<'decision', DecisionPredicate>
  | VerifiedOf<'exception', ExceptionPredicate>
  | VerifiedOf<'contract-revision', ContractRevisionPredicate>
  | VerifiedOf<'publication', ContractPublicationPredicate>
  | VerifiedOf<'withdrawal', WithdrawalPredicate>
  | VerifiedOf<'release', ReleasePredicate>
  | VerifiedOf<'drift-acknowledgement', DriftAcknowledgementPredicate>;

interface VerifiedOf<K extends string, P> {
  readonly type: K;
  readonly source: string;
  /** sha256 of the payload bytes. */
  readonly digest: string;
  readonly statement: Statement<P>;
  readonly predicate: P;
  /** Distinct trusted keys whose signature verified and that were not revoked at the predicate's time. */
  readonly signers: readonly string[];
  /** Keys whose signature verified but that a roster lists as revoked (not signers; a rotated person's rejection still counts, roster-judgement.ts). */
  readonly revokedSigners?: readonly string[];
}

/** Attestations dated up to this far in the future still count (clocks differ). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** How a signature by a key outside the trusted set is reported (the roster has its own words for it). */
export interface UnknownKeyRule {
  readonly code: 'untrusted-key' | 'not-in-roster';
  /** e.g. `untrusted key(s)` */
  readonly what: string;
}
const UNTRUSTED: UnknownKeyRule = { code: 'untrusted-key', what: 'untrusted key(s)' };

/**
 * DSSE verification of every attestation, then (only for those with a verified signature)
 * statement and predicate parsing, then revocation by the predicate's time. Attestations
 * that do not count produce a Reason; they never throw.
 */
export function checkAttestations(
  inputs: readonly LoadedAttestation[],
  trusted: ReadonlyMap<string, TrustedKey>,
  now: Date,
  unknownKeys: UnknownKeyRule = UNTRUSTED,
): { verified: VerifiedAttestation[]; notes: Reason[] } {
  const keys = new Map<string, KeyObject>([...trusted].map(([id, k]) => [id, k.publicKey]));
  const verified: VerifiedAttestation[] = [];
  const notes: Reason[] = [];
  for (const input of inputs) {
    const result = checkOne(input, keys, trusted, now, unknownKeys);
    if ('attestation' in result) verified.push(result.attestation);
    notes.push(...result.notes);
  }
  return { verified, notes };
}

function checkOne(
  input: LoadedAttestation,
  keys: ReadonlyMap<string, KeyObject>,
  trusted: ReadonlyMap<string, TrustedKey>,
  now: Date,
  unknownKeys: UnknownKeyRule,
): { attestation: VerifiedAttestation; notes: Reason[] } | { notes: Reason[] } {
  const { source } = input;
  const note = (code: Reason['code'], message: string): Reason => ({ code, message: `${source}: ${message}`, source });
  if ('error' in input) return { notes: [note('malformed-envelope', input.error)] };

  let decoded;
  try {
    decoded = decodeEnvelope(input.envelope);
  } catch (err) {
    if (err instanceof MalformedEnvelopeError) return { notes: [note('malformed-envelope', `malformed DSSE envelope: ${err.message}`)] };
    throw err;
  }
  if (decoded.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return { notes: [note('wrong-payload-type', `payloadType is '${decoded.payloadType.slice(0, 100)}', expected ${IN_TOTO_PAYLOAD_TYPE}`)] };
  }
  const sigs = checkSignatures(decoded, keys);
  const notes: Reason[] = [];
  for (const k of sigs.malformedSignatures) notes.push(note('malformed-envelope', `signature ${k} is not valid base64`));
  for (const k of sigs.badSignatureKeyIds) notes.push(note('bad-signature', `the signature by ${describe(k, trusted)} does not verify (payload or payloadType altered, or forged)`));
  if (sigs.verifiedKeyIds.length === 0) {
    if (sigs.unknownKeyIds.length > 0) notes.push(note(unknownKeys.code, `signed only by ${unknownKeys.what} ${sigs.unknownKeyIds.join(', ')}`));
    return { notes };
  }
  // Only now, with a verified signature, is the payload parsed.
  const parsed = parseStatement(decoded.payload);
  if ('problem' in parsed) return { notes: [...notes, note('malformed-statement', parsed.problem)] };
  const { statement } = parsed;
  const digest = payloadDigest(decoded.payload);
  const typed = typedPredicate(statement);
  if ('problem' in typed) return { notes: [...notes, note(typed.code, typed.problem)] };

  const time = Date.parse(typed.predicate.time);
  if (time > now.getTime() + CLOCK_SKEW_MS) {
    return { notes: [...notes, note('future-dated', `dated ${typed.predicate.time}, after the verification time ${now.toISOString()}`)] };
  }
  const signers: string[] = [];
  const revokedSigners: string[] = [];
  for (const keyId of sigs.verifiedKeyIds) {
    const key = trusted.get(keyId);
    const revokedAt = key?.revokedAt ?? null;
    if (key?.revokedWhateverTime === true) {
      revokedSigners.push(keyId);
      notes.push(note('revoked-key', `signed by ${describe(keyId, trusted)}, a key the contract's roster lists as revoked${revokedAt === null ? '' : ` (from ${new Date(revokedAt).toISOString()})`}; a revoked key's signatures never count, whatever time they claim (${typed.predicate.time})`));
    } else if (revokedAt !== null && time >= revokedAt) {
      notes.push(note('revoked-key', `signed by ${describe(keyId, trusted)} at ${typed.predicate.time}, but that key was revoked at ${new Date(revokedAt).toISOString()}`));
    } else {
      signers.push(keyId);
    }
  }
  const attestation = { ...typed, source, digest, statement, signers, ...(revokedSigners.length > 0 ? { revokedSigners } : {}) } as VerifiedAttestation;
  return { attestation, notes };
}

type Typed =
  | { type: 'decision'; predicate: DecisionPredicate }
  | { type: 'exception'; predicate: ExceptionPredicate }
  | { type: 'contract-revision'; predicate: ContractRevisionPredicate }
  | { type: 'publication'; predicate: ContractPublicationPredicate }
  | { type: 'withdrawal'; predicate: WithdrawalPredicate }
  | { type: 'release'; predicate: ReleasePredicate }
  | { type: 'drift-acknowledgement'; predicate: DriftAcknowledgementPredicate }
  | { code: 'malformed-statement' | 'unknown-predicate'; problem: string };

function typedPredicate(statement: Statement): Typed {
  const fail = (problem: string): Typed => ({ code: 'malformed-statement', problem });
  switch (statement.predicateType) {
    case DECISION_PREDICATE_V1:
    case DECISION_PREDICATE: {
      const p = parseDecisionPredicate(statement.predicateType, statement.predicate);
      return 'problem' in p ? fail(`approval/rejection ${p.problem}`) : { type: 'decision', predicate: p.predicate };
    }
    case EXCEPTION_PREDICATE_V1:
    case EXCEPTION_PREDICATE: {
      const p = parseExceptionPredicate(statement.predicateType, statement.predicate);
      return 'problem' in p ? fail(`exception ${p.problem}`) : { type: 'exception', predicate: p.predicate };
    }
    case CONTRACT_REVISION_PREDICATE_V1: {
      const p = parsePredicate(contractRevisionPredicateSchema, statement.predicate);
      return 'problem' in p ? fail(`contract revision ${p.problem}`) : { type: 'contract-revision', predicate: p.predicate };
    }
    case CONTRACT_REVISION_PREDICATE: {
      const p = parsePredicate(contractPublicationPredicateSchema, statement.predicate);
      return 'problem' in p ? fail(`contract publication ${p.problem}`) : { type: 'publication', predicate: p.predicate };
    }
    case WITHDRAWAL_PREDICATE: {
      const p = parsePredicate(withdrawalPredicateSchema, statement.predicate);
      return 'problem' in p ? fail(`withdrawal ${p.problem}`) : { type: 'withdrawal', predicate: p.predicate };
    }
    case RELEASE_PREDICATE: {
      const p = parsePredicate(releasePredicateSchema, statement.predicate);
      return 'problem' in p ? fail(`release signature ${p.problem}`) : { type: 'release', predicate: p.predicate };
    }
    case DRIFT_ACKNOWLEDGEMENT_PREDICATE: {
      // Issue 12: recognised (so a drift acknowledgement beside approvals is no unknown predicate); verify-drift judges it.
      const p = parsePredicate(driftAcknowledgementPredicateSchema, statement.predicate);
      return 'problem' in p ? fail(`drift acknowledgement ${p.problem}`) : { type: 'drift-acknowledgement', predicate: p.predicate };
    }
    default:
      return { code: 'unknown-predicate', problem: `predicate type ${statement.predicateType.slice(0, 200)} is not one Countersign uses; ignored` };
  }
}

export function describe(keyId: string, trusted: ReadonlyMap<string, TrustedKey>): string {
  const name = trusted.get(keyId)?.name;
  return name ? `${name} (${keyId})` : keyId;
}
