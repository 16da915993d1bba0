import type { Enforcement, Severity } from './policy';
import type { ResourceSource, SourceLocation } from './resource-change';

export type FindingStatus = 'fail' | 'error';
export type Verdict = 'blocked' | 'needs-approval' | 'pass';

export interface FindingResource {
  readonly address: string;
  readonly source: ResourceSource;
  readonly type: string;
  readonly action: string;
  readonly drift: boolean;
}

/** (policy, resource) → fail or error. Passing pairs are not findings. */
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
}

export interface EvaluationSummary {
  readonly resources: number;
  readonly byAction: Readonly<Record<string, number>>;
  readonly findings: number;
  readonly byEnforcement: Readonly<Record<string, number>>;
  readonly bySeverity: Readonly<Record<string, number>>;
  readonly errors: number;
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
