import type { KeyObject } from 'node:crypto';
import type { Enforcement } from '../model/policy';
import type { Verdict } from '../model/finding';
import { UsageError } from '../model/errors';
import { createEnvelope, decodeEnvelope, IN_TOTO_PAYLOAD_TYPE, MalformedEnvelopeError, signPayload } from './dsse';
import type { DsseEnvelope } from './dsse';
import { keyIdOf } from './keys';
import { CONTRACT_REVISION_PREDICATE, DECISION_PREDICATE, EXCEPTION_PREDICATE, exceptionPredicateSchema, parsePredicate } from './predicates';
import type { ContractRevisionPredicate, DecisionPredicate, ExceptionPredicate } from './predicates';
import { CHANGESET_SUBJECT, CONTRACT_SUBJECT, parseStatement, payloadDigest, STATEMENT_TYPE, statementBytes, subjectFor } from './statement';
import type { Statement } from './statement';
import { attestationFileName } from './attestation-files';
import type { AttestationKind } from './attestation-files';

/** Who signs: the decrypted key (held only for the call) and the name recorded in the predicate. */
export interface Signer {
  readonly privateKey: KeyObject;
  readonly name: string;
}

/** The parts of a resolved contract signing needs (the engine's ResolvedContract fits). */
export interface ContractRef {
  readonly name: string;
  readonly vendor?: string;
  readonly digest: string;
  readonly approvals: { readonly quorum: number; readonly exceptionQuorum: number; readonly maxExceptionDays: number };
  readonly policies: readonly { readonly id: string; readonly enforcement: Enforcement }[];
}

/** What the reviewer saw: the evaluation's digest, verdict, engine and evaluation time. */
export interface EvaluationRef {
  readonly digest: string;
  readonly verdict: Verdict;
  readonly engineVersion: string;
  readonly at: string;
}

export interface SignedAttestation<P = unknown> {
  readonly kind: AttestationKind;
  readonly envelope: DsseEnvelope;
  /** sha256 of the payload bytes: the attestation's identity (stable as signatures are added). */
  readonly digest: string;
  readonly statement: Statement<P>;
  /** `<kind>-<short digest>.dsse.json` */
  readonly fileName: string;
}

export interface DecisionRequest {
  readonly changeSetDigest: string;
  readonly contract: Pick<ContractRef, 'name' | 'digest'>;
  readonly evaluation: EvaluationRef;
  /** Digests of the exception attestations relied on. */
  readonly exceptions?: readonly string[];
  readonly reviewer: Signer;
  readonly comment?: string;
  readonly time?: Date;
}

export function signApproval(req: DecisionRequest): SignedAttestation<DecisionPredicate> {
  return signDecision('approve', req);
}

/** A rejection must say why: the vendor reads the comment. */
export function signRejection(req: DecisionRequest & { readonly comment: string }): SignedAttestation<DecisionPredicate> {
  if (!req.comment?.trim()) throw new UsageError('a rejection needs a comment saying why');
  return signDecision('reject', req);
}

function signDecision(decision: 'approve' | 'reject', req: DecisionRequest): SignedAttestation<DecisionPredicate> {
  const predicate: DecisionPredicate = {
    decision,
    contract: { name: req.contract.name, digest: req.contract.digest },
    evaluation: { digest: req.evaluation.digest, verdict: req.evaluation.verdict, engineVersion: req.evaluation.engineVersion, at: req.evaluation.at },
    exceptions: [...new Set(req.exceptions ?? [])].sort(),
    reviewer: { keyId: keyIdOf(req.reviewer.privateKey), name: req.reviewer.name },
    time: isoTime(req.time),
    comment: req.comment ?? '',
  };
  return sign(decision === 'approve' ? 'approval' : 'rejection', CHANGESET_SUBJECT, req.changeSetDigest, DECISION_PREDICATE, predicate, req.reviewer.privateKey);
}

export interface ExceptionRequest {
  readonly contract: ContractRef;
  /** The change set it is scoped to, or null for every change set under this contract revision until it expires. */
  readonly changeSetDigest: string | null;
  readonly policy: string;
  /** Address glob (an exact address matches itself). */
  readonly resource: string;
  readonly expires: Date;
  readonly justification: string;
  readonly requester: Signer;
  readonly time?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new exception, signed first by its requester. Refused here (UsageError) rather than at
 * verify time when it could never count: unknown or `mandatory` policy, empty justification,
 * an expiry in the past or beyond the contract's maxExceptionDays.
 */
export function createException(req: ExceptionRequest): SignedAttestation<ExceptionPredicate> {
  const time = req.time ?? new Date();
  const policy = req.contract.policies.find((p) => p.id === req.policy);
  if (!policy) throw new UsageError(`policy '${req.policy}' is not in contract ${req.contract.name}`);
  if (policy.enforcement === 'mandatory') throw new UsageError(`policy '${req.policy}' is mandatory: its findings can never be waived`);
  if (!req.justification.trim()) throw new UsageError('an exception needs a justification');
  if (!req.resource.trim()) throw new UsageError('an exception needs a resource address or pattern');
  if (Number.isNaN(req.expires.getTime()) || req.expires.getTime() <= time.getTime()) {
    throw new UsageError('the exception must expire after the time it is made');
  }
  const maxDays = req.contract.approvals.maxExceptionDays;
  if (req.expires.getTime() - time.getTime() > maxDays * DAY_MS) {
    throw new UsageError(`the exception expires more than ${maxDays} days from now (contract ${req.contract.name} allows at most ${maxDays})`);
  }
  const predicate: ExceptionPredicate = {
    policy: req.policy,
    resource: req.resource,
    changeSetDigest: req.changeSetDigest,
    expires: req.expires.toISOString(),
    justification: req.justification,
    requester: { keyId: keyIdOf(req.requester.privateKey), name: req.requester.name },
    time: time.toISOString(),
  };
  const [subjectName, subjectDigest] = req.changeSetDigest === null
    ? [CONTRACT_SUBJECT, req.contract.digest]
    : [CHANGESET_SUBJECT, req.changeSetDigest];
  return sign('exception', subjectName, subjectDigest, EXCEPTION_PREDICATE, predicate, req.requester.privateKey);
}

export interface ContractRevisionRequest {
  readonly contract: Pick<ContractRef, 'name' | 'digest' | 'vendor'>;
  readonly revision: number;
  readonly signer: Signer;
  readonly time?: Date;
}

export function signContractRevision(req: ContractRevisionRequest): SignedAttestation<ContractRevisionPredicate> {
  if (!Number.isInteger(req.revision) || req.revision < 1) throw new UsageError('the revision number must be a positive integer');
  const predicate: ContractRevisionPredicate = {
    name: req.contract.name,
    vendor: req.contract.vendor ?? '',
    revision: req.revision,
    time: isoTime(req.time),
  };
  return sign('contract-revision', CONTRACT_SUBJECT, req.contract.digest, CONTRACT_REVISION_PREDICATE, predicate, req.signer.privateKey);
}

/**
 * Appends the key's signature to an existing envelope (`exception sign`): the payload is
 * untouched, so the attestation keeps its digest and file name. Refuses an envelope that is
 * not an in-toto Statement, and a key that already signed it.
 */
export function addSignature(envelope: unknown, privateKey: KeyObject): DsseEnvelope {
  let decoded;
  try {
    decoded = decodeEnvelope(envelope);
  } catch (err) {
    throw new UsageError(`cannot sign: the envelope is malformed (${err instanceof MalformedEnvelopeError ? err.message : String(err)})`);
  }
  if (decoded.payloadType !== IN_TOTO_PAYLOAD_TYPE) throw new UsageError(`cannot sign: payloadType is ${decoded.payloadType}, expected ${IN_TOTO_PAYLOAD_TYPE}`);
  const parsed = parseStatement(decoded.payload);
  if ('problem' in parsed) throw new UsageError(`cannot sign: ${parsed.problem}`);
  const keyId = keyIdOf(privateKey);
  if (decoded.envelope.signatures.some((s) => s.keyid === keyId)) throw new UsageError(`key ${keyId} has already signed this attestation`);
  return { ...decoded.envelope, signatures: [...decoded.envelope.signatures, signPayload(decoded.payloadType, decoded.payload, privateKey)] };
}

/**
 * Reads an exception request for a co-signer to review before `addSignature`: the predicate
 * and digest, validated but NOT trusted (no signature is checked; the co-signer's judgment is
 * what their signature adds).
 */
export function readExceptionRequest(envelope: unknown): { readonly digest: string; readonly statement: Statement; readonly predicate: ExceptionPredicate } {
  let decoded;
  try {
    decoded = decodeEnvelope(envelope);
  } catch (err) {
    throw new UsageError(`not an exception attestation: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = parseStatement(decoded.payload);
  if ('problem' in parsed) throw new UsageError(`not an exception attestation: ${parsed.problem}`);
  if (parsed.statement.predicateType !== EXCEPTION_PREDICATE) {
    throw new UsageError(`not an exception attestation (predicateType ${parsed.statement.predicateType})`);
  }
  const predicate = parsePredicate(exceptionPredicateSchema, parsed.statement.predicate);
  if ('problem' in predicate) throw new UsageError(`malformed exception: ${predicate.problem}`);
  return { digest: payloadDigest(decoded.payload), statement: parsed.statement, predicate: predicate.predicate };
}

function sign<P>(kind: AttestationKind, subjectName: string, subjectDigest: string, predicateType: string, predicate: P, key: KeyObject): SignedAttestation<P> {
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') throw new TypeError('signing needs an Ed25519 private key');
  const statement: Statement<P> = { _type: STATEMENT_TYPE, subject: [subjectFor(subjectName, subjectDigest)], predicateType, predicate };
  const payload = statementBytes(statement);
  const digest = payloadDigest(payload);
  return { kind, envelope: createEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, key), digest, statement, fileName: attestationFileName(kind, digest) };
}

function isoTime(time: Date | undefined): string {
  const t = time ?? new Date();
  if (Number.isNaN(t.getTime())) throw new UsageError('invalid time');
  return t.toISOString();
}
