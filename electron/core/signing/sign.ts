import type { KeyObject } from 'node:crypto';
import type { Enforcement } from '../model/policy';
import type { Verdict } from '../model/finding';
import { ConflictError, InputError, UsageError } from '../model/errors';
import { requireRejectionComment } from '../model/rejection-comment';
import { createEnvelope, decodeEnvelope, IN_TOTO_PAYLOAD_TYPE, MalformedEnvelopeError, signPayload } from './dsse';
import type { DsseEnvelope } from './dsse';
import { keyIdOf } from './keys';
import { compileGlob } from '../base/glob';
import { CONTRACT_REVISION_PREDICATE_V1, DECISION_PREDICATE, EXCEPTION_PREDICATE, EXCEPTION_PREDICATE_V1, RELEASE_PREDICATE, WITHDRAWAL_PREDICATE, parseExceptionPredicate } from './predicates';
import type { AuditHead, ContractRevisionPredicate, DecisionPredicateV2, ExceptionPredicate, ExceptionPredicateV2, ReleasePredicate, Waiver, WithdrawalPredicate } from './predicates';
import { CHANGESET_SUBJECT, CONTRACT_SUBJECT, parseStatement, payloadDigest, STATEMENT_TYPE, statementBytes, subjectFor } from './statement';
import type { Statement } from './statement';
import { attestationFileName, ENVELOPE_FILE_SUFFIX } from './attestation-files';
import type { AttestationKind } from './attestation-files';
import type { SeparationOfDuties, VendorSignatureRule } from '../base/separation-of-duties';

export { LEGACY_SEPARATION_OF_DUTIES } from '../base/separation-of-duties';
export type { SeparationOfDuties } from '../base/separation-of-duties';

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
  readonly approvals: {
    readonly quorum: number;
    readonly exceptionQuorum: number;
    readonly maxExceptionDays: number;
    /** countersign.dev/v4; absent: what v1–v3 mean (the requester may waive alone, an approver may sign what they rely on). */
    readonly separationOfDuties?: SeparationOfDuties;
  };
  /** countersign.dev/v4 `spec.vendorSignature`; absent: `optional`. */
  readonly vendorSignature?: VendorSignatureRule;
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
  /** The signing workspace's audit head (recorded so a deleted tail is detectable). */
  readonly auditHead: AuditHead;
}

export function signApproval(req: DecisionRequest): SignedAttestation<DecisionPredicateV2> {
  return signDecision('approve', req);
}

/** A rejection must say why: the vendor reads the comment. */
export function signRejection(req: DecisionRequest & { readonly comment: string }): SignedAttestation<DecisionPredicateV2> {
  requireRejectionComment(req.comment);
  return signDecision('reject', req);
}

function signDecision(decision: 'approve' | 'reject', req: DecisionRequest): SignedAttestation<DecisionPredicateV2> {
  const predicate: DecisionPredicateV2 = {
    decision,
    contract: { name: req.contract.name, digest: req.contract.digest },
    evaluation: { digest: req.evaluation.digest, verdict: req.evaluation.verdict, engineVersion: req.evaluation.engineVersion, at: req.evaluation.at },
    exceptions: [...new Set(req.exceptions ?? [])].sort(),
    reviewer: { keyId: keyIdOf(req.reviewer.privateKey), name: req.reviewer.name },
    time: isoTime(req.time),
    comment: req.comment ?? '',
    auditHead: { ...req.auditHead },
  };
  return sign(decision === 'approve' ? 'approval' : 'rejection', CHANGESET_SUBJECT, req.changeSetDigest, DECISION_PREDICATE, predicate, req.reviewer.privateKey);
}

export interface WithdrawalRequest {
  /** The change set the withdrawn decision is about (the withdrawal's subject, as the decision's). */
  readonly changeSetDigest: string;
  /** Payload digest of the decision withdrawn, and what it said. */
  readonly withdraws: string;
  readonly decision: 'approve' | 'reject';
  readonly reason: string;
  /** The decision's reviewer, or another unrevoked key of the same person. */
  readonly reviewer: Signer;
  readonly time?: Date;
  readonly auditHead: AuditHead;
}

/**
 * withdrawal/v1: takes back one decision, with a reason. Verify honours it only when it is
 * signed by the same person as the decision it names (verify/count-decisions.ts).
 */
export function signWithdrawal(req: WithdrawalRequest): SignedAttestation<WithdrawalPredicate> {
  if (!/^sha256:[0-9a-f]{64}$/.test(req.withdraws)) throw new UsageError(`a withdrawal names the decision's digest as sha256:<64 hex>, got ${JSON.stringify(req.withdraws.slice(0, 80))}`);
  if (!req.reason.trim()) throw new UsageError('a withdrawal needs a reason');
  const predicate: WithdrawalPredicate = {
    withdraws: req.withdraws,
    decision: req.decision,
    reason: req.reason,
    reviewer: { keyId: keyIdOf(req.reviewer.privateKey), name: req.reviewer.name },
    time: isoTime(req.time),
    auditHead: { ...req.auditHead },
  };
  return sign('withdrawal', CHANGESET_SUBJECT, req.changeSetDigest, WITHDRAWAL_PREDICATE, predicate, req.reviewer.privateKey);
}

export interface ExceptionRequest {
  readonly contract: ContractRef;
  /** The change set it is scoped to, or null for every change set under this contract revision until it expires. */
  readonly changeSetDigest: string | null;
  /** One or more waivers: `{policy, address}` (that address only) or `{policy, pattern}` (an explicit glob). */
  readonly waives: readonly Waiver[];
  readonly expires: Date;
  readonly justification: string;
  readonly requester: Signer;
  readonly time?: Date;
  /** The signing workspace's audit head. */
  readonly auditHead: AuditHead;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How many waivers one exception may carry (the predicate's bound). */
export const MAX_WAIVERS = 1000;

/**
 * A new exception (exception/v2), signed first by its requester. Refused here (UsageError)
 * rather than at verify time when it could never count: unknown or `mandatory` policy, no
 * waiver, an empty, duplicated or invalid address/pattern, empty justification, an expiry in
 * the past or beyond the contract's maxExceptionDays.
 */
export function createException(req: ExceptionRequest): SignedAttestation<ExceptionPredicateV2> {
  const time = req.time ?? new Date();
  checkWaivers(req.waives, req.contract);
  if (!req.justification.trim()) throw new UsageError('an exception needs a justification');
  if (Number.isNaN(req.expires.getTime()) || req.expires.getTime() <= time.getTime()) {
    throw new UsageError('the exception must expire after the time it is made');
  }
  const maxDays = req.contract.approvals.maxExceptionDays;
  if (req.expires.getTime() - time.getTime() > maxDays * DAY_MS) {
    throw new UsageError(`the exception expires more than ${maxDays} days from now (contract ${req.contract.name} allows at most ${maxDays})`);
  }
  const predicate: ExceptionPredicateV2 = {
    waives: req.waives.map((w) => ('address' in w ? { policy: w.policy, address: w.address } : { policy: w.policy, pattern: w.pattern })),
    changeSetDigest: req.changeSetDigest,
    expires: req.expires.toISOString(),
    justification: req.justification,
    requester: { keyId: keyIdOf(req.requester.privateKey), name: req.requester.name },
    time: time.toISOString(),
    auditHead: { ...req.auditHead },
  };
  const [subjectName, subjectDigest] = req.changeSetDigest === null
    ? [CONTRACT_SUBJECT, req.contract.digest]
    : [CHANGESET_SUBJECT, req.changeSetDigest];
  return sign('exception', subjectName, subjectDigest, EXCEPTION_PREDICATE, predicate, req.requester.privateKey);
}

function checkWaivers(waives: readonly Waiver[], contract: ContractRef): void {
  if (waives.length === 0) throw new UsageError('an exception needs at least one resource address or pattern to waive');
  if (waives.length > MAX_WAIVERS) throw new UsageError(`an exception waives at most ${MAX_WAIVERS} resources (${waives.length} given)`);
  const seen = new Set<string>();
  for (const w of waives) {
    const policy = contract.policies.find((p) => p.id === w.policy);
    if (!policy) throw new UsageError(`policy '${w.policy}' is not in contract ${contract.name}`);
    if (policy.enforcement === 'mandatory') throw new UsageError(`policy '${w.policy}' is mandatory: its findings can never be waived`);
    const [kind, value] = 'address' in w ? ['address', w.address] : ['pattern', w.pattern];
    if (value.trim() === '' || value.length > 1024) throw new UsageError(`an exception needs a non-empty ${kind} of at most 1024 characters`);
    if (kind === 'pattern') {
      try {
        compileGlob(value);
      } catch (err) {
        throw new UsageError(`pattern '${value}' is not a valid glob (${(err as Error).message})`);
      }
    }
    const key = JSON.stringify([w.policy, kind, value]);
    if (seen.has(key)) throw new UsageError(`${w.policy} on ${kind} '${value}' is listed twice`);
    seen.add(key);
  }
}

export interface ContractRevisionRequest {
  readonly contract: Pick<ContractRef, 'name' | 'digest' | 'vendor'>;
  readonly revision: number;
  readonly signer: Signer;
  readonly time?: Date;
}

/** contract-revision/v1 (no roster, no notAfter): kept for reading and tests; publications are contract-revision/v2 (publication.ts). */
export function signContractRevision(req: ContractRevisionRequest): SignedAttestation<ContractRevisionPredicate> {
  if (!Number.isInteger(req.revision) || req.revision < 1) throw new UsageError('the revision number must be a positive integer');
  const predicate: ContractRevisionPredicate = {
    name: req.contract.name,
    vendor: req.contract.vendor ?? '',
    revision: req.revision,
    time: isoTime(req.time),
  };
  return sign('contract-revision', CONTRACT_SUBJECT, req.contract.digest, CONTRACT_REVISION_PREDICATE_V1, predicate, req.signer.privateKey);
}

export interface ReleaseSignatureRequest {
  /** The bundle's change-set digest (signatures/ is outside it). */
  readonly changeSetDigest: string;
  /** The manifest's metadata, as the vendor signs it. */
  readonly release: Pick<ReleasePredicate, 'vendor' | 'app' | 'install' | 'release'>;
  readonly signer: Signer;
  readonly time?: Date;
}

/** Where `changeset sign` writes a release signature inside the bundle: `signatures/<first 16 hex of the key id>.release.dsse.json`. */
export function releaseSignatureFileName(keyId: string): string {
  return `${keyId.replace(/^sha256:/, '').slice(0, 16)}.release${ENVELOPE_FILE_SUFFIX}`;
}

/** release/v1: the vendor's signature over a change set and its manifest's metadata (`countersign changeset sign`). */
export function signRelease(req: ReleaseSignatureRequest): SignedAttestation<ReleasePredicate> {
  const keyId = keyIdOf(req.signer.privateKey);
  const predicate: ReleasePredicate = {
    vendor: req.release.vendor,
    app: req.release.app,
    install: req.release.install,
    release: req.release.release,
    signer: { keyId, name: req.signer.name },
    time: isoTime(req.time),
  };
  const signed = sign('release', CHANGESET_SUBJECT, req.changeSetDigest, RELEASE_PREDICATE, predicate, req.signer.privateKey);
  return { ...signed, fileName: releaseSignatureFileName(keyId) };
}

/**
 * Appends the key's signature to an existing envelope (`exception sign`): the payload is
 * untouched, so the attestation keeps its digest and file name. Refuses (naming `source`) an
 * envelope that is not an in-toto Statement, and a key that already signed it (a conflict).
 */
export function addSignature(envelope: unknown, privateKey: KeyObject, source = 'the attestation'): DsseEnvelope {
  let decoded;
  try {
    decoded = decodeEnvelope(envelope);
  } catch (err) {
    throw new InputError(source, `the envelope is malformed (${err instanceof MalformedEnvelopeError ? err.message : String(err)})`);
  }
  if (decoded.payloadType !== IN_TOTO_PAYLOAD_TYPE) throw new InputError(source, `payloadType is ${decoded.payloadType}, expected ${IN_TOTO_PAYLOAD_TYPE}`);
  const parsed = parseStatement(decoded.payload);
  if ('problem' in parsed) throw new InputError(source, parsed.problem);
  const keyId = keyIdOf(privateKey);
  if (decoded.envelope.signatures.some((s) => s.keyid === keyId)) throw new ConflictError(source, `key ${keyId} has already signed this attestation`);
  return { ...decoded.envelope, signatures: [...decoded.envelope.signatures, signPayload(decoded.payloadType, decoded.payload, privateKey)] };
}

/**
 * Reads an exception request (v1 or v2) for a co-signer to review before `addSignature`: the
 * predicate and digest, validated but NOT trusted: the caller checks every signature it
 * carries (exception-service) before counting or adding one.
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
  const type = parsed.statement.predicateType;
  if (type !== EXCEPTION_PREDICATE && type !== EXCEPTION_PREDICATE_V1) {
    throw new UsageError(`not an exception attestation (predicateType ${type.slice(0, 200)})`);
  }
  const predicate = parseExceptionPredicate(type, parsed.statement.predicate);
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
