import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';
import { CelCompileError, compileExpression } from '../cel/compile-expression';
import type { CompiledExpression } from '../cel/compile-expression';
import { expressionPosition } from './expression-position';
import type { ExpressionField } from './expression-position';
import { compileMatcher } from './match-stage';
import type { ResourceMatcher } from './match-stage';
import { compileMessageTemplate } from './message-template';
import { isVerified } from './verified-expressions';
import type { MessageTemplate } from './message-template';

/** A policy ready to evaluate: matcher, CEL programs and parameters, built once. */
export interface CompiledPolicy {
  readonly policy: Policy;
  /** Effective parameters (`params` in CEL): the policy's defaults, then the given values. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly matches: ResourceMatcher;
  readonly condition: CompiledExpression;
  readonly message: MessageTemplate;
  readonly path?: CompiledExpression;
}

function failAt(policy: Policy, field: ExpressionField, text: string, err: unknown): never {
  if (!(err instanceof CelCompileError)) throw err;
  const pos = expressionPosition(policy, field, text, err.offset);
  throw new InputError(policy.definedAt.file, `policy "${policy.id}": ${field}: ${err.reason}`, pos.line, pos.column);
}

function compileField(policy: Policy, field: 'condition' | 'path', text: string, accepts: (type: string) => boolean, want: string): CompiledExpression {
  let compiled: CompiledExpression;
  try {
    compiled = compileExpression(text);
  } catch (err) {
    failAt(policy, field, text, err);
  }
  if (!accepts(compiled.type)) {
    const pos = expressionPosition(policy, field, text, 0);
    throw new InputError(policy.definedAt.file, `policy "${policy.id}": ${field} must be ${want}, but it is ${compiled.type}`, pos.line, pos.column);
  }
  return compiled;
}

function compileMessage(p: Policy): MessageTemplate {
  try {
    return p.message ? compileMessageTemplate(p.message) : () => p.title;
  } catch (err) {
    failAt(p, 'message', p.message, err);
  }
}

function compilePath(p: Policy, text: string): CompiledExpression {
  return compileField(p, 'path', text, (t) => t === 'dyn' || t.startsWith('list'), 'a list of strings and integers');
}

/**
 * Compiles one policy. A condition/message/path that does not parse or type-check, or a
 * literal regular expression RE2 cannot run, is an InputError naming the policy file and the
 * line/column of the problem inside the CEL.
 *
 * A built-in pack policy whose CEL the build already compiled (verified-expressions.ts) gets
 * its CEL compiled on first use: most runs match only some of the packs' policies.
 */
export function compilePolicy(p: Policy, params: Readonly<Record<string, unknown>>): CompiledPolicy {
  if (isVerified(p)) return lazyPolicy(p, params, compileMatcherOf(p));
  const matches = compileMatcherOf(p);
  const effective = effectiveParams(p, params);
  const condition = compileField(p, 'condition', p.condition, (t) => t === 'bool' || t === 'dyn', 'a bool expression');
  const message = compileMessage(p);
  const path = p.path === undefined ? undefined : compilePath(p, p.path);
  return { policy: p, params: effective, matches, condition, message, ...(path ? { path } : {}) };
}

/**
 * A policy whose parts compile on first use, each throwing then as compilePolicy would. For a
 * policy known to compile: one the build verified, or one that judged stored findings and is
 * now asked only to explain them (the explain stage reads the condition's text, the
 * parameters and `path`, never the matcher or the message: after a restart, opening the first
 * resource with a finding then compiles only what its explanation reads).
 */
export function compilePolicyLazily(p: Policy, params: Readonly<Record<string, unknown>>): CompiledPolicy {
  return lazyPolicy(p, params, null);
}

function compileMatcherOf(p: Policy): ResourceMatcher {
  try {
    return compileMatcher(p.match);
  } catch (err) {
    throw new InputError(p.definedAt.file, `policy "${p.id}": match: ${err instanceof Error ? err.message : String(err)}`, p.definedAt.line, p.definedAt.column);
  }
}

function effectiveParams(p: Policy, params: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const defaults = Object.fromEntries(Object.entries(p.parameters).map(([name, d]) => [name, d.default]));
  return Object.freeze({ ...defaults, ...params });
}

/** `matches`: the compiled matcher, or null to compile it on first use too. */
function lazyPolicy(p: Policy, params: Readonly<Record<string, unknown>>, matches: ResourceMatcher | null): CompiledPolicy {
  let matcher: ResourceMatcher | undefined;
  let condition: CompiledExpression | undefined;
  let message: MessageTemplate | undefined;
  let path: CompiledExpression | undefined;
  const lazy = {
    policy: p,
    params: effectiveParams(p, params),
    ...(matches ? { matches } : {}),
    get condition() {
      return (condition ??= compileField(p, 'condition', p.condition, (t) => t === 'bool' || t === 'dyn', 'a bool expression'));
    },
    get message() {
      return (message ??= compileMessage(p));
    },
  } as CompiledPolicy;
  if (!matches) Object.defineProperty(lazy, 'matches', { enumerable: true, get: () => (matcher ??= compileMatcherOf(p)) });
  const pathText = p.path;
  if (pathText !== undefined) {
    Object.defineProperty(lazy, 'path', { enumerable: true, get: () => (path ??= compilePath(p, pathText)) });
  }
  return lazy;
}
