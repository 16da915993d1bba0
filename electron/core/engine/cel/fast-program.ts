import type { ASTNode, Environment } from '@marcbachmann/cel-js';
import type { Activation } from './compile-expression';
import { admit, bail, evaluatorOf, refuseUnknownArgs, typeValues } from './fast-values';
import type { Evaluator } from './fast-values';
import { operatorOf } from './fast-operators';
import { NOT_INLINE, inlineFunction, resetTyped } from './fast-functions';
import type { TypeValues } from './fast-functions';
import type { Fast, FastNode, Frame } from './fast-operators';
import { comprehensionOf } from './fast-macros';
import { NAVIGATING } from './partial-evaluation';

/**
 * A second way to run a checked expression, for speed (issue 13): one JS closure per node over
 * plain values, with comprehension and cel.bind variables in an array instead of cel-js's
 * Context objects, the hot operators (field access, comparisons, logic, arithmetic on numbers
 * and strings) decided inline, and every other operator or function call made through the very
 * handler the type check attached (so the same overload runs on the same values). No eval.
 *
 * It only ever answers when it is sure: on anything else (an error anywhere, a value unknown
 * until apply, a value of an unusual type) it gives up (BAIL) and the caller runs the ordinary
 * program, which gives the exact value or error. So it never needs CEL's error semantics, only
 * its values; fast-program.test.ts compares it with cel-js on random inputs and on every
 * expression of the packs. An expression using a construct it does not compile (optional
 * values, two-variable macros…) is not compiled at all: undefined.
 *
 * `partial`: the run is the partial-evaluation twin's (partial-evaluation.ts): a function
 * given a container holding an unknown, or a comparison answering "different" on one, is
 * unknown there, so the fast run gives up on those.
 */
export type FastProgram = (activation: Activation, partial: boolean) => unknown;

export function compileFast(root: ASTNode, env: Environment): FastProgram | undefined {
  const c = new Compiler(evaluatorOf(env), typeValues(env));
  let fn: Fast;
  try {
    fn = c.node(root as unknown as FastNode, new Map());
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
  const slots = c.slots;
  return (activation, partial) => {
    resetTyped();
    return fn({ act: activation, partial, vars: slots === 0 ? NO_VARS : new Array<unknown>(slots) });
  };
}

/** Runs the fast program, or `slow` when it gives up (or throws anything: cel-js decides). */
export function runOrFallBack(fast: FastProgram, slow: (a: Activation) => unknown, activation: Activation, partial: boolean): unknown {
  try {
    return fast(activation, partial);
  } catch {
    return slow(activation);
  }
}

const NO_VARS: unknown[] = [];
/** An absent argument position. */
const NONE: Fast = () => undefined;

class Unsupported extends Error {}

function unsupported(): never {
  throw new Unsupported('not compiled by the fast path');
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

type Scope = ReadonlyMap<string, number>;

class Compiler {
  slots = 0;
  constructor(readonly ev: Evaluator, readonly types: TypeValues) {}

  node(n: FastNode, scope: Scope): Fast {
    const meta = n.meta;
    if (n.op === 'id' && typeof n.args === 'string' && scope.has(n.args)) {
      const slot = scope.get(n.args) as number;
      return (f) => f.vars[slot];
    }
    if (meta.macro) return this.macro(n, scope);
    if (meta.alternate) {
      if (n.op === 'rcall') return this.comprehension(n, scope);
      return this.node(meta.alternate as FastNode, scope);
    }
    if (n.checkedType === undefined) unsupported();
    const ev = this.ev;
    switch (n.op) {
      case 'value': {
        const value = n.args;
        return () => value;
      }
      case 'id':
        return this.variable(n.args);
      case 'list': {
        const items = (n.args as FastNode[]).map((a) => this.node(a, scope));
        if ((n.args as FastNode[]).every((a) => a.op === 'value' && !a.meta.alternate)) {
          const value = Object.freeze((n.args as FastNode[]).map((a) => a.args)); // as fold-constant-lists.ts
          return () => value;
        }
        return (f) => items.map((item) => item(f));
      }
      case 'map':
        return this.mapLiteral(n.args as readonly (readonly [FastNode, FastNode])[], scope);
      case 'call':
      case 'rcall':
        return this.call(n, scope);
      default: {
        const kids = (x: FastNode) => this.node(x, scope);
        return operatorOf(n, ev, kids, this.types.ctor) ?? unsupported();
      }
    }
  }

  /** `{k: v, …}` built as cel-js builds it (operators.js safeFromEntries); all constants: built once. */
  mapLiteral(entries: readonly (readonly [FastNode, FastNode])[], scope: Scope): Fast {
    if (!Array.isArray(entries)) unsupported();
    const parts = entries.map(([k, v]) => [this.node(k, scope), this.node(v, scope)] as const);
    const build = (f: Frame): Record<string, unknown> => {
      const obj: Record<string, unknown> = {};
      for (const [k, v] of parts) {
        const key = k(f);
        const value = v(f);
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
        obj[key as string] = value;
      }
      return obj;
    };
    if (entries.every(([k, v]) => k.op === 'value' && v.op === 'value' && !k.meta.alternate && !v.meta.alternate)) {
      const value = Object.freeze(build({ act: {} as Activation, partial: false, vars: NO_VARS }));
      return () => value;
    }
    return build;
  }

  variable(name: unknown): Fast {
    const ev = this.ev;
    if (name === 'now') {
      return (f) => (f.act.now instanceof Date ? f.act.now : bail());
    }
    // One closure per variable, not `f.act[name]`: a read by a fixed name stays monomorphic.
    switch (name) {
      case 'resource':
        return (f) => admit(f.act.resource, ev);
      case 'object':
        return (f) => admit(f.act.object, ev);
      case 'oldObject':
        return (f) => admit(f.act.oldObject, ev);
      case 'params':
        return (f) => admit(f.act.params, ev);
      case 'changeset':
        return (f) => admit(f.act.changeset, ev);
      default:
        return unsupported();
    }
  }

  call(n: FastNode, scope: Scope): Fast {
    const ev = this.ev;
    const receiverCall = n.op === 'rcall';
    const name = (n.args as unknown[])[0];
    const argNodes = receiverCall ? (n.receiverWithArgs as readonly FastNode[]) : ((n.args as unknown[])[1] as readonly FastNode[]);
    if (!argNodes || typeof name !== 'string' || n.maybeAsync) unsupported();
    const args = argNodes.map((a) => this.node(a, scope));
    const count = args.length;
    const navigating = NAVIGATING.has(name);
    const handle = n.handle as (...xs: unknown[]) => unknown;
    const call = (values: unknown[]): unknown => admit(receiverCall ? handle(values, ev, n) : handle(values, n, ev), ev);
    const inline = inlineFunction(name, receiverCall, count, this.types);
    if (inline && count <= 3) {
      // Arguments in locals, an array only for the handler: most calls end inline.
      const [a0, a1, a2] = [args[0] as Fast, args[1] ?? NONE, args[2] ?? NONE];
      const refuse = !navigating;
      return (f) => {
        const x2 = a2(f);
        const x1 = a1(f);
        const x0 = a0(f);
        if (f.partial && refuse) refuseUnknownArgs([x0, x1, x2]);
        const done = inline(x0, x1, x2);
        if (done !== NOT_INLINE) return admit(done, ev);
        return call(count === 1 ? [x0] : count === 2 ? [x0, x1] : [x0, x1, x2]);
      };
    }
    return (f) => {
      const values = new Array<unknown>(count);
      for (let i = count - 1; i >= 0; i--) values[i] = (args[i] as Fast)(f);
      if (f.partial && !navigating) refuseUnknownArgs(values);
      return call(values);
    };
  }

  /** has() and cel.bind(); any other macro (optional values) is not compiled. */
  macro(n: FastNode, scope: Scope): Fast {
    const m = n.meta.macro as { readonly macroHasProps?: readonly FastNode[]; readonly var?: string; readonly val?: FastNode; readonly exp?: FastNode };
    const name = (n.args as unknown[])[0];
    if (name === 'has' && n.op === 'call' && m.macroHasProps) return this.has(m.macroHasProps, scope);
    if (name === 'bind' && n.op === 'rcall' && typeof m.var === 'string' && m.val && m.exp) {
      const val = this.node(m.val, scope);
      const slot = this.slots++;
      const exp = this.node(m.exp, new Map(scope).set(m.var, slot));
      const ev = this.ev;
      return (f) => {
        f.vars[slot] = admit(val(f), ev);
        return exp(f);
      };
    }
    return unsupported();
  }

  /** has(a.b.c): the selects down to the last are field reads that must succeed, the last is a presence test. */
  has(props: readonly FastNode[], scope: Scope): Fast {
    const root = this.node(props[props.length - 1] as FastNode, scope);
    const keys = props.slice(0, -1).reverse().map((p) => (p.op === '.' && typeof p.right === 'string' ? p.right : unsupported()));
    const ev = this.ev;
    return (f) => {
      let obj = root(f);
      for (let i = 0; i < keys.length; i++) {
        if (typeof obj !== 'object' || obj === null || (obj as object).constructor !== Object) bail();
        const key = keys[i] as string;
        const v = Object.hasOwn(obj as object, key) ? (obj as Record<string, unknown>)[key] : undefined;
        if (i === keys.length - 1) return v !== undefined;
        obj = admit(v, ev);
      }
      return bail();
    };
  }

  /** all, exists, exists_one, map, filter over a list (a map receiver gives up at run time). */
  comprehension(n: FastNode, scope: Scope): Fast {
    const [name, receiverNode, argNodes] = n.args as [unknown, FastNode, readonly FastNode[]];
    if (typeof name !== 'string' || !MACROS.has(name) || !Array.isArray(argNodes)) unsupported();
    const iterVar = (argNodes[0] as FastNode).op === 'id' ? (argNodes[0] as FastNode).args : undefined;
    if (typeof iterVar !== 'string') unsupported();
    const receiver = this.node(receiverNode, scope);
    const slot = this.slots++;
    const inner = new Map(scope).set(iterVar, slot);
    const parts = argNodes.slice(1).map((a) => this.node(a, inner));
    return comprehensionOf(`${name}/${parts.length}`, receiver, parts, slot, this.ev) ?? unsupported();
  }
}

