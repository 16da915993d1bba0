import { editValueProblem } from '../../../base/contract-edits';
import { EditProblem, getIn, loadEditDocument } from './edit-document';
import type { Path } from './edit-document';
import type { EditContext } from './edit-context';
import { locate } from './locate';
import type { Plain } from './render-value';
import { lineOf } from './text-layout';
import { deleteIn } from './write';
import type { WriteOptions } from './write';
import { keyOrderOf } from './key-order';

/** Reading the contract's data while editing: own policies, roster entries, lines. */

export const write = (what: string, forceBlock?: number): WriteOptions => ({ what, orderOf: keyOrderOf, ...(forceBlock !== undefined ? { forceBlock } : {}) });

export function dataOf(text: string): Record<string, unknown> {
  return loadEditDocument(text).data as Record<string, unknown>;
}

function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

const field = (v: unknown, k: string): unknown => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined);

/** 1-based line of the node at `path`, when it exists. */
export function lineAt(text: string, path: Path): number | undefined {
  try {
    const ed = loadEditDocument(text);
    const loc = locate(text, ed.doc, path);
    const node = loc.kind === 'found' ? (loc.slot.node ?? loc.slot.key) : null;
    return node?.range ? lineOf(text, node.range[0]) : undefined;
  } catch {
    return undefined;
  }
}

export function ownPolicyIndex(text: string, id: string): number {
  return list(getIn(dataOf(text), ['spec', 'policies'])).findIndex((p) => field(p, 'id') === id);
}

/** The index of own policy `id` in spec.policies, or a problem that says why it cannot be edited. */
export function requireOwnPolicy(text: string, id: string, ctx: EditContext): number {
  const i = ownPolicyIndex(text, id);
  if (i >= 0) return i;
  if (ctx.packPolicy(id)) throw new EditProblem(`policy "${id}" comes from an extended pack and cannot be edited here: change it with an override or a parameter, or fork it into an own policy`);
  throw new EditProblem(`unknown policy "${id}" (not an own policy of this contract)`);
}

/** A policy the contract can override or parameterise: own, or from an extended pack. */
export function requireKnownPolicy(text: string, id: string, ctx: EditContext): void {
  if (ownPolicyIndex(text, id) < 0 && !ctx.packPolicy(id)) throw new EditProblem(`unknown policy "${id}" (neither an own policy nor one of the extended packs)`);
}

export function rosterIndex(text: string, fingerprint: string): number {
  return list(dataOf(text).roster).findIndex((e) => field(e, 'fingerprint') === fingerprint);
}

/** Deletes `path`, then its parent mapping too when that is left empty (an empty override or parameter entry). */
export function deletePruning(text: string, path: Path, what: string): string {
  // Nothing to delete: an empty parent the customer wrote (`overrides: {}`) stays as written.
  if (getIn(dataOf(text), path) === undefined) return text;
  let out = deleteIn(text, path, write(what));
  const parent = path.slice(0, -1);
  const left = getIn(dataOf(out), parent);
  if (typeof left === 'object' && left !== null && !Array.isArray(left) && Object.keys(left).length === 0) out = deleteIn(out, parent, write(what));
  return out;
}

function withoutUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutUndefined);
  if (typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, withoutUndefined(x)]));
  return v;
}

/** Plain data for the renderer: undefined fields dropped, shape and size checked. */
export function plainValue(v: unknown, what: string): Plain {
  const clean = withoutUndefined(v === undefined ? null : v);
  const problem = editValueProblem(clean);
  if (problem) throw new EditProblem(`${what}: ${problem}`);
  return clean as Plain;
}
