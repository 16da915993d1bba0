import { evaluateChangeSet } from '../../engine';
import type { CompiledPolicy } from '../../engine';
import type { Activation } from '../../engine/cel/compile-expression';
import { compileExpression } from '../../engine/cel/compile-expression';
import { UnknownValueError, withUnknowns } from '../../engine/cel/unknown-value';
import { describeError } from '../../engine/compile/describe-error';
import { changesetVariable } from '../../engine/evaluate/evaluate-changeset';
import { labelsOf, resourceView } from '../../engine/evaluate/resource-view';
import { InputError, NotFoundError } from '../../model/errors';
import type { FindingStatus } from '../../model/finding';
import type { ResourceChange } from '../../model/resource-change';
import type { Workspace } from '../../store';
import { topLevelClauses, fieldReferences } from './condition-clauses';
import type { ConditionSpan } from './condition-clauses';
import { sharedImpactCaches } from './impact-job';
import type { ImpactDraft, ImpactJobOptions } from './impact-job';
import { baselineEvaluation } from './impact-targets';
import { loadDraft } from './load-draft';
import { renderValue } from './render-value';

export interface ExplainFindingInput extends ImpactDraft {
  readonly digest: string;
  readonly resourceIndex: number;
  readonly policy: string;
}

/**
 * Why a policy of the draft decides what it decides on one resource. `outcome`: the finding's
 * status, `pass`, or `not-matched` (the policy does not look at this resource).
 */
export interface FindingExplanation {
  readonly outcome: FindingStatus | 'pass' | 'not-matched';
  /** False when the draft disables the policy: it is explained as if it were enabled. */
  readonly enabled: boolean;
  /** The evaluation time used (that of the change set's current stored evaluation). */
  readonly at: string;
  /** The top-level clause (conjunct) of the condition that is false, or errs, or is unknown; null on a pass or no match. */
  readonly clause: ConditionSpan | null;
  /** The fields that clause reads and their values, from the masked model. */
  readonly values: readonly { readonly expression: string; readonly value: string }[];
  /** The finding's message as the engine writes it ('' when there is no finding). */
  readonly message: string;
}

export type ExplainFindingResult = { readonly ok: true; readonly explanation: FindingExplanation } | { readonly ok: false; readonly problem: { readonly line?: number; readonly column?: number; readonly message: string } };

/**
 * Explains one (resource, policy) of a stored change set under an unsaved contract: the
 * outcome and message as the engine gives them, the first top-level clause of the condition
 * that does not hold, and the values of the fields that clause reads. Values come from the
 * model the loaders built, where sensitive values are already masked. Reads only.
 */
export function explainFinding(ws: Workspace, input: ExplainFindingInput, options: Pick<ImpactJobOptions, 'policyCache' | 'changeSetCache'> = {}): ExplainFindingResult {
  const shared = sharedImpactCaches();
  const draft = loadDraft(input.contract, input.text, options.policyCache ?? shared.policyCache);
  if (!draft.ok) return draft;
  const cp = draft.compiled.policies.find((p) => p.policy.id === input.policy);
  if (!cp) throw new InputError(input.contract, `the draft has no policy "${input.policy}"`);
  const { changeSet } = (options.changeSetCache ?? shared.changeSetCache).load(ws, input.digest);
  const r = Number.isSafeInteger(input.resourceIndex) ? changeSet.resources[input.resourceIndex] : undefined;
  if (!r) throw new NotFoundError(input.digest, `has no resource ${String(input.resourceIndex)} (it has ${changeSet.resources.length})`);
  const baseline = baselineEvaluation(ws, input.contract, input.digest);
  const at = baseline ? new Date(baseline.at) : new Date(changeSet.metadata.plannedApplyAt || Date.now());

  // The engine's own answer for this resource and policy (enabled, so a disabled one is explained too).
  const alone: CompiledPolicy = cp.policy.enabled ? cp : Object.create(cp, { policy: { value: { ...cp.policy, enabled: true }, enumerable: true } });
  const result = evaluateChangeSet({ ...changeSet, resources: [r] }, { contract: draft.compiled.contract, policies: [alone] }, { at });
  const finding = result.findings.find((f) => f.policy === cp.policy.id);
  const matched = (result.summary.matchedByPolicy?.[cp.policy.id] ?? 0) > 0 || finding !== undefined;
  const base = { enabled: cp.policy.enabled, at: result.at };
  if (!finding) return { ok: true, explanation: { ...base, outcome: matched ? 'pass' : 'not-matched', clause: null, values: [], message: '' } };

  const activation = activationFor(changeSet, r, cp, at);
  const clause = activation ? failingClause(cp.policy.condition, activation, r.unknownPaths.length > 0) : null;
  const values = clause && activation ? fieldReferences(clause.text).map((ref) => ({ expression: ref.text, value: valueOf(ref.text, activation, r.unknownPaths.length > 0) })) : [];
  return { ok: true, explanation: { ...base, outcome: finding.status, clause, values, message: finding.message } };
}

/** The activation the engine gives this resource (evaluate-changeset.ts), or null when its view cannot be built. */
function activationFor(changeSet: Parameters<typeof changesetVariable>[0], r: ResourceChange, cp: CompiledPolicy, at: Date): Activation | null {
  try {
    const partial = r.unknownPaths.length > 0;
    const after = partial ? withUnknowns(r.after ?? null, r.unknownPaths) : r.after;
    const view = resourceView(r, partial ? labelsOf(r, after) : labelsOf(r));
    return { resource: view, object: after ?? null, oldObject: r.before ?? null, params: cp.params, changeset: changesetVariable(changeSet), now: at };
  } catch {
    return null;
  }
}

type ClauseResult = 'true' | 'false' | 'error' | 'unknown';

function run(text: string, activation: Activation, partial: boolean): ClauseResult {
  try {
    const compiled = compileExpression(text);
    const v = partial ? compiled.runPartial(activation) : compiled.run(activation);
    return v === true ? 'true' : v === false ? 'false' : 'error';
  } catch (err) {
    return err instanceof UnknownValueError ? 'unknown' : 'error';
  }
}

/**
 * The first clause that is false; else the first that errs or is unknown (CEL's && is false
 * when any side is false, whatever errors the others raise); else the whole condition.
 */
function failingClause(condition: string, activation: Activation, partial: boolean): ConditionSpan {
  let clauses: ConditionSpan[];
  try {
    clauses = topLevelClauses(condition);
  } catch {
    return { start: 0, end: condition.length, text: condition };
  }
  const results = clauses.map((c) => run(c.text, activation, partial));
  const at = results.indexOf('false');
  const other = results.findIndex((x) => x !== 'true');
  const pick = at >= 0 ? at : other;
  return pick >= 0 ? clauses[pick]! : { start: 0, end: condition.length, text: condition };
}

function valueOf(expression: string, activation: Activation, partial: boolean): string {
  try {
    const compiled = compileExpression(expression);
    return renderValue(partial ? compiled.runPartial(activation) : compiled.run(activation));
  } catch (err) {
    if (err instanceof UnknownValueError) return '(known only after apply)';
    return `<${describeError(err)}>`;
  }
}
