import type { Environment } from '@marcbachmann/cel-js';
import { unknownsIn } from './unknown-value';
import type { TypeValues } from './fast-functions';

/**
 * What the fast program (fast-program.ts) needs besides the values: a way out, cel-js's
 * evaluator to call the handlers the type check attached, and the check that a value is one
 * the fast path may carry.
 */

/**
 * Thrown by the fast program when it meets anything it does not decide itself: an error, a
 * value unknown until apply, a value of a type it does not carry. The caller then runs the
 * ordinary program, which gives the exact value or error (CEL has no side effects, so running
 * again is safe). A frozen object, not an Error: no stack trace is captured.
 */
export const BAIL: unknown = Object.freeze({ bail: true });

export function bail(): never {
  throw BAIL;
}

/** The parts of cel-js's evaluator the handlers use (it is passed to them as it is). */
export interface Evaluator {
  debugType(v: unknown): unknown;
}

const evaluators = new WeakMap<Environment, Evaluator>();

/**
 * The environment's evaluator. cel-js keeps it private and hands it to each node's evaluate:
 * read once off a throwaway program whose root hands it out. It holds no per-evaluation
 * state (cel-js passes the same one to every evaluation of every program).
 */
export function evaluatorOf(env: Environment): Evaluator {
  let ev = evaluators.get(env);
  if (ev) return ev;
  const program = env.parse('true');
  program.check();
  let seen: Evaluator | undefined;
  (program.ast as unknown as { evaluate: unknown }).evaluate = (e: Evaluator) => {
    seen = e;
    return true;
  };
  program({});
  if (!seen) throw new Error('cel-js did not hand out its evaluator');
  ev = seen;
  evaluators.set(env, ev);
  return ev;
}

/**
 * A value read from a variable, a field, an element or a handler, as the fast program may
 * carry it: primitives, plain lists and maps as they are; a value unknown until apply, or
 * `undefined` (a missing key), ends the fast run; any other object is typed by cel-js
 * (`debugType`, as its own field access does), which throws for what CEL has no type for.
 */
export function admit(v: unknown, ev: Evaluator): unknown {
  if (typeof v !== 'object') {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') bail();
    return v;
  }
  if (v === null) return v;
  // cel-js types objects by their constructor, as here. A value unknown until apply is a proxy
  // that refuses this look (unknown-value.ts): it throws.
  const c: unknown = (v as { constructor?: unknown }).constructor;
  if (c !== Object && c !== Array) ev.debugType(v);
  return v;
}

/** In a partial run: ends the fast run when any argument holds a value unknown until apply. */
export function refuseUnknownArgs(args: readonly unknown[]): void {
  for (const a of args) if (typeof a === 'object' && a !== null && unknownsIn(a).length > 0) bail();
}

/** In a partial run: ends the fast run when the value holds a value unknown until apply. */
export function refuseUnknownIn(v: unknown): void {
  if (typeof v === 'object' && v !== null && unknownsIn(v).length > 0) bail();
}

const typeValuesOf = new WeakMap<Environment, TypeValues>();

/** cel-js's type values, read off the environment once. */
export function typeValues(env: Environment): TypeValues {
  let t = typeValuesOf.get(env);
  if (t) return t;
  const v = env.evaluate('[type(""), type(1), type(1.0), type(true), type(null), type([]), type({})]', {}) as unknown[];
  t = Object.freeze({ string: v[0], int: v[1], double: v[2], bool: v[3], null: v[4], list: v[5], map: v[6], ctor: (v[0] as { constructor: unknown }).constructor });
  typeValuesOf.set(env, t);
  return t;
}

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

/** A CEL int result, or undefined when it overflows int64 (cel-js then reports the error). */
export function int64(v: bigint): bigint | undefined {
  return v < INT_MIN || v > INT_MAX ? undefined : v;
}
