import { InputError, UsageError } from '../model/errors';
import { addSignature, attestationFileName, CONTRACT_SUBJECT, createException, describeWaiver, readExceptionRequest } from '../signing';
import type { LegacyWaiver, Statement, Waiver } from '../signing';
import { commitWithFile, currentAuditHead } from '../store';
import type { OutboxStep, StoredException, Workspace } from '../store';
import { existingSignatureProblems, resolveTrustedKeys } from '../verify';
import type { TrustedKey, WaivedResource } from '../verify';
import { currentContract, resolveRevision } from './current-contract';
import type { ActiveContract } from './current-contract';
import { unlockKey } from './key-service';
import { outboxFolderFor } from './outbox-layout';
import type { OutboxLayout } from './outbox-layout';
import { rosterSigningProblem } from './roster-signing';
import { signingActor } from './signing-actor';
import { judgeCurrent, workspaceContext } from './review-context';
import type { ReviewContext } from './review-context';
import { signerTrust } from './signer-trust';
import { attestationFile, workspaceTrust } from './workspace-judgement';
import type { AttestationFile } from './workspace-judgement';

/** Where the signed file goes: it is written there together with the database commit. */
export interface OutboxTarget {
  /** The outbox; the file goes to its change set's folder there (outbox-layout.ts) unless `layout` is `flat`. */
  readonly outboxDir: string;
  readonly layout?: OutboxLayout;
  /** Observes the outbox write's steps (the crash tests stop there). */
  readonly onStep?: (step: OutboxStep) => void;
}

export interface ExceptionRequestInput extends OutboxTarget {
  /** Change-set digest or unique prefix: the change set under review. */
  readonly digest: string;
  /**
   * `changeset` (default): the exception covers only this change set. `contract`: it covers
   * matching findings in any change set under this contract until it expires (e.g. a known
   * vendor limitation), so the expiry cap matters even more.
   */
  readonly scope?: 'changeset' | 'contract';
  /** One or more waivers: `{policy, address}` waives that exact address only; `{policy, pattern}` is an explicit glob. */
  readonly waives: readonly Waiver[];
  readonly justification: string;
  readonly expires: Date;
  readonly keyId: string;
  readonly passphrase: string;
  readonly now?: Date;
}

export interface ExceptionResult {
  readonly exceptionId: number;
  /** Payload digest: the exception's identity, whatever signatures it carries. */
  readonly digest: string;
  readonly waives: readonly (Waiver | LegacyWaiver)[];
  readonly changeSetDigest: string | null;
  readonly expires: string;
  /** Distinct keys whose signature on the file written verified, and how many the contract needs. */
  readonly signers: readonly string[];
  readonly quorum: number;
  /** Every `deny` finding of the change set under review its waivers cover (waived once it has enough signatures). */
  readonly covers: readonly WaivedResource[];
  readonly file: AttestationFile;
  /** Where the file was written (in the outbox). */
  readonly path: string;
}

/**
 * A new exception (exception/v2) for resources of a stored change set, scoped to that change
 * set (or contract-wide until it expires), signed by the requester. Refused when it could
 * never count: unknown or `mandatory` policy, no justification, an expiry past or beyond
 * maxExceptionDays, an empty or invalid address/pattern. `context`: the caller's review session
 * (its contract and judgements are reused; a fresh one when absent). Judges the release once.
 */
export async function requestException(ws: Workspace, input: ExceptionRequestInput, context: ReviewContext = workspaceContext(ws)): Promise<ExceptionResult> {
  const digest = ws.changeSets.resolveDigest(input.digest);
  const { key, privateKey } = await unlockKey(ws, input.keyId, input.passphrase);
  const active = context.contractFor(digest);
  const notSigner = rosterSigningProblem(active.contract, key.id, 'exception-signer');
  if (notSigner !== null) throw new UsageError(`cannot request an exception: ${notSigner}`);
  const signed = createException({
    contract: active.contract,
    changeSetDigest: input.scope === 'contract' ? null : digest,
    waives: input.waives,
    expires: input.expires,
    justification: input.justification,
    requester: { privateKey, name: key.name },
    auditHead: currentAuditHead(ws),
    ...(input.now ? { time: input.now } : {}),
  });
  const p = signed.statement.predicate;
  const file = attestationFile(signed.fileName, signed.envelope);
  const folder = outboxFolderFor(ws, input.outboxDir, p.changeSetDigest, input.layout);
  const { value: stored, path } = commitWithFile(folder, file, () => ws.attestations.recordException({
    statementDigest: signed.digest,
    envelope: JSON.stringify(signed.envelope),
    ...storedColumns(p.waives),
    changeSetDigest: p.changeSetDigest,
    expiresAt: p.expires,
    justification: p.justification,
    requester: key.name,
    keyId: key.id,
    actor: signingActor(ws, key.id, active.contract),
  }), input.onStep);
  return {
    exceptionId: stored.value.id, digest: signed.digest, waives: p.waives, changeSetDigest: p.changeSetDigest,
    expires: p.expires, signers: [key.id], quorum: Math.max(1, active.contract.approvals.exceptionQuorum),
    covers: coveredIn(ws, context, digest, signed.digest, input.now ?? new Date()),
    file, path,
  };
}

/**
 * Adds this workspace's signature to an exception file (a co-signer's review), v1 or v2. Every
 * signature the file already carries is verified first against this workspace's keys: a
 * forged, unknown, untrusted or revoked one is refused with the reason (never counted). The
 * exception is recorded here too if it came from another workspace; a change-set-scoped
 * exception needs that change set imported (a co-signer signs what they could review).
 */
export async function signException(
  ws: Workspace,
  input: OutboxTarget & { readonly envelopeText: string; readonly source: string; readonly keyId: string; readonly passphrase: string },
  context: ReviewContext = workspaceContext(ws),
): Promise<ExceptionResult> {
  let envelope: unknown;
  try {
    envelope = JSON.parse(input.envelopeText);
  } catch (err) {
    throw new InputError(input.source, `not a JSON envelope (${(err as Error).message})`);
  }
  const { request, active } = verifyExceptionCopy(ws, envelope, input.source, context);
  const p = request.predicate;
  const { key, privateKey } = await unlockKey(ws, input.keyId, input.passphrase);
  const notSigner = rosterSigningProblem(active.contract, key.id, 'exception-signer');
  if (notSigner !== null) throw new UsageError(`cannot sign the exception: ${notSigner}`);
  const cosigned = addSignature(envelope, privateKey, input.source);
  const file = attestationFile(attestationFileName('exception', request.digest), cosigned);
  const folder = outboxFolderFor(ws, input.outboxDir, p.changeSetDigest, input.layout);
  const { value: stored, path } = commitWithFile(folder, file, () => ws.db.transaction(() => {
    const existing = recordExceptionOnce(ws, request, envelope, signingActor(ws, p.requester.keyId, active.contract));
    return ws.attestations.addExceptionSignature(existing.id, key.id, JSON.stringify(cosigned), signingActor(ws, key.id, active.contract)).value;
  }).immediate(), input.onStep);
  return {
    exceptionId: stored.id, digest: request.digest, waives: p.waives, changeSetDigest: p.changeSetDigest,
    expires: p.expires, signers: [...new Set(cosigned.signatures.map((s) => s.keyid))].sort(), quorum: Math.max(1, active.contract.approvals.exceptionQuorum),
    covers: p.changeSetDigest !== null ? coveredIn(ws, context, p.changeSetDigest, request.digest, new Date()) : [],
    file, path,
  };
}

/** An exception envelope whose every signature verified, with the contract that judges it. */
export interface VerifiedExceptionCopy {
  readonly request: ReturnType<typeof readExceptionRequest>;
  readonly active: ActiveContract;
}

/**
 * The checks before an exception copy is co-signed or stored (signException, received
 * attestation files, signing requests): it is an exception; EVERY signature it carries verifies
 * with `trusted` (default: this workspace's keys and trusted reviewer keys, plus the roster
 * of the contract that judges it), none forged, unknown or revoked; the requester's signature
 * is among them; a change-set-scoped one is for a change set the workspace holds; its
 * policies exist in that contract and are not mandatory. Throws an InputError naming `source`.
 */
export function verifyExceptionCopy(
  ws: Workspace, envelope: unknown, source: string, context: ReviewContext, trusted?: ReadonlyMap<string, TrustedKey>,
): VerifiedExceptionCopy {
  let request: ReturnType<typeof readExceptionRequest>;
  try {
    request = readExceptionRequest(envelope);
  } catch (err) {
    throw new InputError(source, (err as Error).message);
  }
  const p = request.predicate;
  const held = p.changeSetDigest === null || ws.changeSets.getChangeSet(p.changeSetDigest) !== null;
  const active = !held ? null : p.changeSetDigest !== null ? context.contractFor(p.changeSetDigest) : contractNamedBy(ws, request.statement);
  // Signatures first (a forgery is named as such even for a change set not held here).
  const keys = trusted ?? (active ? signerTrust(ws, active.contract) : resolveTrustedKeys(workspaceTrust(ws)));
  const bad = existingSignatureProblems(envelope, keys, Date.parse(p.time));
  if (bad.length > 0) throw new InputError(source, `refused, not signed: ${bad.join('; ')}`);
  if (!active) throw new InputError(source, `is for change set ${p.changeSetDigest}, which is not in this workspace: import and review it first`);
  // Every signature verified above; the requester's must be among them (their request is what is co-signed).
  if (!(envelope as { signatures: { keyid: string }[] }).signatures.some((s) => s.keyid === p.requester.keyId)) {
    throw new InputError(source, `refused, not signed: it names requester ${p.requester.name} (${p.requester.keyId}), whose signature it does not carry`);
  }
  for (const w of p.waives) {
    const policy = active.contract.policies.find((x) => x.id === w.policy);
    if (!policy) throw new InputError(source, `waives policy '${w.policy}', which is not in contract ${active.contract.name} (the contract that judges it)`);
    if (policy.enforcement === 'mandatory') throw new InputError(source, `waives policy '${w.policy}', which is mandatory: its findings can never be waived`);
  }
  return { request, active };
}

/** The exception row for this statement: the stored one, else recorded now from this (verified) copy. */
export function recordExceptionOnce(ws: Workspace, request: VerifiedExceptionCopy['request'], envelope: unknown, actor?: string): StoredException {
  const p = request.predicate;
  return ws.attestations.getExceptionByStatement(request.digest) ?? ws.attestations.recordException({
    statementDigest: request.digest,
    envelope: JSON.stringify(envelope),
    ...storedColumns(p.waives),
    changeSetDigest: p.changeSetDigest,
    expiresAt: p.expires,
    justification: p.justification,
    requester: p.requester.name,
    keyId: p.requester.keyId,
    ...(actor === undefined ? {} : { actor }),
  }).value;
}

/**
 * The contract a contract-wide exception is for: the latest revision of the contract whose
 * revision its subject names (that contract's policies now decide what may be waived); the
 * default contract when the workspace holds no revision with that digest.
 */
function contractNamedBy(ws: Workspace, statement: Statement): ActiveContract {
  const hex = statement.subject.find((s) => s.name === CONTRACT_SUBJECT)?.digest.sha256?.toLowerCase();
  const named = hex && /^[0-9a-f]{64}$/.test(hex) ? ws.contracts.getRevisionByDigest(`sha256:${hex}`) : null;
  const latest = named ? ws.contracts.latestRevision(named.contract) : null;
  return latest ? resolveRevision(latest) : currentContract(ws);
}

/**
 * The store's summary columns (the envelope stays the truth): the policies, and the waivers
 * in words, so a listing of the table never shows a bare address where a pattern was meant.
 */
function storedColumns(waives: readonly (Waiver | LegacyWaiver)[]): { policy: string; resourcePattern: string } {
  return { policy: [...new Set(waives.map((w) => w.policy))].join(', '), resourcePattern: waives.map(describeWaiver).join('; ') };
}

/**
 * The `deny` findings of a stored change set that the exception's waivers cover (as verify
 * matches them), from the one judgement of what the workspace holds now (kept for the screens).
 */
function coveredIn(ws: Workspace, context: ReviewContext, changeSetDigest: string, exceptionDigest: string, now: Date): readonly WaivedResource[] {
  const judged = judgeCurrent(ws, context, changeSetDigest, now);
  return judged.verification.exceptions.find((e) => e.digest === exceptionDigest)?.covers ?? [];
}
