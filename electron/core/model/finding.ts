import type { Enforcement, Severity } from './policy';
import type { ResourceSource, SourceLocation } from './resource-change';

/**
 * fail: the condition is false. error: it could not be evaluated (fail closed). unknown: the
 * answer depends on values known only after apply (Terraform `after_unknown`); the message
 * names them. An unknown never weighs more than a failure of the same policy, and at least
 * needs approval (core/base/verdict.ts).
 */
export type FindingStatus = 'fail' | 'error' | 'unknown';
export const FINDING_STATUSES: readonly FindingStatus[] = ['fail', 'error', 'unknown'];
export type Verdict = 'blocked' | 'needs-approval' | 'pass';

export interface FindingResource {
  readonly address: string;
  readonly source: ResourceSource;
  readonly type: string;
  readonly action: string;
  readonly drift: boolean;
}

/** (policy, resource) → fail, error or unknown. Passing pairs are not findings. */
export interface Finding {
  readonly policy: string;
  readonly title: string;
  readonly resource: FindingResource;
  readonly status: FindingStatus;
  readonly enforcement: Enforcement;
  readonly severity: Severity;
  readonly message: string;
  readonly location: SourceLocation;
  readonly remediation: string;
  /**
   * The policy is in shadow mode (countersign.dev/v3): reported, stored and digested, but it
   * weighs nothing (base/verdict.ts). Only `true` is ever written, so the findings of other
   * policies, and evaluation digests signed before shadow existed, are unchanged.
   */
  readonly shadow?: true;
  /**
   * Other policies of the contract that implement the same standard control and fired on the
   * same resource (engine/evaluate/merge-same-controls.ts, countersign-engine/5): reported once,
   * here. Sorted; written only when non-empty, so every other finding digests as before.
   */
  readonly alsoPolicies?: readonly string[];
}

export interface EvaluationSummary {
  readonly resources: number;
  readonly byAction: Readonly<Record<string, number>>;
  readonly findings: number;
  readonly byEnforcement: Readonly<Record<string, number>>;
  readonly bySeverity: Readonly<Record<string, number>>;
  readonly errors: number;
  /** Findings with status `unknown` (absent in evaluations made before the status existed). */
  readonly unknowns?: number;
  /** policy × resource pairs considered, and how many reached CEL evaluation. */
  readonly checks: number;
  readonly evaluations: number;
  /** Optional: resources each policy matched (policy id → count); JUnit's `tests` per policy. */
  readonly matchedByPolicy?: Readonly<Record<string, number>>;
}

export interface Evaluation {
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  readonly summary: EvaluationSummary;
  /** The evaluation time (ISO) used for `now` and maintenance windows. */
  readonly at: string;
  readonly engineVersion: string;
}
