import { defaultContractYaml, parseContract } from '../engine';
import type { ResolvedContract } from '../engine';
import { packsRoot } from '../io/packs-root';
import { InputError, NotFoundError } from '../model/errors';
import type { ContractRevision, Workspace } from '../store';
import { contractHeads, selectContract } from './contract-selection';
import type { ChangeSetSelector } from './contract-selection';
import { printable } from '../model/printable-text';

/** A stored revision with its content resolved (packs expanded). */
export interface ActiveContract {
  readonly revision: ContractRevision;
  readonly contract: ResolvedContract;
}

/** What `countersign evaluate` uses without --contract, as a file a vendor can be given (pinned packs). */
export { defaultContractYaml } from '../engine';

/**
 * The workspace's default contract: the latest revision of the most recently saved contract
 * that names no vendor (it judges every change set no vendor contract selects). A workspace
 * with none gets the baseline default saved as its first revision, so every stored evaluation
 * and signed approval names a contract the workspace can export to the vendor.
 */
export function currentContract(ws: Workspace, author = 'countersign'): ActiveContract {
  const heads = contractHeads(ws);
  const chosen = selectContract(heads, { vendor: '', install: '' });
  if (chosen) return resolveRevision(chosen.revision);
  const name = freeDefaultName(new Set(heads.map((h) => h.revision.contract)));
  const content = defaultContractYaml().replace(/^metadata: \{name: default\}$/m, `metadata: {name: ${name}}`);
  const contract = parseContract('(default)', content);
  const saved = ws.contracts.saveRevision({ contract: contract.name, content, digest: contract.digest, author });
  return { revision: saved.value, contract };
}

/**
 * The contract that judges a change set (and under which it is signed): the latest revision of
 * the contract whose metadata.vendor and metadata.install equal the change set's, else the
 * vendor's contract for every install, else the default contract (currentContract). A selector
 * that differs from a contract's only by case, width, spaces or invisible characters is refused
 * rather than quietly judged by the default contract (see contract-selection.ts).
 */
export function contractFor(ws: Workspace, changeSet: ChangeSetSelector): ActiveContract {
  const chosen = selectContract(contractHeads(ws), changeSet);
  return chosen ? resolveRevision(chosen.revision) : currentContract(ws);
}

/**
 * The revision that judges a change set now, without storing anything: null when that is the
 * default contract and none is stored yet (or the metadata only looks like a contract's).
 * For read-only views; judging and signing use contractFor.
 */
export function judgingRevision(ws: Workspace, changeSet: ChangeSetSelector): ContractRevision | null {
  try {
    return selectContract(contractHeads(ws), changeSet)?.revision ?? null;
  } catch (err) {
    if (err instanceof InputError) return null;
    throw err;
  }
}

/** The default contract's name: `default`, unless a vendor's contract already has it. */
function freeDefaultName(taken: ReadonlySet<string>): string {
  if (!taken.has('default')) return 'default';
  for (let n = 2; ; n++) if (!taken.has(`default-${n}`)) return `default-${n}`;
}

/** The most recently saved revision of any contract. */
export function latestRevision(ws: Workspace): ContractRevision | null {
  const all = ws.contracts.listRevisions();
  return all.length === 0 ? null : all.reduce((a, b) => (b.id > a.id ? b : a));
}

/**
 * Resolutions by packs folder and content: a stored revision is immutable and released packs
 * are frozen, so the same content under the same packs resolves the same (bounded, so a
 * long-running app holds only the few contracts it judges with).
 */
const resolvedByContent = new Map<string, { readonly content: string; readonly contract: ResolvedContract }>();
const RESOLVED_CACHE_SIZE = 32;

/**
 * Resolves a stored revision. Its digest must still come out the same. A stored contract names
 * the pack versions it extends (a v1 contract: version 1), and released versions are frozen
 * (engine/contract/pack-version.ts), so a later Countersign resolves it to the same policies;
 * should it ever not (an edited snapshot), signing under it would name a contract nobody can
 * reproduce, so that is an error rather than a silent new digest.
 */
export function resolveRevision(revision: ContractRevision): ActiveContract {
  const key = `${packsRoot()}\u0000${revision.contract}\u0000${revision.revision}\u0000${revision.digest}`;
  const hit = resolvedByContent.get(key);
  if (hit && hit.content === revision.content) return { revision, contract: hit.contract };
  const where = `contract ${revision.contract} revision ${revision.revision}`;
  const contract = parseContract(where, revision.content);
  if (contract.digest !== revision.digest) {
    throw new InputError(where, `now resolves to ${contract.digest}, not its stored digest ${revision.digest} (the policy packs it extends changed); import the contract again`);
  }
  resolvedByContent.delete(key);
  resolvedByContent.set(key, { content: revision.content, contract });
  while (resolvedByContent.size > RESOLVED_CACHE_SIZE) resolvedByContent.delete(resolvedByContent.keys().next().value!);
  return { revision, contract };
}

/** The latest revision of the contract named `name` (metadata.name), resolved; NotFoundError when the workspace has none. */
export function namedContract(ws: Workspace, name: string): ActiveContract {
  const latest = ws.contracts.latestRevision(name);
  if (!latest) throw new NotFoundError(`contract ${printable(name)}`, 'no contract of this name in the workspace');
  return resolveRevision(latest);
}
