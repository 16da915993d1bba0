import { readFileSync } from 'node:fs';
import { compileContract, loadContractFile } from '../engine';
import { decodeText } from '../io/decode-text';
import { InputError, NotFoundError } from '../model/errors';
import { printable } from '../model/printable-text';
import type { ContractRevision, Workspace } from '../store';
import { assertRosterKeys } from '../verify';
import { defaultContractYaml, latestRevision, resolveRevision } from './current-contract';

/** A revision without its content (for lists). */
export interface ContractRevisionSummary {
  readonly contract: string;
  readonly revision: number;
  readonly digest: string;
  readonly author: string;
  readonly createdAt: string;
  readonly published: boolean;
  /** True for its contract's latest revision: the one new evaluations and signatures under that contract use. */
  readonly current: boolean;
}

export interface ContractImportResult {
  /** False when the content equals the latest revision of that contract (nothing stored). */
  readonly created: boolean;
  readonly revision: ContractRevisionSummary;
}

export interface ContractExport {
  readonly revision: ContractRevisionSummary | null;
  /** The contract file as it was imported (YAML). */
  readonly content: string;
}

/**
 * Saves a contract file as a new revision of the contract it names (metadata.name). The file
 * is validated, resolved and compiled first: a contract that does not load, or whose CEL does
 * not compile, is stored nowhere (it would become the current revision, and every evaluation
 * would fail on it).
 */
export function importContract(ws: Workspace, file: string, author: string): ContractImportResult {
  const resolved = loadContractFile(file);
  compileContract(resolved);
  let text: string;
  try {
    text = decodeText(readFileSync(file), file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, `cannot read contract: ${(err as Error).message}`);
  }
  // Every roster key must be the key its fingerprint names (the engine cannot read keys).
  assertRosterKeys(resolved.roster, file, text);
  const saved = ws.contracts.saveRevision({ contract: resolved.name, content: text, digest: resolved.digest, author });
  return { created: saved.created, revision: summarize(saved.value, ws.contracts.latestRevision(saved.value.contract)) };
}

/**
 * The contract file of a revision: the latest revision of `contract` (default: the contract
 * saved last), or its revision N. A workspace without any contract exports the baseline
 * default it would use.
 */
export function exportContract(ws: Workspace, revision?: number, contract?: string): ContractExport {
  const latest = contract === undefined ? latestRevision(ws) : ws.contracts.latestRevision(contract);
  if (contract !== undefined && !latest) throw new NotFoundError(`contract ${printable(contract)}`, 'no contract with this name in the workspace');
  if (!latest) {
    if (revision !== undefined) throw new InputError(ws.path, 'the workspace holds no contract revisions yet');
    return { revision: null, content: defaultContractYaml() };
  }
  if (revision === undefined) return { revision: summarize(latest, latest), content: latest.content };
  const found = ws.contracts.listRevisions(latest.contract).find((r) => r.revision === revision);
  if (!found) throw new InputError(ws.path, `contract ${latest.contract} has no revision ${revision} (it has 1..${latestOf(ws, latest.contract)})`);
  // Resolving proves the exported text still yields the digest approvals name.
  resolveRevision(found);
  return { revision: summarize(found, latest), content: found.content };
}

/** Every revision of every contract, oldest first. */
export function listContractRevisions(ws: Workspace): readonly ContractRevisionSummary[] {
  const latest = new Map(ws.contracts.listContracts().map((c) => [c.contract, ws.contracts.latestRevision(c.contract)]));
  return [...ws.contracts.listRevisions()].sort((a, b) => a.id - b.id).map((r) => summarize(r, latest.get(r.contract) ?? null));
}

function latestOf(ws: Workspace, contract: string): number {
  return ws.contracts.latestRevision(contract)?.revision ?? 0;
}

function summarize(r: ContractRevision, latest: ContractRevision | null): ContractRevisionSummary {
  return {
    contract: r.contract,
    revision: r.revision,
    digest: r.digest,
    author: r.author,
    createdAt: r.createdAt,
    published: r.publishedEnvelope !== null,
    current: latest !== null && latest.id === r.id,
  };
}
