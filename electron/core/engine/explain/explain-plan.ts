import type { Environment } from '@marcbachmann/cel-js';
import { CEL_VARIABLES, policyEnvironment } from '../cel/environment';
import { compileExpression } from '../cel/compile-expression';
import type { CompiledExpression } from '../cel/compile-expression';
import { booleanParts, comparedOperands, listMacros } from './clause-structure';
import type { MacroCall } from './clause-structure';
import { clauseTree, fieldReferences } from './condition-clauses';
import type { ClauseNode, ConditionSpan } from './condition-clauses';

/** A program, or why it could not be built (a slice that does not compile on its own). */
export type Program = { readonly ok: true; readonly expression: CompiledExpression } | { readonly ok: false; readonly reason: string };

/** One clause and what explaining it needs, each compiled on first use and kept. */
export interface ClausePlan {
  readonly span: ConditionSpan;
  program(): Program;
  /** The fields it reads, then the compared operands that are not one of them (those that compile on their own). */
  references(): readonly { readonly span: ConditionSpan; readonly program: Program }[];
  parts(): readonly { readonly span: ConditionSpan; readonly program: Program }[];
  macros(): readonly MacroPlan[];
}

/** A conjunct: a clause, or a choice `test ? then : otherwise` whose branches are conjunctions. */
export type PlanNode =
  | { readonly kind: 'clause'; readonly clause: ClausePlan }
  | { readonly kind: 'choice'; readonly whole: ClausePlan; readonly test: ClausePlan; readonly then: readonly PlanNode[]; readonly otherwise: readonly PlanNode[] }
  | { readonly kind: 'bind'; readonly whole: ClausePlan; readonly variable: string; readonly init: ClausePlan; readonly body: readonly PlanNode[] };

export interface MacroPlan {
  readonly call: MacroCall;
  readonly list: Program;
  /** Compiled with the macro's variable in scope. */
  readonly predicate: Program | null;
  readonly transform: Program | null;
}

/** Everything compiled to explain one condition. */
export interface ConditionPlan {
  readonly condition: string;
  /** The conjuncts (at least one: the whole condition when it could not be split). */
  readonly root: readonly PlanNode[];
  readonly splitProblem: string | null;
}

const PLAN_CACHE_SIZE = 512;
const plans = new Map<string, ConditionPlan>();

/**
 * The plan of a condition, compiled once however many findings it explains (a 15k-resource
 * change set has thousands of findings of the same few policies). Keyed by the condition's text:
 * what a clause means depends on nothing else (params and resources come with the activation).
 * Bounded: least recently used plans are dropped.
 */
export function conditionPlan(condition: string): ConditionPlan {
  const hit = plans.get(condition);
  if (hit) {
    plans.delete(condition);
    plans.set(condition, hit);
    return hit;
  }
  const plan = buildPlan(condition);
  plans.set(condition, plan);
  while (plans.size > PLAN_CACHE_SIZE) plans.delete(plans.keys().next().value!);
  return plan;
}

function buildPlan(condition: string): ConditionPlan {
  try {
    return { condition, root: clauseTree(condition).map((n) => planNode(n, [])), splitProblem: null };
  } catch (err) {
    const whole = { start: 0, end: condition.length, text: condition };
    return { condition, root: [{ kind: 'clause', clause: clausePlan(whole, []) }], splitProblem: `the condition could not be split into clauses: ${reasonOf(err)}` };
  }
}

/** `scope`: the names bound by the cel.bind around the node, outermost first (its programs read them). */
function planNode(node: ClauseNode, scope: readonly string[]): PlanNode {
  if (node.kind === 'clause') return { kind: 'clause', clause: clausePlan(node.span, scope) };
  if (node.kind === 'bind') {
    const inner = [...scope, node.variable];
    return { kind: 'bind', whole: clausePlan(node.span, scope), variable: node.variable, init: clausePlan(node.init, scope), body: node.body.map((n) => planNode(n, inner)) };
  }
  return { kind: 'choice', whole: clausePlan(node.span, scope), test: clausePlan(node.test, scope), then: node.then.map((n) => planNode(n, scope)), otherwise: node.otherwise.map((n) => planNode(n, scope)) };
}

function clausePlan(span: ConditionSpan, scope: readonly string[]): ClausePlan {
  const compiled = (text: string): Program => compiledIn(text, scope);
  let program: Program | undefined;
  let references: ReturnType<ClausePlan['references']> | undefined;
  let parts: ReturnType<ClausePlan['parts']> | undefined;
  let macros: readonly MacroPlan[] | undefined;
  return {
    span,
    program: () => (program ??= compiled(span.text)),
    references: () => (references ??= referencesOf(span.text, scope)),
    parts: () => (parts ??= attempt(() => booleanParts(span.text), []).map((s) => ({ span: s, program: compiled(s.text) }))),
    macros: () => (macros ??= attempt(() => listMacros(span.text), []).map((call) => macroPlan(call, scope))),
  };
}

const MAX_VALUES = 24;

/**
 * Whole resources are never shown as a value: a reader learns nothing from the whole object
 * (`lookup(object, "x")` reads `object`; the compared `lookup(…)` is what it saw), and the
 * reports go to CI logs, where a plan's attribute its provider failed to mark sensitive must
 * not be printed whole (before this stage no report printed resource values at all).
 */
const WHOLE: ReadonlySet<string> = new Set(['object', 'oldObject', 'resource']);

function referencesOf(text: string, scope: readonly string[]): ReturnType<ClausePlan['references']> {
  const compiled = (t: string): Program => compiledIn(t, scope);
  const fields = attempt(() => fieldReferences(text), []).filter((f) => !WHOLE.has(f.text));
  const seen = new Set(fields.map((f) => f.text));
  const out = fields.map((s) => ({ span: s, program: compiled(s.text) }));
  for (const s of attempt(() => comparedOperands(text), [])) {
    if (out.length >= MAX_VALUES || seen.has(s.text) || WHOLE.has(s.text)) continue;
    seen.add(s.text);
    const program = compiled(s.text);
    if (program.ok) out.push({ span: s, program });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function macroPlan(call: MacroCall, scope: readonly string[]): MacroPlan {
  const inScope = (text: string): Program => compiledIn(text, [...scope, call.variable]);
  return {
    call,
    list: compiledIn(call.list.text, scope),
    predicate: call.predicate ? inScope(call.predicate.text) : null,
    transform: call.transform ? inScope(call.transform.text) : null,
  };
}

/** A slice compiled with the names bound around it in scope (macro variables, cel.bind names). */
function compiledIn(text: string, scope: readonly string[]): Program {
  const env = scope.length === 0 ? policyEnvironment() : environmentWith(scope);
  if (!env) return { ok: false, reason: `a bound name (${scope.join(', ')}) shadows a policy variable or another bound name` };
  try {
    return { ok: true, expression: compileExpression(text, env) };
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
}

function attempt<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const RESERVED: ReadonlySet<string> = new Set(CEL_VARIABLES);
const ENV_CACHE_SIZE = 64;
const environments = new Map<string, Environment>();

/** The policy environment with more variables (bound names, dyn), or null when one is a policy variable or repeats. */
function environmentWith(variables: readonly string[]): Environment | null {
  if (variables.some((v) => RESERVED.has(v)) || new Set(variables).size !== variables.length) return null;
  const key = variables.join('\u0000');
  const hit = environments.get(key);
  if (hit) return hit;
  let env: Environment;
  try {
    env = policyEnvironment().clone();
    for (const v of variables) env.registerVariable(v, 'dyn');
  } catch {
    return null;
  }
  if (environments.size < ENV_CACHE_SIZE) environments.set(key, env);
  return env;
}
