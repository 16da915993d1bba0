import { EvaluationError } from '@marcbachmann/cel-js';
import type { ASTNode } from '@marcbachmann/cel-js';
import { walkAst } from './walk-ast';

/**
 * Takes overload resolution out of the per-evaluation path where cel-js repeats it: a call or
 * operator with an argument typed only at runtime (`lookup(c.spec, "a.b", false)`,
 * `c.type == "x"`: `c` is dyn) searches its overloads with the arguments' runtime types on
 * every evaluation. Call after the type check, which leaves those nodes and their handlers.
 *
 * - A global call whose every overload takes `dyn` at each runtime-typed position can only
 *   resolve to what it resolves to for `dyn` there: resolved here, once. What stays per
 *   evaluation is what could throw: the runtime type of those arguments, along the same
 *   first-element path cel-js walks (`debugType` refuses values CEL has no type for; reading a
 *   value unknown until apply throws its UnknownValueError), in the same order.
 * - Other calls (global or method) and binary operators keep cel-js's runtime types and
 *   remember the overload found for the last ones (one entry per node: a node mostly sees one
 *   shape of value). A search that finds nothing is left to cel-js, which reports it.
 *
 * Handlers are called as cel-js calls them (`this` = the evaluator; an error the evaluator
 * raised gets the call's source position). Results, errors and their order are unchanged:
 * specialize-dispatch.test.ts runs random inputs through both.
 */
export function specializeDispatch(root: ASTNode): void {
  walkAst(root, (ast) => {
    const node = ast as unknown as Node;
    if (node.meta.alternate !== undefined || node.meta.macro !== undefined) return;
    if (node.op === 'call') {
      const handle = staticCall(node) ?? cachedCall(node);
      if (handle) node.handle = handle;
    } else if (node.op === 'rcall') {
      const handle = cachedMethodCall(node);
      if (handle) node.handle = handle;
    } else if (BINARY.has(node.op)) {
      const handle = cachedBinary(node);
      if (handle) node.handle = handle;
    }
  });
}

const BINARY = new Set(['!=', '==', 'in', '+', '-', '*', '/', '%', '<', '<=', '>', '>=']);

/** The parts of cel-js's types, declarations, candidates, evaluator and checked nodes used here. */
interface Type {
  readonly kind: string;
  readonly hasDynType: boolean;
  readonly hasPlaceholderType: boolean;
  readonly keyType?: Type;
  readonly valueType?: Type;
  readonly wrappedType: Type;
}
type Handler = (...args: unknown[]) => unknown;
interface Declaration {
  readonly handler: Handler;
  readonly argTypes: readonly Type[];
  readonly hasPlaceholderType: boolean;
  readonly async: boolean;
}
interface Candidates {
  readonly declarations: readonly Declaration[];
  readonly async: boolean;
  findFunction(argTypes: readonly Type[], receiverType?: Type | null): Declaration | null;
  findBinaryOverload(left: Type, right: Type): { readonly handler: Handler; readonly async: boolean } | false;
}
interface Evaluator {
  debugType(v: unknown): Type;
  debugTypeDeep(v: unknown): Type;
  debugRuntimeType(v: unknown, checked: Type | undefined): Type;
}
type Handle = (...args: never[]) => unknown;
interface Node {
  readonly op: string;
  readonly args: unknown;
  readonly left?: Node;
  readonly right?: Node;
  readonly checkedType?: Type;
  readonly argTypes?: readonly Type[];
  readonly receiverWithArgs?: readonly Node[];
  readonly leftStaticType?: Type;
  readonly rightStaticType?: Type;
  readonly candidates?: Candidates;
  readonly maybeAsync: boolean;
  readonly meta: { readonly alternate?: unknown; readonly macro?: unknown };
  handle: Handle;
}
type CallHandle = (args: unknown[], ast: Node, ev: Evaluator) => unknown;
type MethodHandle = (args: unknown[], ev: Evaluator, ast: Node) => unknown;
type BinaryHandle = (left: unknown, right: unknown, ast: Node, ev: Evaluator) => unknown;

/** cel-js's error base class: its errors take the position of the call that raised them. */
const CelError = Object.getPrototypeOf(EvaluationError) as abstract new (...args: never[]) => { withAst(node: unknown): Error };

/** As cel-js's callFunctionHandler (all our functions are synchronous). */
function invoke(fn: Handler, ev: Evaluator, args: unknown[], ast: Node): unknown {
  try {
    return fn.apply(ev, args);
  } catch (err) {
    throw err instanceof CelError ? err.withAst(ast) : err;
  }
}

/** Nodes cel-js resolves at runtime: some argument typed dyn, nothing asynchronous. */
function resolvedAtRuntime(node: Node, argNodes: readonly Node[], types: readonly Type[] | undefined): node is Node & { candidates: Candidates } {
  return !!node.candidates && !node.candidates.async && !!types && types.some((t) => t.hasDynType) && !argNodes.some((a) => a.maybeAsync);
}

function staticCall(node: Node): CallHandle | undefined {
  const argNodes = (node.args as [string, readonly Node[]])[1];
  const argTypes = node.argTypes;
  if (!resolvedAtRuntime(node, argNodes, argTypes) || argTypes?.length !== argNodes.length) return undefined;
  const candidates = node.candidates;
  // The positions cel-js types from the value (debugRuntimeType: unless the checked type has no dyn), right to left.
  const runtime: number[] = [];
  for (let i = argNodes.length - 1; i >= 0; i--) if ((argNodes[i] as Node).checkedType?.hasDynType !== false) runtime.push(i);
  const everyOverloadTakesAny = candidates.declarations.every((d) => d.argTypes.length !== argNodes.length
    || runtime.every((i) => d.argTypes[i]?.kind === 'dyn'));
  if (!everyOverloadTakesAny || candidates.declarations.some((d) => d.hasPlaceholderType)) return undefined;
  const decl = candidates.findFunction(argTypes);
  if (!decl || decl.async || !candidates.declarations.includes(decl)) return undefined;
  const fn = decl.handler;
  return (args, ast, ev) => {
    for (const i of runtime) checkRuntimeType(ev, args[i]);
    return invoke(fn, ev, args, ast);
  };
}

/**
 * Throws exactly where cel-js's debugTypeDeep would: it takes `debugType` of the value, then of
 * the first element of a list (first key, then value, of a map), and so on down.
 */
function checkRuntimeType(ev: Evaluator, value: unknown): void {
  let v = value;
  for (;;) {
    const type = ev.debugType(v);
    if (type.kind === 'list') {
      const first: unknown = v instanceof Array ? v[0] : (v as Set<unknown>).values().next().value;
      if (first === undefined) return;
      v = first;
    } else if (type.kind === 'map') {
      const entry = firstMapElement(v);
      if (!entry) return;
      if (type.keyType?.hasDynType) checkRuntimeType(ev, entry[0]);
      if (!type.valueType?.hasDynType) return;
      v = entry[1];
    } else {
      return;
    }
  }
}

function firstMapElement(coll: unknown): [unknown, unknown] | undefined {
  if (coll instanceof Map) return coll.entries().next().value as [unknown, unknown] | undefined;
  // for…in, as cel-js reads it: the first enumerable key, own or inherited.
  for (const key in coll as object) return [key, (coll as Record<string, unknown>)[key]];
  return undefined;
}

function sameTypes(a: readonly Type[], b: readonly Type[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** cel-js's callFn, remembering the overload of the last argument types. */
function cachedCall(node: Node): CallHandle | undefined {
  const argNodes = (node.args as [string, readonly Node[]])[1];
  if (!resolvedAtRuntime(node, argNodes, node.argTypes)) return undefined;
  const candidates = node.candidates;
  const original = node.handle as unknown as CallHandle;
  const checked = argNodes.map((a) => a.checkedType);
  let lastTypes: Type[] | undefined;
  let lastHandler: Handler | undefined;
  return (args, ast, ev) => {
    const types = new Array<Type>(checked.length);
    for (let i = checked.length - 1; i >= 0; i--) types[i] = ev.debugRuntimeType(args[i], checked[i]);
    if (!lastTypes || !sameTypes(lastTypes, types)) {
      const decl = candidates.findFunction(types);
      if (!decl) return original(args, ast, ev); // cel-js reports the missing overload
      lastTypes = types;
      lastHandler = decl.handler;
    }
    return invoke(lastHandler as Handler, ev, args, ast);
  };
}

/** cel-js's callRecFn (method calls typed at runtime), remembering the last overload. */
function cachedMethodCall(node: Node): MethodHandle | undefined {
  const [, receiverNode, argNodes] = node.args as [string, Node, readonly Node[]];
  const receiverChecked = receiverNode.checkedType;
  const argTypes = node.argTypes;
  const candidates = node.candidates;
  if (!candidates || candidates.async || !argTypes || !receiverChecked || !node.receiverWithArgs || node.receiverWithArgs.some((a) => a.maybeAsync)) return undefined;
  // cel-js keeps callRecFn for a dyn or templated receiver, or a dyn argument; otherwise the node is already static.
  if (!(receiverChecked.kind === 'dyn' || receiverChecked.hasPlaceholderType || argTypes.some((t) => t.hasDynType))) return undefined;
  const original = node.handle as unknown as MethodHandle;
  const checked = argNodes.map((a) => a.checkedType);
  let lastReceiver: Type | undefined;
  let lastTypes: Type[] | undefined;
  let lastHandler: Handler | undefined;
  return (args, ev, ast) => {
    const types = new Array<Type>(checked.length);
    for (let i = 0; i < checked.length; i++) types[i] = ev.debugRuntimeType(args[i + 1], checked[i]);
    const receiverType = ev.debugRuntimeType(args[0], receiverChecked);
    if (receiverType !== lastReceiver || !lastTypes || !sameTypes(lastTypes, types)) {
      const decl = candidates.findFunction(types, receiverType);
      if (!decl) return original(args, ev, ast); // cel-js reports the missing overload
      lastReceiver = receiverType;
      lastTypes = types;
      lastHandler = decl.handler;
    }
    return invoke(lastHandler as Handler, ev, args, ast);
  };
}

/** cel-js's handleBinary (an operand typed at runtime), remembering the last overload. */
function cachedBinary(node: Node): BinaryHandle | undefined {
  const left = node.left;
  const right = node.right;
  const candidates = node.candidates;
  if (!left || !right || !candidates || candidates.async || left.maybeAsync || right.maybeAsync) return undefined;
  if (!left.checkedType?.hasDynType && !right.checkedType?.hasDynType) return undefined; // resolved at check time
  const original = node.handle as unknown as BinaryHandle;
  const leftStatic = node.leftStaticType;
  const rightStatic = node.rightStaticType;
  let lastLeft: Type | undefined;
  let lastRight: Type | undefined;
  let lastHandler: Handler | undefined;
  return (l, r, ast, ev) => {
    const leftType = leftStatic ?? ev.debugTypeDeep(l).wrappedType;
    const rightType = rightStatic ?? ev.debugTypeDeep(r).wrappedType;
    if (leftType !== lastLeft || rightType !== lastRight) {
      const overload = candidates.findBinaryOverload(leftType, rightType);
      if (!overload) return original(l, r, ast, ev); // cel-js reports the missing overload
      lastLeft = leftType;
      lastRight = rightType;
      lastHandler = overload.handler;
    }
    return (lastHandler as Handler)(l, r, ast, ev);
  };
}
