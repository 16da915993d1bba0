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

/** The declared kind of a parameter (countersign.dev/v3, baseline 3): what values it takes and how the editor shows it. */
export type PolicyParamType =
  | 'string' | 'string-list' | 'registry-list' | 'namespace-list' | 'label-list' | 'tag-list' | 'label-map'
  | 'windows' | 'number' | 'integer' | 'number-list' | 'boolean';
export const POLICY_PARAM_TYPES: readonly PolicyParamType[] = [
  'string', 'string-list', 'registry-list', 'namespace-list', 'label-list', 'tag-list', 'label-map',
  'windows', 'number', 'integer', 'number-list', 'boolean',
];

export interface PolicyParameter {
  readonly description: string;
  /** Default value when the contract sets none. */
  readonly default: unknown;
  /** Declared kind; absent (frozen packs 1 and 2, older contracts): the kind of the default. */
  readonly type?: PolicyParamType;
  /** Bounds of a number/integer (or of each number in a list). */
  readonly min?: number;
  readonly max?: number;
  /** RE2 pattern a string, or each item of a list, must match in full. */
  readonly pattern?: string;
  /** An empty value makes the policy allow everything ("not configured"). */
  readonly noopWhenEmpty?: boolean;
}

interface TestCaseBase {
  readonly name: string;
  /** Parameter values for this case (merged over the defaults, or the contract's values). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Evaluation time (ISO) for time-dependent policies. */
  readonly at?: string;
}

/** A test whose input is a change-set file next to the policy (packs, `countersign test`). */
export interface FileTestCase extends TestCaseBase {
  /** Input file, relative to the policy folder. */
  readonly input: string;
  /** Addresses expected to fail; every other matched resource must pass. */
  readonly expectFail: readonly string[];
  /** Addresses expected to error (fail closed). */
  readonly expectError?: readonly string[];
  /** Addresses whose result depends on values unknown until apply (an `unknown` finding). */
  readonly expectUnknown?: readonly string[];
}

/** What a resource comes to under a policy: `pass` means no finding. */
export type TestOutcome = 'fail' | 'pass' | 'error' | 'unknown';
export const TEST_OUTCOMES: readonly TestOutcome[] = ['fail', 'pass', 'error', 'unknown'];

/**
 * One resource written inline (countersign.dev/v3 contract tests): the fields of a
 * ResourceChange as the masked model holds them. Omitted fields take the value a loader would
 * give (policy-tests/resource-fixture.ts), so a fixture evaluates exactly like a loaded resource.
 */
export interface ResourceFixture {
  readonly source: ResourceSource;
  readonly type: string;
  readonly address: string;
  readonly action: ResourceAction;
  readonly name?: string;
  readonly namespace?: string;
  readonly clusterScoped?: boolean;
  readonly apiVersion?: string;
  readonly actions?: readonly string[];
  readonly mode?: 'managed' | 'data';
  readonly before?: unknown;
  readonly after?: unknown;
  readonly unknownPaths?: readonly string[];
  readonly sensitivePaths?: readonly string[];
  readonly drift?: boolean;
  readonly component?: string;
  readonly module?: string;
  readonly actionReason?: string;
  readonly usedBy?: readonly string[];
}

/** A test with its resource inline and the one outcome it must come to. */
export interface InlineTestCase extends TestCaseBase {
  readonly resource: ResourceFixture;
  readonly expect: TestOutcome;
}

export type PolicyTestCase = FileTestCase | InlineTestCase;

export function isInlineTest(t: PolicyTestCase): t is InlineTestCase {
  return 'resource' in t;
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
  /** Standard controls it implements (`<standard>:<control>`); absent when the file writes none. */
  readonly controls?: readonly string[];
  /** The pack it came from ('' for the contract's own policies). */
  readonly pack: string;
  readonly tests: readonly PolicyTestCase[];
  /** Where the policy is defined, for error messages. */
  readonly definedAt: SourceLocation;
  /** Where `condition`, `message` and `path` start in `definedAt.file` (absent when built in code). */
  readonly expressionAt?: Readonly<Partial<Record<'condition' | 'message' | 'path', ExpressionSource>>>;
}
