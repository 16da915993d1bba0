import type { ContractEdit } from '../../../base/contract-edits';
import { EditProblem, getIn } from './edit-document';
import type { EditContext } from './edit-context';
import { dataOf, deletePruning, lineAt, write } from './contract-model';
import { upgradeToV3 } from './upgrade-v3';
import { appendIn, deleteIn, setIn } from './write';

type Op<K extends ContractEdit['op']> = Extract<ContractEdit, { op: K }>;

/** `spec.extends` entry i's pack name: v1 writes bare names, v2+ `{pack, version}`. */
function packOf(entry: unknown): unknown {
  return typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null ? (entry as { pack?: unknown }).pack : undefined;
}

function extendsOf(text: string): readonly unknown[] {
  const v = getIn(dataOf(text), ['spec', 'extends']);
  return Array.isArray(v) ? v : [];
}

/**
 * Appends `{pack, version}` to spec.extends (issue 14, the pack shelf). A v1 contract, whose
 * entries are bare names meaning version 1, is first rewritten as v3 with each name pinned
 * (upgrade-v3.ts), since only a pinned entry can name another version. A pack already extended
 * is a problem naming its line: one contract extends a pack once (parse-contract.ts).
 */
export function addPack(text: string, e: Op<'addPack'>): string {
  const at = extendsOf(text).findIndex((x) => packOf(x) === e.pack);
  if (at >= 0) throw new EditProblem(`the contract already extends pack "${e.pack}"`, lineAt(text, ['spec', 'extends', at]));
  const base = dataOf(text).apiVersion === 'countersign.dev/v1' ? upgradeToV3(text) : text;
  return appendIn(base, ['spec', 'extends'], { pack: e.pack, version: e.version }, write(`the extends entry of pack "${e.pack}"`, 0));
}

/** Removes the pack's extends entry, and the overrides and parameters of its policies (they would name unknown policies). */
export function removePack(text: string, e: Op<'removePack'>, ctx: EditContext): string {
  const at = extendsOf(text).findIndex((x) => packOf(x) === e.pack);
  if (at < 0) throw new EditProblem(`the contract does not extend pack "${e.pack}"`);
  const ids = ctx.packPolicyIds?.(e.pack) ?? [];
  let out = deleteIn(text, ['spec', 'extends', at], write(`the extends entry of pack "${e.pack}"`));
  for (const id of ids) {
    out = deletePruning(out, ['spec', 'overrides', id], `the override of "${id}"`);
    out = deletePruning(out, ['spec', 'parameters', id], `the parameters of "${id}"`);
  }
  return out;
}

/**
 * Pins extended pack `pack` at `version` (the shelf's "Use version N"): the entry's `version`
 * changes in place and its `digest` pin goes (it names the old version's content); any other
 * member of the entry, and the contract's overrides and parameters, stay. A v1 contract is
 * rewritten as v3 first, its bare names pinned.
 */
export function setPackVersion(text: string, e: Op<'setPackVersion'>): string {
  const at = extendsOf(text).findIndex((x) => packOf(x) === e.pack);
  if (at < 0) throw new EditProblem(`the contract does not extend pack "${e.pack}"`);
  const base = dataOf(text).apiVersion === 'countersign.dev/v1' ? upgradeToV3(text) : text;
  const what = `the extends entry of pack "${e.pack}"`;
  return setIn(deleteIn(base, ['spec', 'extends', at, 'digest'], write(what)), ['spec', 'extends', at, 'version'], e.version, write(what));
}
