import type { ASTNode } from '@marcbachmann/cel-js';
import { UnknownValueError, isUnknownValue, mergeUnknown, unknownHint, unknownPathOf, unknownsIn } from './unknown-value';
import { walkAst } from './walk-ast';

/**
 * Turns a checked program into its partial-evaluation twin: the program that runs for a
 * resource holding values unknown until apply (unknown-value.ts). The ordinary program is left
 * alone, so a resource with no unknowns pays nothing.
 *
 * cel-js already absorbs errors the CEL way (`true || error` is true, `false && error` is
 * false, quantifiers likewise), and an unknown is an error here. Three things are added:
 * - `||` and `&&` decide between an unknown and an error as docs/policies.md states: a
 *   disjunction that may still hold is unknown; a conjunction that holds for no value of the
 *   unknowns (one side is an error) is that error. cel-js alone would keep whichever side ran last.
 * - `==`, `!=` and `in` compare containers element by element and would answer "different"
 *   for a known element against an unknown one: such an answer is unknown instead.
 * - a function given a list or map holding an unknown (`size`, `join`, `globAny`…) answers
 *   unknown; only the functions that navigate a value (`lookup`, `asList`, `dyn`, `type`) take
 *   it as it is, since they reach the unknown member only if the path leads there.
 */
export function installPartialEvaluation(root: ASTNode): void {
  walkAst(root, (node) => {
    const evaluate = partialEvaluate(node);
    if (evaluate) (node as unknown as { evaluate: unknown }).evaluate = evaluate;
    // all()/exists() expand to a comprehension kept beside the call node.
    const expanded = (node as unknown as Node).meta.alternate as Node | undefined;
    if (expanded?.op === 'comprehension') {
      const c = expanded.args as Comprehension;
      if (c.kind === 'quantifier' && !c.errorsAreFatal) (expanded as unknown as { evaluate: unknown }).evaluate = quantifier;
    }
  });
}

type Evaluate = (ev: Evaluator, ast: Node, ctx: unknown) => unknown;

/** The parts of cel-js's evaluator and checked nodes used here (set by its type check). */
interface Evaluator {
  run(ast: Node, ctx: unknown): unknown;
  tryEval(ast: Node, ctx: unknown): unknown;
}
/** A comprehension's parts, as cel-js's macro expansion and type check leave them. */
interface Comprehension {
  readonly kind?: string;
  readonly errorsAreFatal: boolean;
  readonly iterable: Node;
  readonly init: Node;
  readonly step: Node;
  readonly condition: (accu: unknown) => boolean;
  readonly result: (accu: unknown) => unknown;
  readonly iterCtx: IterationContext;
}
interface IterationContext {
  reuse(parent: unknown): IterationContext;
  setIterValue(v: unknown, ev: Evaluator): IterationContext;
  iterValue: unknown;
  accuValue: unknown;
}
interface Node {
  readonly op: string;
  readonly args: unknown;
  readonly left: Node;
  readonly right: Node;
  readonly receiverWithArgs?: readonly Node[];
  readonly meta: { readonly alternate?: unknown; readonly macro?: unknown; readonly evaluate: Evaluate };
  readonly handle: (...args: unknown[]) => unknown;
}

const NONE: readonly string[] = Object.freeze([]);

/** Functions that look into a value only along a path, so an unknown elsewhere in it is fine. */
export const NAVIGATING: ReadonlySet<string> = new Set(['lookup', 'asList', 'dyn', 'type']);

function partialEvaluate(ast: ASTNode): Evaluate | undefined {
  const node = ast as unknown as Node;
  switch (node.op) {
    case '||':
      return (ev, n, ctx) => logical(ev, n, ctx, true);
    case '&&':
      return (ev, n, ctx) => logical(ev, n, ctx, false);
    case '==':
    case '!=':
    case 'in':
      return compare;
    case 'call':
    case 'rcall': {
      if (node.meta.alternate !== undefined || node.meta.macro !== undefined) return undefined; // macros
      const name = (node.args as unknown[])[0];
      return typeof name === 'string' && NAVIGATING.has(name) ? undefined : call;
    }
    default:
      return undefined;
  }
}

/**
 * `||` (decisive = true) and `&&` (decisive = false): the decisive value on either side wins;
 * otherwise, for `||` an unknown beats an error (the disjunction may still hold), for `&&` an
 * error beats an unknown (the conjunction cannot hold whatever the unknowns turn out to be).
 */
function logical(ev: Evaluator, n: Node, ctx: unknown, decisive: boolean): unknown {
  const l = ev.tryEval(n.left, ctx);
  if (l === decisive) return decisive;
  const r = ev.tryEval(n.right, ctx);
  if (r === decisive) return decisive;
  if (typeof l === 'boolean' && typeof r === 'boolean') return !decisive;
  const unknowns = [l, r].filter((x): x is UnknownValueError => x instanceof UnknownValueError);
  const errors = [l, r].filter((x): x is Error => x instanceof Error && !(x instanceof UnknownValueError));
  // A side that is neither bool nor error: cel-js's own evaluation reports the type error.
  if ([l, r].some((x) => typeof x !== 'boolean' && !(x instanceof Error))) return n.meta.evaluate(ev, n, ctx);
  if (decisive && unknowns.length > 0) throw mergeUnknown(unknowns);
  if (errors.length > 0) throw errors[0];
  throw mergeUnknown(unknowns);
}

function compare(ev: Evaluator, n: Node, ctx: unknown): unknown {
  if (n.op !== 'in') {
    const hinted = hintedEquality(ev, n, ctx);
    if (hinted !== undefined) return n.op === '==' ? hinted : !hinted;
  }
  const l = ev.run(n.left, ctx);
  const r = ev.run(n.right, ctx);
  const result = n.handle(l, r, n, ev);
  // `true` from `==`/`in` (and `false` from `!=`) found equal values: the unknowns do not matter.
  if (result !== (n.op === '!=')) return result;
  // `k in map` asks for a key, and keys are always known.
  const rightCounts = n.op !== 'in' || Array.isArray(r);
  const left = unknownsIn(l);
  const right = rightCounts ? unknownsIn(r) : NONE;
  if (left.length === 0 && right.length === 0) return result; // the common case: nothing to merge
  throw new UnknownValueError([...new Set([...left, ...right])]);
}

/**
 * `e.field == "x"` where the field holds a hinted sentinel (unknown-value.ts hintedUnknownValue):
 * false when the string is not its hint, unknown (thrown) when it is. undefined: not that case,
 * evaluate as usual. The field is read here because cel-js's own select refuses a sentinel.
 */
function hintedEquality(ev: Evaluator, n: Node, ctx: unknown): boolean | undefined {
  for (const [side, other] of [[n.left, n.right], [n.right, n.left]] as const) {
    const maybe = hintedField(ev, side, ctx);
    if (maybe === undefined) continue;
    const value = ev.run(other, ctx);
    if (typeof value !== 'string') return undefined;
    if (value !== unknownHint(maybe)) return false;
    throw new UnknownValueError([unknownPathOf(maybe)]);
  }
  return undefined;
}

/** The hinted sentinel a `.field` select reads, else undefined (without evaluating anything else). */
function hintedField(ev: Evaluator, node: Node, ctx: unknown): object | undefined {
  if (node.op !== '.') return undefined;
  const [target, field] = node.args as [Node, unknown];
  if (typeof field !== 'string' || (target.op !== 'id' && target.op !== '.')) return undefined;
  let holder: unknown;
  try {
    holder = ev.run(target, ctx);
  } catch {
    return undefined;
  }
  if (typeof holder !== 'object' || holder === null || isUnknownValue(holder) || Array.isArray(holder) || !Object.hasOwn(holder, field)) return undefined;
  const value = (holder as Record<string, unknown>)[field];
  return unknownHint(value) === undefined ? undefined : (value as object);
}

function call(ev: Evaluator, n: Node, ctx: unknown): unknown {
  const receiverCall = n.op === 'rcall';
  const argNodes = receiverCall ? (n.receiverWithArgs as readonly Node[]) : ((n.args as unknown[])[1] as readonly Node[]);
  const values = new Array<unknown>(argNodes.length);
  // Right to left, as cel-js evaluates arguments: the same error wins as in the ordinary program.
  for (let i = argNodes.length - 1; i >= 0; i--) values[i] = ev.run(argNodes[i] as Node, ctx);
  let paths: string[] | undefined;
  for (const v of values) {
    const found = unknownsIn(v);
    if (found.length > 0) (paths ??= []).push(...found);
  }
  if (paths) throw new UnknownValueError([...new Set(paths)]);
  return receiverCall ? n.handle(values, ev, n) : n.handle(values, n, ev);
}

/**
 * all()/exists() over a list that may hold unknowns. cel-js checks each element's type before
 * it runs the predicate, outside the error absorption, so an unknown element would end the
 * whole macro even where a later element decides it. Here the unknown is bound as it is (the
 * predicate fails with its error only if it looks at it), and the errors of the elements
 * combine as `exists` = `||` and `all` = `&&` do above.
 */
function quantifier(ev: Evaluator, n: Node, ctx: unknown): unknown {
  const c = n.args as Comprehension;
  const items = ev.run(c.iterable, ctx);
  // Map keys are known and cel-js's own loop handles them.
  if (!Array.isArray(items)) return n.meta.evaluate(ev, n, ctx);
  const iter = c.iterCtx.reuse(ctx);
  let accu = ev.run(c.init, iter);
  iter.accuValue = accu;
  const isExists = accu === false;
  const errors: Error[] = [];
  for (const item of items) {
    if (!c.condition(accu)) return c.result(accu);
    if (isUnknownValue(item)) iter.iterValue = item;
    else iter.setIterValue(item, ev);
    const step = ev.tryEval(c.step, iter);
    if (step instanceof Error) errors.push(step);
    else accu = step;
  }
  if (errors.length === 0 || !c.condition(accu)) return c.result(accu);
  const unknowns = errors.filter((e): e is UnknownValueError => e instanceof UnknownValueError);
  const other = errors.find((e) => !(e instanceof UnknownValueError));
  if (isExists && unknowns.length > 0) throw mergeUnknown(unknowns);
  throw other ?? mergeUnknown(unknowns);
}
