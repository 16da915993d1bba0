/**
 * Reads one builder row out of a parsed CEL piece. Only a candidate: toBuilder keeps it only
 * when writing it back gives exactly the piece's bytes, so no spelling is ever normalised.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { formatFieldPath, parseSteps, PATH_ROOTS } from './field-path';
import type { PathRoot } from './field-path';
import type { BuilderRow, RowOp, RowValue } from './types';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const STRING_METHODS = new Set(['startsWith', 'endsWith', 'contains', 'matches']);

function isNode(v: unknown): v is ASTNode {
  return typeof v === 'object' && v !== null && 'op' in v && 'args' in v;
}

function rootOf(node: unknown, inContainer: boolean): PathRoot | undefined {
  if (!isNode(node) || node.op !== 'id') return undefined;
  const name = node.args;
  if (name === 'c' && !inContainer) return undefined;
  return (PATH_ROOTS as readonly string[]).includes(name) ? (name as PathRoot) : undefined;
}

/** The field path a subject reads: `resource.x`, `c.x`, a bare variable, or `lookup(var, "path", null)`. */
function subjectPath(node: unknown, inContainer: boolean): string | undefined {
  if (!isNode(node)) return undefined;
  const bare = rootOf(node, inContainer);
  if (bare) return bare;
  if (node.op === '.') {
    const root = rootOf(node.args[0], inContainer);
    return root ? `${root}.${node.args[1]}` : undefined;
  }
  if (node.op === 'call' && node.args[0] === 'lookup') {
    const [target, path, fallback] = node.args[1];
    const root = rootOf(target, inContainer);
    if (!root || !isNode(path) || path.op !== 'value' || typeof path.args !== 'string') return undefined;
    if (!isNode(fallback) || fallback.op !== 'value' || fallback.args !== null) return undefined;
    const steps = parseSteps(path.args);
    return steps ? formatFieldPath({ root, steps }) : undefined;
  }
  return undefined;
}

function literal(node: ASTNode): RowValue | undefined {
  const v = node.args;
  if (node.op === '-_' && isNode(v) && v.op === 'value' && (typeof v.args === 'bigint' || typeof v.args === 'number')) {
    return -Number(v.args);
  }
  if (node.op !== 'value') return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

/** A literal, a list of string literals, or a parameter reference. */
function valueOf(node: unknown): RowValue | undefined {
  if (!isNode(node)) return undefined;
  if (node.op === 'list') {
    const items = node.args.map((n) => (isNode(n) ? literal(n) : undefined));
    return items.every((x): x is string => typeof x === 'string') ? items : undefined;
  }
  if ((node.op === '.' || node.op === '[]') && rootIsParams(node.args[0])) {
    const key = node.args[1];
    if (typeof key === 'string') return { param: key };
    if (isNode(key) && key.op === 'value' && typeof key.args === 'string') return { param: key.args };
    return undefined;
  }
  return literal(node);
}

function rootIsParams(node: unknown): boolean {
  return isNode(node) && node.op === 'id' && node.args === 'params';
}

function row(path: string | undefined, op: RowOp, value: RowValue | undefined): BuilderRow | undefined {
  return path === undefined || value === undefined ? undefined : { kind: 'row', path, op, value };
}

export function readRow(node: ASTNode, inContainer: boolean): BuilderRow | undefined {
  if (COMPARISONS.has(node.op)) {
    const [left, right] = node.args as [ASTNode, ASTNode];
    const path = subjectPath(left, inContainer);
    const value = valueOf(right);
    if (value === null && node.op === '!=') return row(path, 'exists', null);
    if (value === null && node.op === '==') return row(path, 'notExists', null);
    return row(path, node.op as RowOp, value);
  }
  if (node.op === 'in') return row(subjectPath(node.args[0], inContainer), 'in', valueOf(node.args[1]));
  if (node.op === '!_' && isNode(node.args) && node.args.op === 'in') {
    const inner = node.args;
    return row(subjectPath(inner.args[0], inContainer), 'notIn', valueOf(inner.args[1]));
  }
  if (node.op === 'rcall' && STRING_METHODS.has(node.args[0]) && node.args[2].length === 1) {
    return row(subjectPath(node.args[1], inContainer), node.args[0] as RowOp, valueOf(node.args[2][0]));
  }
  if (node.op === 'call' && (node.args[0] === 'glob' || node.args[0] === 'globAny') && node.args[1].length === 2) {
    const [pattern, subject] = node.args[1];
    return row(subjectPath(subject, inContainer), 'glob', valueOf(pattern));
  }
  return undefined;
}
