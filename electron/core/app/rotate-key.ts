import { parseDocument } from 'yaml';
import type { ContractEdit } from '../base/contract-edits';
import type { RosterEntry } from '../base/roster';
import { ConflictError, InputError } from '../model/errors';
import { printable } from '../model/printable-text';
import { reviewerActor } from '../store';
import type { ContractRevision, ReviewerKey, Workspace } from '../store';
import { countsAs } from '../verify';
import { editDraft } from './contract-editor/edit-draft';
import { saveContractDraft } from './contract-editor/save-draft';
import { resolveRevision } from './current-contract';
import { newKeyMaterial, personalKeys, resolveKeyId, unlockKey } from './key-service';
import { publishContract, storedPublication } from './publish-contract';

export interface RotateKeyInput {
  /** The personal key rotated away from (id or unique prefix): own and unrevoked. */
  readonly keyId: string;
  /** Opens the old key: only its holder may replace it. */
  readonly passphrase: string;
  readonly newPassphrase: string;
  /** The new key's name (default: the old key's). */
  readonly name?: string;
  /** Publication end of each revision published now (default: the previous publication's). */
  readonly notAfter?: string | Date;
  /** Also revoke every other unrevoked own key (a workspace made before the one-key rule). */
  readonly retireOthers?: boolean;
  /** Where publications are written. */
  readonly outboxDir: string;
  readonly now?: Date;
}

export type RotatedContractStatus = 'published' | 'needs-publishing';

export interface RotatedContract {
  readonly contract: string;
  /** The new revision: the old roster entry revoked, a new entry for the new key. */
  readonly revision: number;
  readonly status: RotatedContractStatus;
  /** One line for the CLI and the Keys screen ("saved revision 4; needs publishing by a contract owner"). */
  readonly message: string;
}

export interface RotateKeyResult {
  readonly newKey: ReviewerKey;
  /** Every key revoked in the workspace: the old key first, then any retired extra key. */
  readonly revoked: readonly string[];
  readonly contracts: readonly RotatedContract[];
}

interface PlannedRevision {
  readonly contract: string;
  readonly text: string;
  /** Publish at once: the person is a contract-owner there and the previous state is published. */
  readonly publishUntil: Date | string | null;
  readonly whyNot: string;
}

/**
 * Replaces this workspace's personal key. Order, and what a crash leaves:
 * 1. Checks and plans without writing: the old key opens with its passphrase, the new
 *    passphrase is acceptable, and every contract whose latest revision's roster lists the old
 *    key (unrevoked) gets its edited text (old entry `revoked: <now>`, a new entry with the same
 *    name, email and roles for the new key), loaded and its policy tests run. Any refusal
 *    stores nothing.
 * 2. ONE transaction: the new key stored, the old (and retired) keys revoked, every new
 *    revision saved. A crash before its commit leaves the old key in force and no revision;
 *    after it, the new key in force and every revision saved.
 * 3. Each revision whose person is a contract-owner is published with the NEW key (notAfter:
 *    the given one, else the previous publication's). Each publication commits with its file
 *    (commitWithFile); a crash between two leaves the rest saved and unpublished, which the
 *    contract editor lists and a contract owner publishes as any other revision.
 */
export async function rotateKey(ws: Workspace, input: RotateKeyInput): Promise<RotateKeyResult> {
  const now = input.now ?? new Date();
  const oldId = resolveKeyId(ws, input.keyId, 'own');
  const old = ws.keys.getReviewerKey(oldId)!;
  if (old.revokedAt !== null) throw new ConflictError(oldId, `this key was revoked on ${old.revokedAt}: rotate the key in force`);
  const others = personalKeys(ws).filter((k) => k.id !== oldId);
  if (others.length > 0 && input.retireOthers !== true) {
    throw new ConflictError(oldId, `this workspace also holds ${others.map((k) => `${printable(k.name)} (${k.id})`).join(', ')}, made before one personal key per workspace: retire ${others.length === 1 ? 'it' : 'them'} with this rotation, or revoke ${others.length === 1 ? 'it' : 'them'} first`);
  }
  await unlockKey(ws, oldId, input.passphrase);
  if (input.newPassphrase === input.passphrase) throw new InputError('new passphrase', 'choose a new passphrase for the new key, not the old one');
  const material = await newKeyMaterial(input.name ?? old.name, input.newPassphrase, '--name');
  const retire = others.map((k) => k.id);
  const revokedAt = now.toISOString();
  const newEntryFor = (e: RosterEntry): RosterEntry => ({ name: e.name, email: e.email, fingerprint: material.id, publicKey: material.publicKeyPem, roles: [...e.roles] });
  const plans = ws.contracts.listContracts()
    .map((c) => ws.contracts.latestRevision(c.contract)!)
    .map((latest) => planRevision(ws, latest, oldId, retire, revokedAt, newEntryFor, input.notAfter, now))
    .filter((p): p is PlannedRevision => p !== null);
  const actor = reviewerActor(material.name, material.id);
  const saved = ws.db.transaction(() => {
    const rotated = ws.keys.rotateReviewerKey({ oldId, newKey: material, retire });
    const revisions = plans.map((p) => ({
      plan: p,
      revision: saveContractDraft(ws, {
        contract: p.contract, text: p.text, keyId: material.id, now, actor,
        comment: `key rotation: ${printable(old.name)} ${oldId} replaced by ${material.id}`,
      }).revision,
    }));
    return { rotated, revisions };
  }).immediate();
  const contracts: RotatedContract[] = [];
  for (const { plan, revision } of saved.revisions) {
    contracts.push(await publishOrReport(ws, plan, revision, material.id, input, now));
  }
  return { newKey: saved.rotated.created, revoked: saved.rotated.revoked.map((k) => k.id), contracts };
}

/** The edited text of a contract whose latest roster lists the old key in force; null when it does not. */
function planRevision(
  ws: Workspace, latest: ContractRevision, oldId: string, retire: readonly string[], at: string,
  newEntryFor: (e: RosterEntry) => RosterEntry, notAfter: RotateKeyInput['notAfter'], now: Date,
): PlannedRevision | null {
  let roster: readonly RosterEntry[];
  try {
    roster = resolveRevision(latest).contract.roster ?? [];
  } catch (err) {
    // A contract that no longer loads (its packs changed) stands in the way only if it names the key.
    if (rawRosterLists(latest.content, oldId)) throw err;
    return null;
  }
  const entry = roster.find((e) => e.fingerprint === oldId && e.revoked === undefined);
  if (!entry) return null;
  const edits: ContractEdit[] = [
    ...roster.filter((e) => (e.fingerprint === oldId || retire.includes(e.fingerprint)) && e.revoked === undefined)
      .map((e): ContractEdit => ({ op: 'revokeReviewer', fingerprint: e.fingerprint, at })),
    { op: 'upsertReviewer', entry: stripEmptyEmail(newEntryFor(entry)) },
  ];
  const where = `contract ${printable(latest.contract)} revision ${latest.revision}`;
  const edited = editDraft(latest.content, edits);
  if (edited.problems.length > 0 || edited.resolved === null) {
    throw new InputError(where, `cannot list the new key in its roster: ${edited.problems.map((p) => p.message).join('; ')}; nothing was changed`);
  }
  const isOwner = countsAs(entry, 'contract-owner');
  const previous = [...ws.contracts.listRevisions(latest.contract)].reverse().find((r) => r.publishedEnvelope !== null) ?? null;
  const previousUntil = previous ? storedPublication(previous)?.notAfter ?? null : null;
  const until = notAfter ?? (previousUntil !== null && Date.parse(previousUntil) > now.getTime() ? previousUntil : null);
  const whyNot = !isOwner ? 'needs publishing by a contract owner'
    : latest.publishedEnvelope === null && previous !== null ? `not published: revision ${latest.revision} before it holds unpublished changes; review and publish it in the contract editor`
      : until === null ? 'not published: give the publication an end (notAfter) and publish it in the contract editor'
        : '';
  return { contract: latest.contract, text: edited.text, publishUntil: whyNot === '' ? until : null, whyNot };
}

/** Publishes a rotated revision signed by the new key, or says why it is left for a contract owner. */
async function publishOrReport(ws: Workspace, plan: PlannedRevision, revision: ContractRevision, newKeyId: string, input: RotateKeyInput, now: Date): Promise<RotatedContract> {
  const base = { contract: plan.contract, revision: revision.revision };
  if (plan.publishUntil === null) return { ...base, status: 'needs-publishing', message: `saved revision ${revision.revision}; ${plan.whyNot}` };
  try {
    await publishContract(ws, {
      contract: plan.contract, revision: revision.revision, signers: [{ keyId: newKeyId, passphrase: input.newPassphrase }],
      notAfter: plan.publishUntil, outboxDir: input.outboxDir, now,
    });
    return { ...base, status: 'published', message: `saved and published revision ${revision.revision}, signed by the new key` };
  } catch (err) {
    // The key and the revision are committed: a failed publication is reported, never undone.
    return { ...base, status: 'needs-publishing', message: `saved revision ${revision.revision}; not published: ${(err as Error).message}` };
  }
}

/** Whether the YAML's roster names the key, read without loading the contract (any YAML spelling of the fingerprint). */
function rawRosterLists(text: string, keyId: string): boolean {
  try {
    const data = parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: 100 }) as { roster?: unknown } | null;
    const roster = data?.roster;
    if (roster === undefined || roster === null) return false;
    return !Array.isArray(roster) || roster.some((e) => typeof e !== 'object' || e === null || (e as { fingerprint?: unknown }).fingerprint === keyId);
  } catch {
    return true;
  }
}

/** The roster writes `email` only when there is one (an empty string reads the same as none). */
function stripEmptyEmail(e: RosterEntry): Extract<ContractEdit, { op: 'upsertReviewer' }>['entry'] {
  const { email, ...rest } = e;
  return email === '' ? rest : { ...rest, email };
}
