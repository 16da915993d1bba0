import type { ContractEdit } from '../../../base/contract-edits';
import { EditProblem, getIn } from './edit-document';
import type { EditContext } from './edit-context';
import { dataOf, deletePruning, lineAt, write } from './contract-model';
import { parseStandardVersion, standardName } from '../standard-version';
import { upgradeToV3 } from './upgrade-v3';
import { upgradeToV5 } from './upgrade-v5';
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

/** `spec.extends` entry i's version: v1 bare names mean version 1. */
function versionOf(entry: unknown): unknown {
  return typeof entry === 'string' ? 1 : typeof entry === 'object' && entry !== null ? (entry as { version?: unknown }).version : undefined;
}

/**
 * The standard version `standard` of pack `pack` at `version`, checked against what that pack
 * version declares: the `v1.N` to write, or null for `latest` (the default, written as nothing).
 * Fail closed: a pack without the option, a version this build does not hold, a context that
 * cannot say, or any value the pack does not declare is a problem (standard-version.ts's reason).
 */
function checkedStandard(pack: string, version: number, standard: string, ctx: EditContext): string | null {
  if (!ctx.packStandardOption) throw new EditProblem(`cannot check standard ${JSON.stringify(standard)} of pack "${pack}": the editor does not know the pack's standard versions`);
  const option = ctx.packStandardOption(pack, version);
  if (!option) throw new EditProblem(`policy pack "${pack}" version ${version} has no standard-version option (only packs whose policies follow a versioned standard have one)`);
  const minor = parseStandardVersion(standard, option, `${pack} version ${version}`);
  if (typeof minor !== 'number') throw new EditProblem(minor.reason);
  return standard === 'latest' ? null : standardName(minor);
}

/**
 * Appends `{pack, version}` to spec.extends (issue 14, the pack shelf). A v1 contract, whose
 * entries are bare names meaning version 1, is first rewritten as v3 with each name pinned
 * (upgrade-v3.ts), since only a pinned entry can name another version. A pack already extended
 * is a problem naming its line: one contract extends a pack once (parse-contract.ts). A chosen
 * standard version (`v1.N`, checked against the pack) is written on the entry, which makes the
 * contract countersign.dev/v5 (upgrade-v5.ts); `latest` writes nothing, as the format defaults.
 */
export function addPack(text: string, e: Op<'addPack'>, ctx: EditContext): string {
  const at = extendsOf(text).findIndex((x) => packOf(x) === e.pack);
  if (at >= 0) throw new EditProblem(`the contract already extends pack "${e.pack}"`, lineAt(text, ['spec', 'extends', at]));
  const standard = e.standard === undefined ? null : checkedStandard(e.pack, e.version, e.standard, ctx);
  const base = standard !== null ? upgradeToV5(text) : dataOf(text).apiVersion === 'countersign.dev/v1' ? upgradeToV3(text) : text;
  return appendIn(base, ['spec', 'extends'], { pack: e.pack, version: e.version, ...(standard !== null ? { standard } : {}) }, write(`the extends entry of pack "${e.pack}"`, 0));
}

/**
 * The standard version extended pack `pack` follows (the shelf's selector): `v1.N`, checked
 * against the version of the pack the entry pins, is written as the entry's `standard` (the
 * contract becomes countersign.dev/v5); `latest` removes `standard`, since an entry without it
 * follows latest. The entry's other members, and every other byte, stay.
 */
export function setPackStandard(text: string, e: Op<'setPackStandard'>, ctx: EditContext): string {
  const entries = extendsOf(text);
  const at = entries.findIndex((x) => packOf(x) === e.pack);
  if (at < 0) throw new EditProblem(`the contract does not extend pack "${e.pack}"`);
  const version = versionOf(entries[at]);
  if (typeof version !== 'number') throw new EditProblem(`the extends entry of pack "${e.pack}" has no version number to check a standard version against`, lineAt(text, ['spec', 'extends', at]));
  const standard = checkedStandard(e.pack, version, e.standard, ctx);
  const what = `the standard version of pack "${e.pack}"`;
  if (standard === null) return deleteIn(text, ['spec', 'extends', at, 'standard'], write(what));
  return setIn(upgradeToV5(text), ['spec', 'extends', at, 'standard'], standard, write(what));
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
