import type { ContractRevisionDto } from '../../../shared/contract-editor-types';
import { NotFoundError } from '../../model/errors';
import { printable } from '../../model/printable-text';
import type { ContractRevision, Workspace } from '../../store';
import { resolveRevision } from '../current-contract';
import { saveContractDraft } from './save-draft';
import type { SavedDraft } from './save-draft';
import { storedPublication } from '../publish-contract';

/** A contract's revisions, oldest first, each with its author, comment and publication. */
export function listContractRevisions(ws: Workspace, contract: string): readonly ContractRevisionDto[] {
  const all = ws.contracts.listRevisions(contract);
  if (all.length === 0) throw noSuchContract(contract);
  const latestId = all.at(-1)!.id;
  return all.map((r) => revisionDto(r, r.id === latestId));
}

/** Revision N of a contract, or a NotFoundError saying which revisions exist. */
export function revisionOf(ws: Workspace, contract: string, revision: number): ContractRevision {
  const all = ws.contracts.listRevisions(contract);
  if (all.length === 0) throw noSuchContract(contract);
  const found = all.find((r) => r.revision === revision);
  if (!found) throw new NotFoundError(`contract ${printable(contract)}`, `has no revision ${revision} (it has 1..${all.at(-1)!.revision})`);
  return found;
}

export function revisionDto(r: ContractRevision, current: boolean): ContractRevisionDto {
  return {
    id: r.id, contract: r.contract, revision: r.revision, digest: r.digest, author: r.author, authorKeyId: r.authorKeyId,
    comment: r.comment, createdAt: r.createdAt, published: r.publishedEnvelope !== null, publishedAt: r.publishedAt,
    notAfter: storedPublication(r)?.notAfter ?? null, current,
  };
}

export interface RevertInput {
  readonly contract: string;
  readonly revision: number;
  readonly comment: string;
  readonly keyId: string;
  readonly now?: Date;
}

export interface RevertResult extends SavedDraft {
  /** Why nothing was stored, when nothing was. */
  readonly unchanged?: string;
}

/**
 * Makes revision N's content current again as a new revision (history is never rewritten).
 * It is saved like any draft (loads, compiles, tests pass, its vendor/install still free).
 * Reverting to what the latest revision already holds stores nothing and says so.
 */
export function revertContract(ws: Workspace, input: RevertInput): RevertResult {
  const target = revisionOf(ws, input.contract, input.revision);
  const latest = ws.contracts.latestRevision(input.contract)!;
  if (target.content === latest.content) {
    const unchanged = target.id === latest.id
      ? `revision ${target.revision} is already the latest revision of contract ${printable(input.contract)}: nothing to revert`
      : `the latest revision (${latest.revision}) of contract ${printable(input.contract)} already holds exactly revision ${target.revision}'s content: nothing to revert`;
    return { created: false, revision: latest, unchanged };
  }
  // Its stored digest must still be what it resolves to (released packs are frozen).
  resolveRevision(target);
  const note = `revert to revision ${target.revision}`;
  return saveContractDraft(ws, {
    contract: input.contract, text: target.content, keyId: input.keyId,
    comment: input.comment.trim() === '' ? note : `${note}: ${input.comment}`,
    ...(input.now ? { now: input.now } : {}),
  });
}

function noSuchContract(contract: string): NotFoundError {
  return new NotFoundError(`contract ${printable(contract)}`, 'no contract with this name in the workspace');
}

/** notAfter of a stored publication (contract-revision/v2), null when absent or unreadable. */
