import { defaultContractYaml, parseContract } from '../engine';
import type { ResolvedContract } from '../engine';
import { InputError } from '../model/errors';
import type { ContractRevision, Workspace } from '../store';

/** A stored revision with its content resolved (packs expanded). */
export interface ActiveContract {
  readonly revision: ContractRevision;
  readonly contract: ResolvedContract;
}

/** What `countersign evaluate` uses without --contract, as a file a vendor can be given (pinned packs). */
export { defaultContractYaml } from '../engine';

/**
 * The workspace's current contract: its most recently saved revision. A workspace with none
 * gets the baseline default saved as its first revision, so every stored evaluation and
 * signed approval names a contract the workspace can export to the vendor.
 */
export function currentContract(ws: Workspace, author = 'countersign'): ActiveContract {
  const latest = latestRevision(ws);
  if (latest) return resolveRevision(latest);
  const content = defaultContractYaml();
  const contract = parseContract('(default)', content);
  const saved = ws.contracts.saveRevision({ contract: contract.name, content, digest: contract.digest, author });
  return { revision: saved.value, contract };
}

export function latestRevision(ws: Workspace): ContractRevision | null {
  const all = ws.contracts.listRevisions();
  return all.length === 0 ? null : all.reduce((a, b) => (b.id > a.id ? b : a));
}

/**
 * Resolves a stored revision. Its digest must still come out the same. A stored contract names
 * the pack versions it extends (a v1 contract: version 1), and released versions are frozen
 * (engine/contract/pack-version.ts), so a later Countersign resolves it to the same policies;
 * should it ever not (an edited snapshot), signing under it would name a contract nobody can
 * reproduce, so that is an error rather than a silent new digest.
 */
export function resolveRevision(revision: ContractRevision): ActiveContract {
  const where = `contract ${revision.contract} revision ${revision.revision}`;
  const contract = parseContract(where, revision.content);
  if (contract.digest !== revision.digest) {
    throw new InputError(where, `now resolves to ${contract.digest}, not its stored digest ${revision.digest} (the policy packs it extends changed); import the contract again`);
  }
  return { revision, contract };
}
