import type { ExplainedValue, Explanation, FailingElement } from '../../model/explanation';
import { printable } from '../../model/printable-text';
import type { FieldPath, ResourceChange } from '../../model/resource-change';
import type { Activation } from '../cel/compile-expression';
import { withUnknowns } from '../cel/unknown-value';
import type { CompiledPolicy } from '../compile/compile-policy';
import { labelsOf, resourceView, runsPartially } from '../evaluate/resource-view';
import type { PathRun } from '../evaluate/evaluate-changeset';
import { conditionPlan } from './explain-plan';
import type { ClausePlan, PlanNode } from './explain-plan';
import { failingElement } from './failing-element';
import { renderSeen } from './render-value';
import { oneLine, runProgram, truthOf } from './run-program';
import type { Outcome } from './run-program';

/** What the activation needs besides the resource and the policy (the same as the evaluation's). */
export interface ExplainInputs {
  /** The `changeset` variable (evaluate-changeset.ts changesetVariable). */
  readonly changeset: Readonly<Record<string, string>>;
  /** The evaluation time (`now`). */
  readonly at: Date;
}

const UNKNOWN = '(known after apply)';

/**
 * Explains one policy on one resource by evaluating its condition's top-level clauses and their
 * sub-expressions with the engine's CEL, on the activation the engine gives that resource. Each
 * clause is compiled once per condition (explain-plan.ts), not per finding. Values come from
 * the resource's model, where sensitive values are already masked; values known only after
 * apply read `(known after apply)`. Never throws: what cannot be worked out is said in `note`.
 */
export function explainFinding(cp: CompiledPolicy, r: ResourceChange, inputs: ExplainInputs, resource: PreparedResource = prepareResource(r)): Explanation {
  const condition = cp.policy.condition;
  try {
    const partial = runsPartially(r, cp.policy);
    const prepared = activationFor(cp, resource, inputs);
    if (!prepared.ok) return { condition, clause: null, choices: [], parts: [], values: [], field: null, note: prepared.note };
    const field = resource.ok && resource.paths?.has(cp.policy.id) ? keptField(resource.paths.get(cp.policy.id) ?? null) : fieldOf(cp, prepared.activation, partial);
    const plan = conditionPlan(condition);
    const notes: string[] = plan.splitProblem ? [plan.splitProblem] : [];
    const deciding = decidingClause(plan.root, prepared.activation, partial, []);
    if (!deciding) return { condition, clause: null, choices: [], parts: [], values: [], field, ...(notes.length ? { note: notes.join('; ') } : {}) };
    const { clause, outcome } = deciding;
    const activation = deciding.activation;
    if (outcome.kind === 'error') notes.push(`the clause could not be evaluated: ${outcome.message}`);
    if (outcome.kind === 'unknown') notes.push('the clause depends on values known only after apply');
    const values = clause.references().map((ref) => ({ expression: abbreviated(ref.span.text), value: shown(runProgram(ref.program, activation, partial), activation) }));
    const pieces = clause.parts();
    const parts = pieces.length > 1
      ? pieces.map((p) => ({ start: clause.span.start + p.span.start, end: clause.span.start + p.span.end, text: p.span.text, value: shown(runProgram(p.program, activation, partial), activation) }))
      : [];
    let element: FailingElement | undefined;
    for (const macro of clause.macros()) {
      const found = failingElement(macro, activation, partial);
      if (found) {
        element = found;
        break;
      }
    }
    return { condition, clause: clause.span, choices: deciding.choices, parts, values, ...(element ? { element } : {}), field, ...(notes.length ? { note: notes.join('; ') } : {}) };
  } catch (err) {
    // Unreachable by design (every step catches); the explanation is never worth a crash.
    return { condition, clause: null, choices: [], parts: [], values: [], field: null, note: `could not explain: ${oneLine(err instanceof Error ? err.message : String(err))}` };
  }
}

interface Deciding {
  readonly clause: ClausePlan;
  readonly outcome: Outcome;
  /** The tests of the choices taken and the names bound on the way to it, with their values. */
  readonly choices: readonly ExplainedValue[];
  /** The activation the clause was judged on (with the cel.bind names around it). */
  readonly activation: Activation;
}

/**
 * The clause that decides: the first conjunct that is false (CEL's && is false when any side
 * is, whatever errors the others raise), else the first that errs or is unknown; null when
 * every conjunct holds. A choice `t ? a : b` is followed into the branch its test takes, and a
 * `cel.bind(x, init, body)` into its body with x bound, whose conjuncts are judged the same
 * way; a test or init that cannot be worked out leaves the whole conjunct as the clause.
 */
function decidingClause(nodes: readonly PlanNode[], activation: Activation, partial: boolean, taken: readonly ExplainedValue[]): Deciding | null {
  // A false clause is the answer; else the first that is not true (error or unknown). Inline,
  // not a closure: the CLI bundle defines a name on every named closure it makes (keepNames).
  let other: Deciding | null = null;
  for (const node of nodes) {
    if (node.kind === 'choice') {
      const test = truthOf(runProgram(node.test.program(), activation, partial));
      if (test === 'true' || test === 'false') {
        const inner = decidingClause(test === 'true' ? node.then : node.otherwise, activation, partial, [...taken, { expression: abbreviated(node.test.span.text), value: test }]);
        if (inner) {
          if (truthOf(inner.outcome) === 'false') return inner;
          other ??= inner;
        }
        continue;
      }
    } else if (node.kind === 'bind') {
      const init = runProgram(node.init.program(), activation, partial);
      if (init.kind === 'value') {
        const bound = { ...activation, [node.variable]: init.value };
        const inner = decidingClause(node.body, bound, partial, [...taken, { expression: node.variable, value: renderSeen(init.value, activation) }]);
        if (inner) {
          if (truthOf(inner.outcome) === 'false') return inner;
          other ??= inner;
        }
        continue;
      }
    }
    const clause = node.kind === 'clause' ? node.clause : node.whole;
    const outcome = runProgram(clause.program(), activation, partial);
    const truth = truthOf(outcome);
    if (truth === 'true') continue;
    const deciding: Deciding = { clause, choices: taken, activation, outcome: outcome.kind === 'value' && truth === 'error' ? { kind: 'error', message: `returned ${renderSeen(outcome.value, activation)}, not a bool` } : outcome };
    if (truthOf(deciding.outcome) === 'false') return deciding;
    other ??= deciding;
  }
  return other;
}

const MAX_EXPRESSION_CHARS = 160;
/** abbreviated() by expression: thousands of findings of one policy show the same few sub-expressions. */
const abbreviations = new Map<string, string>();
const MAX_ABBREVIATIONS = 4096;

/** A sub-expression for display: on one line, a long one (a whole branch of a baseline condition) by its start and end, printable. */
function abbreviated(expression: string): string {
  const hit = abbreviations.get(expression);
  if (hit !== undefined) return hit;
  const text = expression.replace(/\s+/g, ' ');
  const t = text.length > MAX_EXPRESSION_CHARS ? `${text.slice(0, 110)} … ${text.slice(-40)}` : text;
  const out = printable(t);
  if (abbreviations.size >= MAX_ABBREVIATIONS) abbreviations.clear();
  abbreviations.set(expression, out);
  return out;
}

function shown(o: Outcome, activation: Activation): string {
  return o.kind === 'value' ? renderSeen(o.value, activation) : o.kind === 'unknown' ? UNKNOWN : `<${o.message}>`;
}

type Prepared = { readonly ok: true; readonly activation: Activation } | { readonly ok: false; readonly note: string };

/**
 * The `resource` and `object` the engine gives a resource (evaluate-changeset.ts), built once
 * for all the findings on that resource, as the evaluation builds them once for all its
 * policies (the same unknown sentinels, the same view: nothing here mutates them).
 */
export type PreparedResource =
  | { readonly ok: true; readonly view: unknown; readonly object: unknown; readonly oldObject: unknown; readonly paths?: ReadonlyMap<string, PathRun> }
  | { readonly ok: false; readonly note: string };

export function prepareResource(r: ResourceChange): PreparedResource {
  try {
    const partial = r.unknownPaths.length > 0;
    const after = partial ? withUnknowns(r.after ?? null, r.unknownPaths) : r.after;
    const view = resourceView(r, partial ? labelsOf(r, after) : labelsOf(r));
    return { ok: true, view, object: after ?? null, oldObject: r.before ?? null };
  } catch (err) {
    return { ok: false, note: `the resource could not be prepared for evaluation: ${oneLine(err instanceof Error ? err.message : String(err))}` };
  }
}

/** The activation the engine gives this resource under this policy. */
function activationFor(cp: CompiledPolicy, prepared: PreparedResource, inputs: ExplainInputs): Prepared {
  if (!prepared.ok) return prepared;
  return { ok: true, activation: { resource: prepared.view, object: prepared.object, oldObject: prepared.oldObject, params: cp.params, changeset: inputs.changeset, now: inputs.at } };
}

/** The policy's `path` on this resource, as the engine reads it (a list of strings and integers), or null. */
function fieldOf(cp: CompiledPolicy, activation: Activation, partial: boolean): FieldPath | null {
  let path: CompiledPolicy['path'];
  try {
    path = cp.path;
  } catch {
    return null;
  }
  if (!path) return null;
  const o = runProgram({ ok: true, expression: path }, activation, partial);
  return o.kind === 'value' ? toFieldPath(o.value) : null;
}

/** fieldOf from what the evaluation's run of the same `path` on the same activation gave (evaluate-changeset.ts PathRun). */
function keptField(run: PathRun): FieldPath | null {
  return run ? toFieldPath(run.value) : null;
}

/** A CEL list of strings/ints → FieldPath (as evaluate-changeset.ts reads `path`), or null when it is anything else. */
function toFieldPath(v: unknown): FieldPath | null {
  if (!Array.isArray(v)) return null;
  const out: (string | number)[] = [];
  for (const step of v) {
    if (typeof step === 'string') out.push(step);
    else if (typeof step === 'bigint' && step >= 0n && step <= BigInt(Number.MAX_SAFE_INTEGER)) out.push(Number(step));
    else if (typeof step === 'number' && Number.isSafeInteger(step)) out.push(step);
    else return null;
  }
  return out;
}
