import type { ASTNode } from '@marcbachmann/cel-js';
import { policyEnvironment } from './environment';

/**
 * Turns a checked program into JS closures, one per node, each calling its children's
 * closures directly. cel-js walks the tree: every node is reached through `node.evaluate`, a
 * property read that sees dozens of node shapes (megamorphic) and cost a fifth of a run.
 *
 * A closure does exactly what cel-js's evaluate of that node does, with the same handlers the
 * type check attached (so the same values, errors and evaluation order); only the way to the
 * children changes. A node is compiled only when its evaluate is cel-js's own for its
 * operator (found by checking sample expressions, see `standardEvaluates`); any other node
 * (one our passes replaced: constant lists, partial evaluation; maps; has(); asynchronous
 * ones) runs as it is, and its children are compiled below it. Each node's `evaluate` then
 * calls its closure, so cel-js's own loops (comprehensions, cel.bind, the partial twin's
 * operators) reach compiled code too. compile-closures.test.ts runs random inputs through
 * both.
 *
 * Call last, after every pass that replaces a node's evaluate or handle.
 */
export function compileClosures(root: ASTNode): void {
  const standard = standardEvaluates();
  const compiled: Node[] = [];
  compileNode(root as unknown as Node, new Compilation(standard, compiled));
  // Install after compiling: a closure built above must call the original evaluate of an opaque node.
  for (const node of compiled) {
    const fn = node[CLOSURE] as Compiled;
    node.evaluate = (ev, _ast, ctx) => fn(ev, ctx);
  }
}

/** Where a node keeps its closure while a program is compiled (nodes are shared between a macro and its expansion). */
const CLOSURE = Symbol('closure');

type Compiled = (ev: Evaluator, ctx: Context) => unknown;
type Evaluate = (ev: Evaluator, ast: Node, ctx: Context) => unknown;
type Context = { accuValue: unknown; getCheckedValue(ev: Evaluator, ast: Node): unknown };
interface Evaluator {
  run(ast: Node, ctx: Context): unknown;
}
interface Meta {
  readonly evaluate: Evaluate;
  readonly alternate?: Node;
  readonly macro?: { readonly evaluate: (ev: Evaluator, macro: unknown, ctx: Context) => unknown; readonly val?: Node; readonly exp?: Node };
}
interface Node {
  readonly op: string;
  readonly args: unknown;
  readonly left?: Node;
  readonly right?: Node;
  readonly condition?: Node;
  readonly receiverWithArgs?: readonly Node[];
  readonly meta: Meta;
  readonly checkedType?: unknown;
  readonly maybeAsync: boolean;
  readonly handle: (...args: never[]) => unknown;
  evaluate: Evaluate;
  [CLOSURE]?: Compiled;
}
interface ComprehensionArgs {
  readonly iterable: Node;
  readonly init: Node;
  readonly step: Node;
}

const BINARY = ['!=', '==', 'in', '+', '-', '*', '/', '%', '<', '<=', '>', '>='];

let standardCache: Map<string, Set<Evaluate>> | undefined;

/** cel-js's own evaluate functions per operator, read off checked sample expressions. */
function standardEvaluates(): Map<string, Set<Evaluate>> {
  if (standardCache) return standardCache;
  // One list literal holding a sample of every operator: one parse and check (a cold process pays for each).
  const samples = [
    'object.a', 'object[1]', 'object.?a', 'object[?1]', '!object.b', '-object.c', 'size(object)', 'object.size()',
    '[object]', 'object ? 1 : 2', 'object || object', 'object && object', '1', 'object.all(x, x)', '[1].map(x, x)',
    '[1].filter(x, x > 0)', '[1].exists_one(x, x > 0)', ...BINARY.map((op) => `object ${op} object`),
  ];
  const found = new Map<string, Set<Evaluate>>();
  const program = policyEnvironment().parse(`[${samples.join(', ')}]`);
  program.check();
  visitAll(program.ast as unknown as Node, (n) => {
    if (n.meta.alternate !== undefined || n.meta.macro !== undefined) return;
    let set = found.get(n.op);
    if (!set) found.set(n.op, (set = new Set()));
    set.add(n.meta.evaluate);
  });
  standardCache = found;
  return found;
}

/** Every node under `root`, macro expansions and comprehension parts included. */
function visitAll(root: Node, visit: (n: Node) => void): void {
  const stack: unknown[] = [root];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      stack.push(...(item as unknown[]));
      continue;
    }
    if (!isNode(item) || seen.has(item)) continue;
    seen.add(item);
    visit(item);
    stack.push(...childrenOf(item));
  }
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'op' in v && 'args' in v && 'meta' in v;
}

function childrenOf(n: Node): unknown[] {
  const out: unknown[] = [n.args];
  if (n.meta.alternate) out.push(n.meta.alternate);
  if (n.meta.macro) out.push(n.meta.macro.val, n.meta.macro.exp);
  if (n.op === 'comprehension') {
    const c = n.args as ComprehensionArgs;
    out.push(c.iterable, c.init, c.step);
  }
  return out;
}

/**
 * One compileClosures run: what every node's compilation needs. A class, not closures over
 * locals: the CLI bundle keeps function names (esbuild keepNames), which costs a property
 * definition on every named closure made, and a program has hundreds of nodes per compile.
 */
class Compilation {
  constructor(readonly standard: Map<string, Set<Evaluate>>, readonly done: Node[]) {}
  child(c: Node): Compiled {
    return compileNode(c, this);
  }
}

function compileNode(n: Node, k: Compilation): Compiled {
  const known = n[CLOSURE];
  if (known) return known;
  // Compiled before its children (they may point back through a macro's parts): a forward reference.
  const forward: { fn?: Compiled } = {};
  n[CLOSURE] = (ev, ctx) => (forward.fn as Compiled)(ev, ctx);
  k.done.push(n);
  const fn = build(n, k);
  forward.fn = fn;
  n[CLOSURE] = fn;
  return fn;
}

/** cel-js's own evaluate of the node, as a closure. */
function opaqueOf(original: Evaluate, n: Node): Compiled {
  return (ev, ctx) => original(ev, n, ctx);
}

function build(n: Node, k: Compilation): Compiled {
  // Children of anything below are compiled (and installed) even where this node is not.
  for (const c of childrenOf(n)) visitChildren(c, k);
  const own = Object.hasOwn(n, 'evaluate') ? n.evaluate : undefined;
  if (own) return (ev, ctx) => own(ev, n, ctx); // replaced by one of our passes: run as it is
  const meta = n.meta;
  if (meta.alternate) return k.child(meta.alternate);
  if (meta.macro) {
    const macro = meta.macro;
    return (ev, ctx) => macro.evaluate(ev, macro, ctx);
  }
  const original = meta.evaluate;
  const opaque = opaqueOf(original, n);
  // Only nodes the type check saw carry its handlers (has() checks only the variable at its root).
  if (!k.standard.get(n.op)?.has(original) || n.checkedType === undefined) return opaque;
  switch (n.op) {
    case 'value': {
      const value = n.args;
      return () => value;
    }
    case 'id':
      return (ev, ctx) => ctx.getCheckedValue(ev, n);
    case 'accuValue':
      return (_ev, ctx) => ctx.accuValue;
    case 'accuPush': {
      if ((n.args as Node).maybeAsync) return opaque;
      const item = k.child(n.args as Node);
      return (ev, ctx) => ((ctx.accuValue as unknown[]).push(item(ev, ctx)), ctx.accuValue);
    }
    default:
      if (n.maybeAsync) return opaque;
      return operator(n, k) ?? opaque;
  }
}

function visitChildren(item: unknown, k: Compilation): void {
  if (Array.isArray(item)) {
    for (const x of item) visitChildren(x, k);
  } else if (isNode(item)) {
    k.child(item);
  }
}

function operator(n: Node, k: Compilation): Compiled | undefined {
  switch (n.op) {
    case '.':
    case '.?': {
      // evaluateBinaryFirst: the key is the name itself
      const handle = n.handle as unknown as (l: unknown, r: unknown, ast: Node, ev: Evaluator) => unknown;
      const left = k.child(n.left as Node);
      const key = n.right;
      return (ev, ctx) => handle(left(ev, ctx), key, n, ev);
    }
    case '[]':
    case '[?]':
    case '!=': case '==': case 'in': case '+': case '-': case '*': case '/': case '%': case '<': case '<=': case '>': case '>=': {
      const handle = n.handle as unknown as (l: unknown, r: unknown, ast: Node, ev: Evaluator) => unknown;
      const left = k.child(n.left as Node);
      const right = k.child(n.right as Node);
      return (ev, ctx) => handle(left(ev, ctx), right(ev, ctx), n, ev);
    }
    case '!_':
    case '-_': {
      const handle = n.handle as unknown as (v: unknown, ast: Node, ev: Evaluator) => unknown;
      const arg = k.child(n.args as Node);
      return (ev, ctx) => handle(arg(ev, ctx), n, ev);
    }
    case 'call': {
      const handle = n.handle as unknown as (args: unknown[], ast: Node, ev: Evaluator) => unknown;
      const args = resolver((n.args as [string, readonly Node[]])[1], k);
      return (ev, ctx) => handle(args(ev, ctx), n, ev);
    }
    case 'rcall': {
      const handle = n.handle as unknown as (args: unknown[], ev: Evaluator, ast: Node) => unknown;
      const args = resolver(n.receiverWithArgs as readonly Node[], k);
      return (ev, ctx) => handle(args(ev, ctx), ev, n);
    }
    case 'list':
      return resolver(n.args as readonly Node[], k);
    case '?:': {
      // handleTernary; a condition that is not a bool goes to it for its error
      const handle = n.handle as unknown as (c: unknown, ev: Evaluator, ast: Node, ctx: Context) => unknown;
      const condition = k.child(n.condition as Node);
      const left = k.child(n.left as Node);
      const right = k.child(n.right as Node);
      return (ev, ctx) => {
        const c = condition(ev, ctx);
        if (c === true) return left(ev, ctx);
        if (c === false) return right(ev, ctx);
        return handle(c, ev, n, ctx);
      };
    }
    case '||':
    case '&&':
      return logical(n, n.op === '||', k);
    case 'comprehension': {
      const handle = n.handle as unknown as (items: unknown, args: unknown, ev: Evaluator, ctx: Context) => unknown;
      const iterable = k.child((n.args as ComprehensionArgs).iterable);
      return (ev, ctx) => handle(iterable(ev, ctx), n.args, ev, ctx);
    }
    default:
      return undefined;
  }
}

/** resolveAstArray: every element, right to left (the same error wins). */
function resolver(nodes: readonly Node[], k: Compilation): (ev: Evaluator, ctx: Context) => unknown[] {
  const fns = nodes.map((c) => k.child(c));
  const count = fns.length;
  return (ev, ctx) => {
    if (count === 0) return [];
    const out = new Array<unknown>(count);
    for (let i = count - 1; i >= 0; i--) out[i] = (fns[i] as Compiled)(ev, ctx);
    return out;
  };
}

/**
 * `||` (decisive = true) and `&&` (false) when both sides give bools, as cel-js decides them;
 * any other case (an error or a non-bool on a side) is left to cel-js's own evaluation of the
 * node, which evaluates again (CEL has no side effects) and composes the error as it does.
 */
function logical(n: Node, decisive: boolean, k: Compilation): Compiled {
  const original = n.meta.evaluate;
  const left = k.child(n.left as Node);
  const right = k.child(n.right as Node);
  return (ev, ctx) => {
    let l: unknown;
    try {
      l = left(ev, ctx);
    } catch (err) {
      l = err;
    }
    if (l === decisive) return decisive;
    if (l === !decisive) {
      const r = right(ev, ctx);
      if (typeof r === 'boolean') return r;
    }
    return original(ev, n, ctx);
  };
}
