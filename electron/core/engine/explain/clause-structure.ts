import type { ASTNode } from '@marcbachmann/cel-js';
import { policyEnvironment } from '../cel/environment';
import { isAstNode } from '../cel/walk-ast';
import { grouped } from './condition-clauses';
import type { ConditionSpan } from './condition-clauses';

const MAX_PARTS = 16;
const MAX_MACROS = 8;

/** The list macros whose failing element the explanation names. */
export const LIST_MACROS = ['all', 'exists', 'exists_one', 'filter', 'map'] as const;
export type ListMacro = (typeof LIST_MACROS)[number];

/**
 * A list macro call in a clause: `list.all(variable, predicate)`, `list.map(variable, transform)`
 * or `list.map(variable, predicate, transform)`. Spans are slices of the clause's text.
 */
export interface MacroCall {
  readonly macro: ListMacro;
  readonly variable: string;
  readonly list: ConditionSpan;
  /** The predicate (all, exists, exists_one, filter, three-argument map); null for a two-argument map. */
  readonly predicate: ConditionSpan | null;
  /** map's transform; null for the others. */
  readonly transform: ConditionSpan | null;
}

const MACROS: ReadonlySet<string> = new Set(LIST_MACROS);

/**
 * The boolean pieces of a clause: its operands of `&&`, `||` and `!`, down to the comparisons
 * and calls that are not made of those, in source order (offsets into the clause). One piece
 * when the clause is a single comparison.
 */
export function booleanParts(clause: string): ConditionSpan[] {
  const root = policyEnvironment().parse(clause).ast;
  const out: ConditionSpan[] = [];
  const stack: ASTNode[] = [root];
  while (stack.length > 0 && out.length < MAX_PARTS) {
    const node = stack.pop()!;
    if (node.op === '&&' || node.op === '||') {
      const [left, right] = node.args as [ASTNode, ASTNode];
      stack.push(right, left);
    } else if (node.op === '!_' && isAstNode(node.args)) {
      stack.push(node.args as ASTNode);
    } else {
      out.push(grouped(clause, node));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The list macros of a clause whose list can be evaluated from the policy's variables alone:
 * every macro outside another macro's predicate or transform, outer before inner (a chain
 * `containers.map(c, c.image).all(i, …)` gives the `all`, then the `map`). Macros inside a
 * predicate read the outer macro's variable and are left out.
 */
export function listMacros(clause: string): MacroCall[] {
  const root = policyEnvironment().parse(clause).ast;
  const out: MacroCall[] = [];
  const queue: unknown[] = [root];
  // Breadth-first over everything but macro bodies, so outer macros come first.
  while (queue.length > 0 && out.length < MAX_MACROS) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      queue.push(...(node as unknown[]));
      continue;
    }
    if (!isAstNode(node)) continue;
    const call = macroCall(clause, node);
    if (call) {
      out.push(call);
      queue.push((node.args as unknown[])[1]);
      continue;
    }
    const args: unknown = node.args;
    if (typeof args === 'object' && args !== null) queue.push(args);
  }
  return out;
}

function macroCall(clause: string, node: ASTNode): MacroCall | null {
  if (node.op !== 'rcall') return null;
  const [name, receiver, params] = node.args as unknown as [unknown, unknown, unknown];
  if (typeof name !== 'string' || !MACROS.has(name) || !isAstNode(receiver) || !Array.isArray(params)) return null;
  const [first, second, third] = params as unknown[];
  if (!isAstNode(first) || first.op !== 'id' || typeof first.args !== 'string' || !isAstNode(second)) return null;
  const macro = name as ListMacro;
  if (params.length === 3) {
    // Only map takes three arguments (variable, predicate, transform).
    if (macro !== 'map' || !isAstNode(third)) return null;
    return { macro, variable: first.args, list: grouped(clause, receiver), predicate: grouped(clause, second), transform: grouped(clause, third) };
  }
  if (params.length !== 2) return null;
  return macro === 'map'
    ? { macro, variable: first.args, list: grouped(clause, receiver), predicate: null, transform: grouped(clause, second) }
    : { macro, variable: first.args, list: grouped(clause, receiver), predicate: grouped(clause, second), transform: null };
}

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);
const MAX_OPERANDS = 12;

/**
 * The operands of the comparisons among a clause's boolean pieces that are not literals (for
 * a compared `size(x)` / `x.size()`, the x it counts): what the comparison saw, e.g. the
 * list of reasons in the baseline's `size(reasons) == 0`. Offsets into the clause; duplicates
 * (same text) once. Operands that read a macro's or cel.bind's variable do not compile on
 * their own and are left out by the caller.
 */
export function comparedOperands(clause: string): ConditionSpan[] {
  const root = policyEnvironment().parse(clause).ast;
  const found = new Map<string, ConditionSpan>();
  const add = (node: ASTNode): void => {
    const s = grouped(clause, node);
    if (!found.has(s.text) && found.size < MAX_OPERANDS) found.set(s.text, s);
  };
  const stack: ASTNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.op === '&&' || node.op === '||') stack.push(...(node.args as [ASTNode, ASTNode]));
    else if (node.op === '!_' && isAstNode(node.args)) stack.push(node.args as ASTNode);
    else if (COMPARISONS.has(node.op)) {
      for (const operand of node.args as unknown as unknown[]) {
        if (!isAstNode(operand) || isLiteral(operand)) continue;
        // Of `size(x) == 0` the reader wants x (e.g. the reasons the baseline lists), not its count.
        const counted = sizeArgument(operand);
        add(counted && !isLiteral(counted) ? counted : operand);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

function isLiteral(node: ASTNode): boolean {
  if (node.op === 'value') return true;
  if (node.op === 'list') return (node.args as unknown as unknown[]).every((x) => isAstNode(x) && isLiteral(x));
  return false;
}

/** x of `size(x)` or `x.size()`, else null. */
function sizeArgument(node: ASTNode): ASTNode | null {
  const args = node.args as unknown as unknown[];
  if (node.op === 'call' && args[0] === 'size' && Array.isArray(args[1]) && args[1].length === 1 && isAstNode(args[1][0])) return args[1][0];
  if (node.op === 'rcall' && args[0] === 'size' && isAstNode(args[1]) && Array.isArray(args[2]) && args[2].length === 0) return args[1];
  return null;
}
