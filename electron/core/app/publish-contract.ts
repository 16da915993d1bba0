import type { KeyObject } from 'node:crypto';
import { ConflictError, InputError, UsageError } from '../model/errors';
import { TYPED_INSTANT, parseIsoTime } from '../model/iso-time';
import { envelopeFileText, signContractPublication } from '../signing';
import type { DsseEnvelope } from '../signing';
import { CONTRACT_REVISION_PREDICATE, contractPublicationPredicateSchema } from '../signing/predicates';
import { commitWithFile } from '../store';
import type { ContractRevision, Workspace } from '../store';
import { assertRosterKeys, countsAs, describeEntry } from '../verify';
import { resolveRevision } from './current-contract';
import { resolveKeyId, unlockKey } from './key-service';
import { signingActor } from './signing-actor';
import { writeAttestationFile } from './workspace-judgement';
import type { AttestationFile } from './workspace-judgement';

/** A publication lasts at most this long: a revocation must reach every verifier within it. */
export const MAX_PUBLICATION_DAYS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PublishContractInput {
  /** The contract's name (metadata.name). */
  readonly contract: string;
  readonly revision: number;
  /** Contract-owner keys of this workspace, each unlocked with its passphrase for this one signature. */
  readonly signers: readonly { readonly keyId: string; readonly passphrase: string }[];
  /** ISO-8601 time with a zone (or a Date): after it, verify no longer accepts the publication. */
  readonly notAfter: string | Date;
  /** When given, the two files are written here (the publication together with the database commit). */
  readonly outboxDir?: string;
  readonly now?: Date;
}

export interface PublishContractResult {
  readonly revision: ContractRevision;
  /** The contract YAML of that revision and its signed publication, for the vendor. */
  readonly files: readonly AttestationFile[];
  /** Where they were written, when an outbox was given. */
  readonly paths: readonly string[];
  readonly notAfter: string;
  readonly signers: readonly string[];
}

/**
 * Signs revision N of a contract as published (contract-revision/v2: roster, pack pins,
 * notAfter) with one or more contract-owner keys and records it on the revision, once.
 * Refused, storing nothing: an unknown or already published revision, a revision without a
 * roster or with a bad roster key, a signer that is not an unrevoked contract-owner of THAT
 * revision's roster, and a notAfter in the past or more than MAX_PUBLICATION_DAYS away.
 */
export async function publishContract(ws: Workspace, input: PublishContractInput): Promise<PublishContractResult> {
  const now = input.now ?? new Date();
  const found = ws.contracts.listRevisions(input.contract).find((r) => r.revision === input.revision);
  const where = `contract ${input.contract} revision ${input.revision}`;
  if (!found) throw new InputError(where, ws.contracts.latestRevision(input.contract) ? 'no such revision' : 'no such contract in this workspace');
  if (found.publishedEnvelope !== null) throw new ConflictError(where, `is already published (at ${found.publishedAt}); save a new revision to publish again`);
  const { contract } = resolveRevision(found);
  const roster = contract.roster ?? [];
  if (roster.length === 0) {
    throw new UsageError(`${where} has no reviewer roster: a publication binds the roster, and only its contract-owners may sign it (add them with a countersign.dev/v3 roster first)`);
  }
  assertRosterKeys(roster, where, found.content);
  const notAfter = notAfterOf(input.notAfter, now);
  if (input.signers.length === 0) throw new UsageError('a publication needs at least one contract-owner key');
  const keyIds = input.signers.map((s) => resolveKeyId(ws, s.keyId, 'own'));
  if (new Set(keyIds).size !== keyIds.length) throw new UsageError('the same key is given twice as a signer');
  // The roster is checked before any key is unlocked: a non-owner's passphrase is never asked for nothing.
  for (const keyId of keyIds) {
    const index = roster.findIndex((e) => e.fingerprint === keyId);
    if (index < 0) throw new UsageError(`key ${keyId} is not in the roster of ${where}; only its contract-owners may publish it`);
    if (!countsAs(roster[index]!, 'contract-owner')) {
      throw new UsageError(`${describeEntry(roster[index]!, index)} ${roster[index]!.revoked ? `is revoked (${roster[index]!.revoked})` : 'is not a contract-owner'} in ${where}; it cannot publish it`);
    }
  }
  const privateKeys: { privateKey: KeyObject; name: string }[] = [];
  for (const [i, s] of input.signers.entries()) {
    const { key, privateKey } = await unlockKey(ws, keyIds[i]!, s.passphrase);
    privateKeys.push({ privateKey, name: key.name });
  }
  const signed = signContractPublication({
    contract: { name: contract.name, vendor: contract.vendor, install: contract.install ?? '', digest: contract.digest, packs: contract.packs ?? [], roster },
    revision: found.revision,
    signers: privateKeys,
    notAfter,
    time: now,
  });
  const publication: AttestationFile = { name: signed.fileName, text: envelopeFileText(signed.envelope) };
  const contractFile: AttestationFile = { name: signed.fileName.replace(/\.publication\.json$/, '.contract.yaml'), text: found.content };
  // The audit names the (first) signing owner as the roster lists them.
  const record = (): ContractRevision => ws.contracts.publishRevision(found.id, JSON.stringify(signed.envelope), signingActor(ws, keyIds[0]!, contract));
  if (input.outboxDir === undefined) {
    return { revision: record(), files: [contractFile, publication], paths: [], notAfter: notAfter.toISOString(), signers: [...keyIds] };
  }
  const { value, path } = commitWithFile(input.outboxDir, publication, record);
  const contractPath = writeAttestationFile(input.outboxDir, contractFile);
  return { revision: value, files: [contractFile, publication], paths: [contractPath, path], notAfter: notAfter.toISOString(), signers: [...keyIds] };
}

function notAfterOf(value: string | Date, now: Date): Date {
  let date: Date;
  if (value instanceof Date) date = value;
  else {
    const parsed = parseIsoTime(value, TYPED_INSTANT);
    if (!parsed.ok) throw new UsageError(`notAfter '${value.slice(0, 64)}' ${parsed.reason}`);
    date = parsed.date;
  }
  if (Number.isNaN(date.getTime())) throw new UsageError('notAfter is not a valid time');
  if (date.getTime() <= now.getTime()) throw new UsageError(`notAfter (${date.toISOString()}) must be in the future`);
  if (date.getTime() - now.getTime() > MAX_PUBLICATION_DAYS * DAY_MS) {
    throw new UsageError(`notAfter (${date.toISOString()}) is more than ${MAX_PUBLICATION_DAYS} days away: a publication must expire so that a revocation reaches every verifier`);
  }
  return date;
}

/** What a stored publication says (the workspace's own record: read, not verified again). */
export interface StoredPublication {
  readonly revision: number;
  readonly time: string;
  readonly notAfter: string;
  readonly signers: readonly string[];
}

/** The publication recorded on a revision, or null (never published, or not a contract-revision/v2 this build reads). */
export function storedPublication(revision: ContractRevision): StoredPublication | null {
  if (revision.publishedEnvelope === null) return null;
  try {
    const envelope = JSON.parse(revision.publishedEnvelope) as DsseEnvelope;
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicateType?: unknown; predicate?: unknown };
    if (statement.predicateType !== CONTRACT_REVISION_PREDICATE) return null;
    const p = contractPublicationPredicateSchema.parse(statement.predicate);
    return { revision: p.revision, time: p.time, notAfter: p.notAfter, signers: envelope.signatures.map((s) => s.keyid) };
  } catch {
    return null;
  }
}

/** Is this file text the publication envelope recorded on one of the workspace's revisions? (outbox reconcile) */
export function holdsPublication(ws: Workspace, text: string): boolean {
  let payload: unknown;
  try {
    payload = (JSON.parse(text) as { payload?: unknown }).payload;
  } catch {
    return false;
  }
  if (typeof payload !== 'string') return false;
  return ws.contracts.listRevisions().some((r) => {
    if (r.publishedEnvelope === null) return false;
    try {
      return (JSON.parse(r.publishedEnvelope) as { payload?: unknown }).payload === payload;
    } catch {
      return false;
    }
  });
}
