import { evaluateChangeSet } from '../../engine';
import type { CompiledPolicy } from '../../engine';
import { changesetVariable } from '../../engine/evaluate/evaluate-changeset';
import { explainFinding as explainPolicy } from '../../engine/explain';
import type { ConditionSpan } from '../../engine/explain';
import { InputError, NotFoundError } from '../../model/errors';
import type { FindingStatus } from '../../model/finding';
import type { Workspace } from '../../store';
import { sharedImpactCaches } from './impact-job';
import type { ImpactDraft, ImpactJobOptions } from './impact-job';
import { baselineEvaluation } from './impact-targets';
import { loadDraft } from './load-draft';

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
  /**
   * The clause of the condition that is false, or errs, or is unknown (engine/explain: a
   * top-level conjunct, or one inside the choice branch or cel.bind body taken); null on a pass or no match.
   */
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

  const explained = explainPolicy(cp, r, { changeset: changesetVariable(changeSet), at });
  const clause = explained.clause ?? { start: 0, end: cp.policy.condition.length, text: cp.policy.condition };
  const values = explained.values;
  return { ok: true, explanation: { ...base, outcome: finding.status, clause, values, message: finding.message } };
}
