import type { Environment, ParseResult } from '@marcbachmann/cel-js';
import { policyEnvironment } from './environment';
import { foldConstantLists } from './fold-constant-lists';
import { installPartialEvaluation } from './partial-evaluation';
import { re2Rejection } from './functions/regex';
import { findMatchesCalls, rewriteMatches } from './rewrite-matches';
import { specializeDispatch } from './specialize-dispatch';
import { compileClosures } from './compile-closures';
import { compileFast, runOrFallBack } from './fast-program';

/**
 * A CEL expression that failed to compile; `offset` is where in the source (0-based), `end`
 * (exclusive) where the offending part ends when known (editor diagnostics underline it).
 */
export class CelCompileError extends Error {
  override readonly name = 'CelCompileError';
  constructor(readonly reason: string, readonly offset: number | undefined, readonly end?: number) {
    super(reason);
  }
}

/** Variables in scope for one evaluation (see docs/contract-format.md). Mutable: reused. */
export type Activation = {
  resource: unknown;
  object: unknown;
  oldObject: unknown;
  params: unknown;
  changeset: unknown;
  now: Date;
};

export interface CompiledExpression {
  /** The source as written by the author. */
  readonly source: string;
  /** The inferred CEL type: 'bool', 'string', 'dyn', 'list<dyn>'… */
  readonly type: string;
  /** Evaluates against an activation. Throws on CEL runtime errors; callers fail closed. */
  readonly run: (activation: Activation) => unknown;
  /**
   * The same, for an activation holding values unknown until apply (unknown-value.ts): throws
   * UnknownValueError when the result depends on them. Built on first use.
   */
  readonly runPartial: (activation: Activation) => unknown;
}

function summaryOf(err: unknown): string {
  if (err && typeof err === 'object' && 'summary' in err && typeof err.summary === 'string') return err.summary;
  return err instanceof Error ? err.message : String(err);
}

function rangeOf(err: unknown, edge: 'start' | 'end'): number | undefined {
  if (err && typeof err === 'object' && 'range' in err) {
    const range = (err as { range?: { start?: unknown; end?: unknown } }).range;
    const at = range?.[edge];
    if (typeof at === 'number') return at;
  }
  return undefined;
}

function compileError(err: unknown): CelCompileError {
  return new CelCompileError(summaryOf(err), rangeOf(err, 'start'), rangeOf(err, 'end'));
}

function parse(source: string, env: Environment): ParseResult {
  try {
    return env.parse(source);
  } catch (err) {
    throw compileError(err);
  }
}

export interface CompileOptions {
  /**
   * false: no fast program (fast-program.ts), only cel-js's; its tests and bench compare the two.
   * 'only' (tests): the fast program alone, as built here, throwing where it gives up; an error
   * if the expression has none.
   */
  readonly fast?: boolean | 'only';
}

/**
 * parse → reject non-RE2 literal patterns → rewrite `matches` to RE2 → type-check.
 * Throws CelCompileError (with the source offset) for anything a policy author must fix.
 * `env`: the policy environment, or a clone of it with more variables (the explain stage binds
 * a list macro's variable to evaluate its predicate on one element).
 */
export function compileExpression(source: string, env: Environment = policyEnvironment(), options: CompileOptions = {}): CompiledExpression {
  if (source.trim() === '') throw new CelCompileError('expression is empty', 0);
  const first = parse(source, env);
  const { calls, unlocated } = findMatchesCalls(source, first.ast);
  if (unlocated.length > 0) {
    // Cannot happen with well-formed CEL; refuse rather than run a backtracking regex.
    throw new CelCompileError('cannot rewrite this matches() call to RE2; write it as s.matches(re)', unlocated[0]?.start, unlocated[0]?.end);
  }
  for (const call of calls) {
    const p = call.pattern;
    if (p?.op === 'value' && typeof p.args === 'string') {
      const why = re2Rejection(p.args);
      if (why) throw new CelCompileError(why, p.start, p.end);
    }
  }
  const rewritten = rewriteMatches(source, calls);
  const program = rewritten === source ? first : parse(rewritten, env);
  let checked: ReturnType<ParseResult['check']>;
  try {
    checked = program.check();
  } catch (err) {
    throw compileError(err);
  }
  if (!checked.valid) throw compileError(checked.error);
  foldConstantLists(program.ast);
  specializeDispatch(program.ast);
  const fast = options.fast === false ? undefined : compileFast(program.ast, env);
  const text = program === first ? source : rewritten;
  if (options.fast === 'only') {
    if (!fast) throw new Error(`no fast program for ${source}`);
    return { source, type: checked.type ?? 'dyn', run: (activation) => fast(activation, false), runPartial: (activation) => fast(activation, true) };
  }
  let partial: ((activation: Activation) => unknown) | undefined;
  let ordinary = program as (activation: Activation) => unknown;
  if (!fast) {
    compileClosures(program.ast);
  } else {
    // Only what the fast program gives up on runs here: its closures are built on first use
    // (they cost more to build than the fast program, and most expressions never need them).
    ordinary = (activation) => {
      compileClosures(program.ast);
      ordinary = program as (activation: Activation) => unknown;
      return ordinary(activation);
    };
  }
  const twin = (activation: Activation) => (partial ??= partialProgram(text, env))(activation);
  return {
    source,
    type: checked.type ?? 'dyn',
    // The fast program answers where it is sure; anything else runs as cel-js runs it (fast-program.ts).
    run: fast ? (activation) => runOrFallBack(fast, ordinary, activation, false) : ordinary,
    // A second parse: the twin's nodes evaluate differently, and the ordinary program must not pay for it.
    runPartial: fast ? (activation) => runOrFallBack(fast, twin, activation, true) : twin,
  };
}

function partialProgram(text: string, env: Environment): (activation: Activation) => unknown {
  const program = parse(text, env);
  program.check();
  foldConstantLists(program.ast);
  specializeDispatch(program.ast);
  installPartialEvaluation(program.ast);
  compileClosures(program.ast);
  return program as (activation: Activation) => unknown;
}
