import { sha256Hex } from '../../loaders/bundle';
import { UsageError } from '../../model/errors';
import { CONTRACT_SUBJECT, readExceptionRequest } from '../../signing';
import { hasSubject } from '../../signing/statement';
import type { Workspace } from '../../store';
import { contractFor } from '../current-contract';
import { writeAttestationFile } from '../workspace-judgement';
import { SIGNING_REQUEST_API_VERSION, signingRequestFileName } from './format';
import type { SigningRequest, SigningRequestEnvelope } from './format';

export interface BuildSigningRequestInput {
  /** Change-set digest or unique prefix. */
  readonly digest: string;
  readonly note?: string;
  /** The requester's own key (default: this workspace's unrevoked key the roster lists). */
  readonly keyId?: string;
  readonly now?: Date;
}

export interface BuiltSigningRequest {
  readonly fileName: string;
  readonly text: string;
  readonly request: SigningRequest;
  /** What it holds, in words (the UI and CLI list it). */
  readonly contents: SigningRequestContents;
}

export interface SigningRequestContents {
  readonly changeSetDigest: string;
  readonly files: number;
  readonly bytes: number;
  readonly contract: { readonly name: string; readonly revision: number; readonly digest: string };
  readonly exceptions: readonly { readonly digest: string; readonly signatures: number }[];
  readonly decisions: readonly { readonly kind: 'approve' | 'reject'; readonly keyId: string }[];
}

/**
 * A signing request for a stored change set (docs/signing-request.md): its stored files, the
 * revision of the contract that judges it with that revision's publication (refused when the
 * contract has a roster but that revision is not published: a co-reviewer could not tell who
 * may sign), and every pending statement held for it: each decision under that revision, and
 * the newest signed copy of each exception bound to it (or contract-wide under that revision).
 */
export function buildSigningRequest(ws: Workspace, input: BuildSigningRequestInput): BuiltSigningRequest {
  const digest = ws.changeSets.resolveDigest(input.digest);
  const stored = ws.changeSets.getChangeSet(digest)!;
  const source = ws.changeSets.getChangeSetSource(digest)!;
  const active = contractFor(ws, stored.metadata);
  const { revision, contract } = active;
  const where = `contract ${contract.name} revision ${revision.revision}`;
  if ((contract.roster ?? []).length === 0) {
    throw new UsageError(`${where} has no reviewer roster: a co-reviewer on another machine can only check signatures against a published roster (add one, save and publish the revision first)`);
  }
  if (revision.publishedEnvelope === null) throw new UsageError(`${where} is not published: publish revision ${revision.revision} first (a co-reviewer accepts only a contract its owner published)`);
  const requester = requesterKey(ws, contract.roster ?? [], input.keyId);
  const decisions = ws.attestations.listApprovals(digest).filter((a) => a.contractDigest === contract.digest);
  const exceptions = ws.attestations.listExceptions(digest).flatMap((e) => {
    const newest = e.signatures.at(-1)?.envelope ?? e.envelope;
    if (e.changeSetDigest === null && !underContract(newest, contract.digest)) return [];
    return [{ digest: e.statementDigest, envelope: JSON.parse(newest) as SigningRequestEnvelope, signatures: e.signatures.length }];
  });
  const request: SigningRequest = {
    apiVersion: SIGNING_REQUEST_API_VERSION,
    changeSet: { digest, files: source.files.map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), dataBase64: Buffer.from(f.bytes).toString('base64') })) },
    contract: {
      name: contract.name, revision: revision.revision, digest: contract.digest, text: revision.content,
      publications: [JSON.parse(revision.publishedEnvelope) as SigningRequestEnvelope],
    },
    pending: [...exceptions.map((e) => e.envelope), ...decisions.map((d) => JSON.parse(d.envelope) as SigningRequestEnvelope)],
    requestedBy: requester,
    created: (input.now ?? new Date()).toISOString(),
    ...(input.note !== undefined && input.note.trim() !== '' ? { note: input.note } : {}),
  };
  return {
    fileName: signingRequestFileName(stored.metadata.vendor, stored.metadata.release, digest),
    text: `${JSON.stringify(request, null, 2)}\n`,
    request,
    contents: {
      changeSetDigest: digest,
      files: source.files.length,
      bytes: source.files.reduce((n, f) => n + f.bytes.length, 0),
      contract: { name: contract.name, revision: revision.revision, digest: contract.digest },
      exceptions: exceptions.map((e) => ({ digest: e.digest, signatures: e.signatures })),
      decisions: decisions.map((d) => ({ kind: d.kind, keyId: d.keyId })),
    },
  };
}

/** Writes the request into `dir` (owner-only, like every signed file) and returns its path. */
export function writeSigningRequest(dir: string, built: BuiltSigningRequest): string {
  return writeAttestationFile(dir, { name: built.fileName, text: built.text });
}

/** The requester: the given own key, else the one unrevoked own key the roster lists. */
function requesterKey(ws: Workspace, roster: readonly { fingerprint: string; name: string }[], keyId: string | undefined): { keyId: string; name: string } {
  const own = ws.keys.listReviewerKeys().filter((k) => k.revokedAt === null && (keyId === undefined || k.id === keyId));
  const listed = own.filter((k) => roster.some((e) => e.fingerprint === k.id));
  const key = listed[0];
  if (!key) {
    throw new UsageError(keyId !== undefined
      ? `key ${keyId} is not an unrevoked key of this workspace listed in the contract's roster`
      : 'this workspace holds no unrevoked key the contract\'s roster lists: the request names its requester by a roster key');
  }
  const entry = roster.find((e) => e.fingerprint === key.id)!;
  return { keyId: key.id, name: entry.name };
}

/** Is this contract-wide exception envelope made under this contract digest (its contract subject)? */
function underContract(envelopeText: string, contractDigest: string): boolean {
  try {
    const { statement } = readExceptionRequest(JSON.parse(envelopeText));
    return hasSubject(statement, CONTRACT_SUBJECT, contractDigest);
  } catch {
    return false;
  }
}
