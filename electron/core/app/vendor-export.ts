import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseContract } from '../engine';
import { PolicyRefusal } from './errors';
import { InputError } from '../model/errors';
import { attestationFileName, attestationsFrom, envelopeFileText, ENVELOPE_FILE_SUFFIX, JSON_LINES_SUFFIX, payloadDigest, PUBLICATION_FILE_SUFFIX, publicationFileName } from '../signing';
import type { DsseEnvelope } from '../signing';
import type { Workspace } from '../store';
import { makePrivateDir } from '../store/private-files';
import { countsAs, verifyRelease } from '../verify';
import type { Reason, TrustedKeyInput } from '../verify';
import { storedPublication } from './publish-contract';
import { judgeCurrent, workspaceContext } from './review-context';
import type { ReviewContext } from './review-context';
import { vendorSignatureOf } from './vendor-signature-status';
import { workspaceTrust, writeAttestationFile } from './workspace-judgement';
import type { AttestationFile } from './workspace-judgement';

/*
 * Handing a change set's sign-off to the vendor: exactly the files `countersign verify` needs
 * (the decisions that stand, the newest signed copy of each exception that waives a finding,
 * the contract revision that judges it and its owner-signed publication), and the same verify
 * run over them, with only the trust the vendor has, before anything is sent.
 */

const CONTRACT_FILE_SUFFIX = '.contract.yaml';

export interface VendorExport {
  readonly changeSetDigest: string;
  readonly contract: { readonly name: string; readonly revision: number; readonly digest: string };
  /** The contract file (first), the publication (when there is one), then the attestations. */
  readonly files: readonly AttestationFile[];
  readonly contractFile: string;
  /** Keys the vendor's verify trusts: the publication's contract-owners, or without a roster the reviewers' keys. */
  readonly trust: 'contract-owners' | 'reviewer-keys';
  readonly trustedKeys: readonly TrustedKeyInput[];
}

/**
 * What the vendor needs for this change set under the contract revision that judges it. Refused
 * (PolicyRefusal) when that contract has a reviewer roster and the revision is not published:
 * the vendor's verify could never pass without the publication.
 */
export function vendorExportFiles(ws: Workspace, digest: string, context: ReviewContext = workspaceContext(ws), now = new Date()): VendorExport {
  const changeSetDigest = ws.changeSets.resolveDigest(digest);
  const judged = judgeCurrent(ws, context, changeSetDigest, now);
  const { revision, contract } = judged.active;
  const roster = contract.roster ?? [];
  const publication = revision.publishedEnvelope === null ? null : JSON.parse(revision.publishedEnvelope) as DsseEnvelope;
  if (roster.length > 0 && (publication === null || storedPublication(revision) === null)) {
    throw new PolicyRefusal(`contract ${contract.name} revision ${revision.revision} has a reviewer roster but is not published: publish it (a contract owner signs it) before exporting, or the vendor's verify cannot accept any signature`);
  }
  const base = publicationFileName(contract.name, revision.revision).slice(0, -PUBLICATION_FILE_SUFFIX.length);
  const contractFile: AttestationFile = { name: `${base}${CONTRACT_FILE_SUFFIX}`, text: revision.content };
  const files: AttestationFile[] = [contractFile];
  if (publication !== null) files.push({ name: `${base}${PUBLICATION_FILE_SUFFIX}`, text: envelopeFileText(publication) });
  // Decisions that stand (counted by the judgement: signed under this contract, not withdrawn or superseded),
  // conflicting ones included: leaving a person's approval-and-rejection out would let the vendor's verify pass.
  const v = judged.verification;
  const standing = new Set([...v.approvals, ...v.rejections, ...v.conflicts].map((d) => d.digest));
  for (const a of ws.attestations.listApprovals(changeSetDigest)) {
    const envelope = JSON.parse(a.envelope) as DsseEnvelope;
    const payload = payloadDigest(Buffer.from(envelope.payload, 'base64'));
    if (!standing.has(payload)) continue;
    standing.delete(payload);
    files.push({ name: attestationFileName(a.kind === 'approve' ? 'approval' : 'rejection', payload), text: envelopeFileText(envelope) });
  }
  // Each exception that waives a finding now, as its newest signed copy (it carries every signature so far).
  for (const e of judged.verification.exceptionsApplied) {
    const stored = ws.attestations.getExceptionByStatement(e.digest);
    const newest = stored?.signatures.at(-1)?.envelope ?? stored?.envelope;
    if (newest === undefined) continue;
    files.push({ name: attestationFileName('exception', e.digest), text: envelopeFileText(JSON.parse(newest) as DsseEnvelope) });
  }
  const owners = roster.filter((r) => countsAs(r, 'contract-owner'));
  return {
    changeSetDigest,
    contract: { name: contract.name, revision: revision.revision, digest: contract.digest },
    files,
    contractFile: contractFile.name,
    trust: roster.length > 0 ? 'contract-owners' : 'reviewer-keys',
    trustedKeys: roster.length > 0
      ? owners.map((o) => ({ pem: o.publicKey, name: o.name, source: `roster contract-owner ${o.name}` }))
      : workspaceTrust(ws).filter((k) => k.revokedAt === null || k.revokedAt === undefined),
  };
}

export interface ExportResult {
  readonly dir: string;
  readonly paths: readonly string[];
  /** Attestation files of an earlier export removed from `dir` (it is the app's own export folder). */
  readonly removed: readonly string[];
  readonly export: VendorExport;
}

/**
 * Writes the vendor's files into `dir`. A folder holding other attestation or contract files
 * is refused (a verify over it would read them too), unless `replace` (the app's own export
 * folder): then those are removed, so a withdrawn decision never travels on.
 */
export function exportForVendor(ws: Workspace, input: { readonly digest: string; readonly dir: string; readonly replace?: boolean }, context?: ReviewContext): ExportResult {
  const exported = vendorExportFiles(ws, input.digest, context);
  const names = new Set(exported.files.map((f) => f.name));
  const others = existingNames(input.dir).filter((n) => isHandedOver(n) && !names.has(n));
  if (others.length > 0 && input.replace !== true) {
    throw new InputError(input.dir, `already holds other attestation or contract files (${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}): choose an empty folder, so that the vendor's verify reads exactly this export`);
  }
  makePrivateDir(input.dir);
  for (const n of others) unlinkSync(join(input.dir, n));
  const paths = exported.files.map((f) => writeAttestationFile(input.dir, f));
  return { dir: input.dir, paths, removed: others, export: exported };
}

export interface VendorVerification {
  readonly ok: boolean;
  readonly changeSetDigest: string;
  readonly contract: VendorExport['contract'];
  readonly trust: VendorExport['trust'];
  /** The keys trusted (names), as the vendor would pass them with --trust. */
  readonly trustedKeys: readonly string[];
  readonly reasons: readonly Reason[];
  readonly notes: readonly Reason[];
  readonly approvals: number;
  readonly quorum: number;
  /** The files verify read (names). */
  readonly files: readonly string[];
}

/**
 * `countersign verify` as the vendor will run it: the change set re-evaluated under the exported
 * contract file (parsed again from its text), the exported envelopes as the only attestations,
 * the roster bound by the publication (rosterAuthority `publication`), and only the
 * contract-owner keys trusted, the vendor release signatures checked against its roster (without
 * one, the workspace's trusted vendor keys stand in for the vendor's --vendor-key). Nothing of
 * the workspace's own reviewer trust is used under a roster.
 */
export function verifyAsVendor(ws: Workspace, input: { readonly digest: string; readonly now?: Date }, context: ReviewContext = workspaceContext(ws)): VendorVerification {
  const now = input.now ?? new Date();
  const exported = vendorExportFiles(ws, input.digest, context, now);
  const contract = parseContract(exported.contractFile, exported.files[0]!.text);
  const envelopes = exported.files.slice(1);
  const attestations = envelopes.flatMap((f) => attestationsFrom([JSON.parse(f.text) as unknown], f.name));
  const changeSet = context.changeSet(exported.changeSetDigest);
  // The vendor's verify reads the bundle's signatures/ folder: the copies stored at import, under the exported contract's roster.
  const vendorSignature = vendorSignatureOf(ws, exported.changeSetDigest, changeSet.metadata, contract, now);
  const result = verifyRelease({ changeSet, contract, attestations, trustedKeys: exported.trustedKeys, now, vendorSignature });
  return {
    ok: result.ok,
    changeSetDigest: exported.changeSetDigest,
    contract: exported.contract,
    trust: exported.trust,
    trustedKeys: exported.trustedKeys.map((k) => k.name ?? k.source ?? ''),
    reasons: result.reasons,
    notes: result.notes,
    approvals: result.approvals.length,
    quorum: result.quorum,
    files: exported.files.map((f) => f.name),
  };
}

function existingNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A file `countersign verify` would read from the folder, or a contract file of an earlier export. */
function isHandedOver(name: string): boolean {
  return [ENVELOPE_FILE_SUFFIX, PUBLICATION_FILE_SUFFIX, JSON_LINES_SUFFIX, CONTRACT_FILE_SUFFIX].some((s) => name.endsWith(s));
}
