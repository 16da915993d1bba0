import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedContract } from '../engine';
import { InputError } from '../model/errors';
import type { Evaluation } from '../model/finding';
import { attestationsFrom, envelopeFileText } from '../signing';
import type { DsseEnvelope, LoadedAttestation } from '../signing';
import type { Workspace } from '../store';
import { PRIVATE_FILE_MODE, makePrivateDir, tighten } from '../store/private-files';
import { judgeRelease } from '../verify';
import type { ReleaseVerification, TrustedKeyInput } from '../verify';
import type { VendorSignatureStatus } from '../verify/vendor-signature';
import { vendorSignatureOf } from './vendor-signature-status';

/** An attestation file to hand to the vendor: its name and its text. */
export interface AttestationFile {
  readonly name: string;
  readonly text: string;
}

export function attestationFile(name: string, envelope: DsseEnvelope): AttestationFile {
  return { name, text: envelopeFileText(envelope) };
}

/** Writes the file into `dir` (created when missing); returns its path. */
export function writeAttestationFile(dir: string, file: AttestationFile): string {
  const path = join(dir, file.name);
  try {
    makePrivateDir(dir);
    // Owner-only like the workspace it comes from; handing it over is the reviewer's act.
    writeFileSync(path, file.text, { mode: PRIVATE_FILE_MODE });
    tighten(path, PRIVATE_FILE_MODE);
  } catch (err) {
    throw new InputError(dir, `cannot write ${file.name} here (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return path;
}

/** The keys whose signatures count in this workspace: its own keys and the trusted reviewer keys, with their revocations. */
export function workspaceTrust(ws: Workspace): TrustedKeyInput[] {
  return [
    ...ws.keys.listReviewerKeys().map((k) => ({ pem: k.publicKeyPem, name: k.name, revokedAt: k.revokedAt, source: `key ${k.id}` })),
    ...ws.keys.listTrustedKeys('reviewer').map((k) => ({ pem: k.publicKeyPem, name: k.name, revokedAt: k.revokedAt, source: `trusted key ${k.fingerprint}` })),
  ];
}

/**
 * The keys whose contract publications this workspace accepts from a co-reviewer (a signing
 * request, a received publication): its own keys and the keys it trusts as contract owners,
 * never a co-reviewer's key merely trusted as a reviewer (who would otherwise publish "their"
 * contract for a vendor here). Their revocations apply.
 */
export function ownerTrust(ws: Workspace): TrustedKeyInput[] {
  return [
    ...ws.keys.listReviewerKeys().map((k) => ({ pem: k.publicKeyPem, name: k.name, revokedAt: k.revokedAt, source: `key ${k.id}` })),
    ...ws.keys.listTrustedKeys('contract-owner').map((k) => ({ pem: k.publicKeyPem, name: k.name, revokedAt: k.revokedAt, source: `trusted key ${k.fingerprint}` })),
  ];
}

/** Every envelope the workspace holds for a change set: decisions, the signed copies of its exceptions, and withdrawals. */
export function storedAttestations(ws: Workspace, changeSetDigest: string, extra: readonly DsseEnvelope[] = []): LoadedAttestation[] {
  const approvals = ws.attestations.listApprovals(changeSetDigest).map((a) => ({ source: `${a.kind} ${a.id}`, envelope: JSON.parse(a.envelope) as unknown }));
  const exceptions = ws.attestations.listExceptions(changeSetDigest).flatMap((e) => e.signatures.map((s) => ({
    source: `exception ${e.id} (${s.keyId.slice(0, 19)})`,
    envelope: JSON.parse(s.envelope) as unknown,
  })));
  // Withdrawals (withdrawal/v1): verify removes the decision each names when its person signed it.
  const withdrawals = ws.withdrawals.list(changeSetDigest).map((w) => ({ source: `withdrawal ${w.id}`, envelope: JSON.parse(w.envelope) as unknown }));
  return [...approvals, ...exceptions, ...withdrawals, ...attestationsFrom(extra, 'new signature')];
}

/** What a judgement of a stored change set is made from, besides the signatures the workspace holds. */
export interface JudgementInput {
  readonly changeSetDigest: string;
  readonly contract: ResolvedContract;
  readonly evaluation: Evaluation;
  readonly evaluationDigest: string;
  readonly now: Date;
  /** The vendor's release signatures under this contract (vendorSignatureOf); the workspace judgement fills it in when absent. */
  readonly vendorSignature?: VendorSignatureStatus;
}

let judgements = 0;

/**
 * How many times this process has judged a release (verified every signature held for it).
 * Approving must judge once; tests read this counter around a use case.
 */
export function judgementsMade(): number {
  return judgements;
}

/**
 * The same judgement `countersign verify` makes, over what this workspace holds: which
 * exceptions waive which findings, and whether the approvals reach the quorum. Under a contract
 * with a reviewer roster, verify's roster rule applies (roles; a revoked entry never counts; a
 * key outside the roster never counts), with the workspace's own revocations on top. The
 * workspace trusts its own stored roster as it trusts its own keys, so it needs no publication.
 */
export function judgeInWorkspace(ws: Workspace, input: JudgementInput & { readonly extra?: readonly DsseEnvelope[] }): ReleaseVerification {
  return judgeAttestations(withVendorSignature(ws, input), storedAttestations(ws, input.changeSetDigest, input.extra), workspaceTrust(ws));
}

/** The input with the vendor signature status of what the workspace holds, unless the caller gave one. */
export function withVendorSignature<T extends JudgementInput>(ws: Workspace, input: T): T {
  if (input.vendorSignature !== undefined) return input;
  const stored = ws.changeSets.getChangeSet(input.changeSetDigest);
  if (!stored) return input;
  return { ...input, vendorSignature: vendorSignatureOf(ws, input.changeSetDigest, stored.metadata, input.contract, input.now) };
}

/** The one place a workspace judges a release (counted). */
export function judgeAttestations(input: JudgementInput, attestations: readonly LoadedAttestation[], trustedKeys: readonly TrustedKeyInput[]): ReleaseVerification {
  judgements++;
  return judgeRelease({
    changeSetDigest: input.changeSetDigest,
    contract: input.contract,
    evaluation: input.evaluation,
    evaluationDigest: input.evaluationDigest,
    attestations,
    trustedKeys,
    now: input.now,
    roster: input.contract.roster,
    rosterAuthority: 'workspace',
    ...(input.vendorSignature !== undefined ? { vendorSignature: input.vendorSignature } : {}),
  });
}
