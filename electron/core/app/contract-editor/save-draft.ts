import { compileContract, parseContract } from '../../engine';
import type { ResolvedContract } from '../../engine';
import { errorAt, parseYamlSource } from '../../engine/contract/yaml-source';
import { ConflictError, InputError } from '../../model/errors';
import { printable, unprintableIn } from '../../model/printable-text';
import { runContractPolicyTests } from '../../policy-tests/contract-tests';
import { assertRosterKeys } from '../../verify';
import type { ContractRevision, Workspace } from '../../store';
import { contractHeads, selectorKey } from '../contract-selection';
import { resolveKeyId } from '../key-service';

export interface SaveDraftInput {
  /** The contract saved to: an existing contract's name, or the name of a new one. */
  readonly contract: string;
  /** The whole contract YAML, stored exactly as given. */
  readonly text: string;
  readonly comment: string;
  /** The reviewer key (own, not revoked) whose identity is recorded as the author. */
  readonly keyId: string;
  /** Evaluation time for tests without `at` (default: the clock). */
  readonly now?: Date;
  /** The audit entry's actor when not the session's (a key rotation names the reviewer). */
  readonly actor?: string;
}

export interface SavedDraft {
  /** False when the text equals the latest revision's (nothing stored). */
  readonly created: boolean;
  readonly revision: ContractRevision;
}

const MAX_COMMENT = 10_000;

/**
 * Saves a draft as the contract's next revision. Nothing is stored unless the text loads
 * (schema, packs, parameters), its CEL compiles, every own policy's tests pass, its
 * metadata.name is the contract saved to, and no other contract already judges the same
 * vendor and install: each refusal is an InputError naming the line (and the test).
 */
export function saveContractDraft(ws: Workspace, input: SaveDraftInput): SavedDraft {
  const author = authorOf(ws, input.keyId);
  if (input.comment.length > MAX_COMMENT) throw new InputError(`contract ${input.contract}`, `the comment is over ${MAX_COMMENT} characters`);
  const file = `contract ${printable(input.contract)} (draft)`;
  const resolved = compileDraft(file, input.text);
  const exists = ws.contracts.latestRevision(input.contract) !== null;
  if (resolved.name !== input.contract) {
    throw errorAt(parseYamlSource(file, input.text), ['metadata', 'name'],
      `metadata.name is "${printable(resolved.name)}", but this saves contract "${printable(input.contract)}": rename it here, or save it as a new contract of that name`);
  }
  if (!exists) checkNewName(file, input.text, resolved.name);
  checkSelector(ws, file, input.text, resolved);
  requirePassingTests(file, input.text, resolved, input.now);
  const saved = ws.contracts.saveRevision({
    contract: input.contract, content: input.text, digest: resolved.digest,
    author: `${author.name} <${author.id}>`, comment: input.comment, authorKeyId: author.id,
    ...(input.actor !== undefined ? { actor: input.actor } : {}),
  });
  return { created: saved.created, revision: saved.value };
}

/** Loads and compiles a draft; the engine's InputErrors carry the line. */
export function compileDraft(file: string, text: string): ResolvedContract {
  const resolved = parseContract(file, text);
  compileContract(resolved);
  // A roster key that is not the key its fingerprint names would publish a roster nobody can use.
  assertRosterKeys(resolved.roster, file, text);
  return resolved;
}

/** The saving reviewer: one of this workspace's own keys, not revoked. */
function authorOf(ws: Workspace, keyId: string): { readonly id: string; readonly name: string } {
  const id = resolveKeyId(ws, keyId, 'own');
  const key = ws.keys.getReviewerKey(id)!;
  if (key.revokedAt !== null) throw new ConflictError(id, `this key was revoked on ${key.revokedAt}: it cannot author a contract revision`);
  return { id: key.id, name: key.name };
}

/**
 * A new contract's name becomes file names (its publication) and terminal output: printable,
 * no path separators, no surrounding spaces.
 */
function checkNewName(file: string, text: string, name: string): void {
  const bad = unprintableIn(name);
  const why = bad ? `holds ${bad.codePoint}, which cannot be shown`
    : /[/\\]/.test(name) ? 'holds a path separator'
      : name.trim() !== name ? 'starts or ends with a space'
        : name.length > 200 ? 'is over 200 characters' : null;
  if (why) throw errorAt(parseYamlSource(file, text), ['metadata', 'name'], `a new contract's name ${why}`);
}

/**
 * One contract per vendor and install: another contract claiming the same selector (or one
 * that reads the same: see contract-selection.ts) would make which one judges depend on save
 * order. An install needs a vendor.
 */
function checkSelector(ws: Workspace, file: string, text: string, c: ResolvedContract): void {
  const install = c.install ?? '';
  const at = (field: 'vendor' | 'install', reason: string) => errorAt(parseYamlSource(file, text), ['metadata', field], reason);
  if (c.vendor === '' && install !== '') throw at('install', 'an install is an install of a vendor: set metadata.vendor too');
  for (const [field, value] of [['vendor', c.vendor], ['install', install]] as const) {
    const bad = unprintableIn(value);
    // Change sets are selected by byte equality: a selector no vendor can be told to match exactly is a mistake.
    if (bad) throw at(field, `metadata.${field} holds ${bad.codePoint}, an invisible or control character`);
    if (value.trim() !== value) throw at(field, `metadata.${field} "${value}" starts or ends with a space`);
  }
  for (const head of contractHeads(ws)) {
    if (head.revision.contract === c.name) continue;
    const other = `contract "${printable(head.revision.contract)}"`;
    if (head.vendor === c.vendor && head.install === install) {
      if (c.vendor === '') continue; // several default contracts: the most recently saved is the default (as before issue 9)
      throw at('vendor', `${other} already judges vendor "${printable(c.vendor)}"${install ? ` install "${printable(install)}"` : ''}: edit that contract, or give this one another install`);
    }
    if (c.vendor !== '' && head.vendor !== c.vendor && selectorKey(head.vendor) === selectorKey(c.vendor)) {
      throw at('vendor', `vendor "${printable(c.vendor)}" reads the same as ${other}'s vendor "${printable(head.vendor)}" (case, width, spaces or invisible characters differ): write it exactly the same`);
    }
    if (head.vendor === c.vendor && install !== '' && head.install !== install && selectorKey(head.install) === selectorKey(install)) {
      throw at('install', `install "${printable(install)}" reads the same as ${other}'s install "${printable(head.install)}": write it exactly the same`);
    }
  }
}

/** Every own policy's tests must pass; the first failure is reported with its test's line. */
function requirePassingTests(file: string, text: string, resolved: ResolvedContract, now: Date | undefined): void {
  const failed = runContractPolicyTests(resolved, undefined, now ? { now } : {}).filter((r) => !r.ok);
  const first = failed[0];
  if (!first) return;
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more failing test${failed.length > 2 ? 's' : ''})` : '';
  throw errorAt(parseYamlSource(file, text), testPath(text, file, first.policy, first.name),
    `test "${printable(first.name)}" of policy "${printable(first.policy)}" fails: ${first.message}${more}; nothing was saved`);
}

/** The YAML path of a test case (or of its policy, when the case is not found by name). */
function testPath(text: string, file: string, policy: string, name: string): readonly PropertyKey[] {
  const data = parseYamlSource(file, text).data as { spec?: { policies?: { id?: unknown; tests?: { name?: unknown }[] }[] } };
  const policies = data.spec?.policies ?? [];
  const i = policies.findIndex((p) => p.id === policy);
  if (i < 0) return ['spec', 'policies'];
  const j = (policies[i]!.tests ?? []).findIndex((t) => t.name === name);
  return j < 0 ? ['spec', 'policies', i] : ['spec', 'policies', i, 'tests', j];
}
