import type { ChangeSet } from '../model/changeset';
import type { Explanation } from '../model/explanation';
import type { Evaluation, EvaluationSummary, Finding } from '../model/finding';
import type { Enforcement, Policy } from '../model/policy';
import { ENFORCEMENTS, SEVERITIES } from '../model/policy';
import type { ResourceChange } from '../model/resource-change';
import { RESOURCE_ACTIONS } from '../model/resource-change';

/**
 * What a report needs from a contract. The engine's ResolvedContract satisfies it; keeping
 * the reports on this narrow shape lets them be tested with hand-made objects.
 */
export interface ReportContract {
  readonly name: string;
  readonly vendor: string;
  readonly digest: string;
  readonly source: string;
  readonly policies: readonly Policy[];
}

/** Everything every report is a pure function of. */
export interface ReportInput {
  readonly changeSet: ChangeSet;
  readonly contract: ReportContract;
  readonly evaluation: Evaluation;
  /**
   * Why each finding fired (engine/explain explainFindings), aligned with evaluation.findings;
   * null for a finding with none. Optional: reports without it print no explanation. Never
   * part of the evaluation digest (that covers `Finding` only).
   */
  readonly explanations?: readonly (Explanation | null)[];
}

/** The explanation of each finding of the input, by finding. */
export function explanationsByFinding(input: Pick<ReportInput, 'evaluation' | 'explanations'>): ReadonlyMap<Finding, Explanation> {
  const out = new Map<Finding, Explanation>();
  const list = input.explanations;
  if (!list) return out;
  input.evaluation.findings.forEach((f, i) => {
    const e = list[i];
    if (e) out.set(f, e);
  });
  return out;
}

/**
 * Maps a finding's file (bundle-relative, or a bare file's name) to the path the reader
 * knows it by (e.g. the bundle folder joined in). Reports for people and tools that open
 * files use it; the JSON report keeps the model's paths.
 */
export type DisplayPath = (file: string) => string;

export const asIs: DisplayPath = (file) => file;

/** Policies the evaluation actually ran (disabled ones are skipped by the engine). */
export function policiesInForce(contract: ReportContract): readonly Policy[] {
  return contract.policies.filter((p) => p.enabled);
}

/** Blocking levels first: the order findings are listed in. */
export const ENFORCEMENT_ORDER: readonly Enforcement[] = ['mandatory', 'deny', 'approval', 'advisory'];

export function findingsByEnforcement(findings: readonly Finding[]): ReadonlyMap<Enforcement, readonly Finding[]> {
  const groups = new Map<Enforcement, Finding[]>();
  for (const level of ENFORCEMENT_ORDER) groups.set(level, []);
  for (const f of findings) groups.get(f.enforcement)?.push(f);
  return groups;
}

/**
 * A count record with a stable key order (the model's order for known keys, then the rest
 * sorted), so two runs over the same input print byte-identical reports.
 */
export function orderedCounts(counts: Readonly<Record<string, number>>, known: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of known) if (Object.hasOwn(counts, key)) out[key] = counts[key] ?? 0;
  for (const key of Object.keys(counts).sort()) if (!Object.hasOwn(out, key)) out[key] = counts[key] ?? 0;
  return out;
}

export const ACTION_KEYS: readonly string[] = RESOURCE_ACTIONS;
export const ENFORCEMENT_KEYS: readonly string[] = ENFORCEMENTS;
export const SEVERITY_KEYS: readonly string[] = SEVERITIES;

/** Resources per action category, drift its own (as in the app's review list). */
export interface ResourceCategories {
  /** Changes the plan makes, per action; drift entries are not among them. */
  readonly byAction: Readonly<Record<string, number>>;
  /** Entries that changed outside the pipeline (Terraform `resource_drift`): not changes this plan makes. */
  readonly drift: number;
}

/**
 * The evaluation counts each resource under its action, a drift entry included (a drifted
 * attribute reads as an `update`). Reports count drift apart: each drift resource is taken out
 * of its action's count and counted as drift.
 */
export function resourceCategories(summary: Pick<EvaluationSummary, 'byAction'>, resources: readonly Pick<ResourceChange, 'action' | 'drift'>[]): ResourceCategories {
  const byAction: Record<string, number> = { ...summary.byAction };
  let drift = 0;
  for (const r of resources) {
    if (!r.drift) continue;
    drift++;
    const left = (byAction[r.action] ?? 0) - 1;
    if (left > 0) byAction[r.action] = left;
    else delete byAction[r.action];
  }
  return { byAction, drift };
}
