import type { ResourceAction, ResourceSource, SourceLocation } from './resource-change';

export type Enforcement = 'advisory' | 'approval' | 'deny' | 'mandatory';
export const ENFORCEMENTS: readonly Enforcement[] = ['advisory', 'approval', 'deny', 'mandatory'];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Which resources a policy looks at. Every listed criterion must hold; an absent one matches all. */
export interface PolicyMatch {
  readonly sources?: readonly ResourceSource[];
  /** Glob patterns over `type` (Terraform type, Kubernetes kind, `image`). */
  readonly types?: readonly string[];
  /** Default: every action except `no-op` and `read`. */
  readonly actions?: readonly ResourceAction[];
  /** Glob patterns over the Kubernetes namespace. */
  readonly namespaces?: readonly string[];
  /** Kubernetes labels / Terraform tags that must be present with these values ('*' = any value). */
  readonly labels?: Readonly<Record<string, string>>;
  /** true: only drift changes; false: never drift; absent: both. */
  readonly drift?: boolean;
}

export interface PolicyParameter {
  readonly description: string;
  /** Default value when the contract sets none. */
  readonly default: unknown;
}

export interface PolicyTestCase {
  readonly name: string;
  /** Input file, relative to the policy folder. */
  readonly input: string;
  /** Parameter values for this case (merged over the defaults). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Evaluation time (ISO) for time-dependent policies. */
  readonly at?: string;
  /** Addresses expected to fail; every other matched resource must pass. */
  readonly expectFail: readonly string[];
  /** Addresses expected to error (fail closed). */
  readonly expectError?: readonly string[];
  /** Addresses whose result depends on values unknown until apply (an `unknown` finding). */
  readonly expectUnknown?: readonly string[];
}

/**
 * Where a CEL field's text starts in the file that defines the policy, so a compile error can
 * name the exact line and column.
 */
export interface ExpressionSource {
  readonly line: number;
  readonly column: number;
  /** True when each line of the expression is one file line starting at `column` (YAML `|` block). */
  readonly linesAligned: boolean;
}

export interface Policy {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly enforcement: Enforcement;
  readonly enabled: boolean;
  /**
   * Shadow mode (countersign.dev/v3 overrides): evaluated and reported, never blocks and never
   * needs approval, until promoted. Absent means false (and keeps v1/v2 digests unchanged).
   */
  readonly shadow?: boolean;
  readonly match: PolicyMatch;
  /** CEL expression that must be true for a compliant resource. */
  readonly condition: string;
  /** Message for a failing resource; `{{ cel }}` segments are interpolated. */
  readonly message: string;
  /** Optional CEL expression giving the field path (list of string/int) the finding points at. */
  readonly path?: string;
  readonly parameters: Readonly<Record<string, PolicyParameter>>;
  /** How to fix it; shown next to a finding. */
  readonly remediation: string;
  readonly tags: readonly string[];
  /** The pack it came from ('' for the contract's own policies). */
  readonly pack: string;
  readonly tests: readonly PolicyTestCase[];
  /** Where the policy is defined, for error messages. */
  readonly definedAt: SourceLocation;
  /** Where `condition`, `message` and `path` start in `definedAt.file` (absent when built in code). */
  readonly expressionAt?: Readonly<Partial<Record<'condition' | 'message' | 'path', ExpressionSource>>>;
}
