import type { Enforcement, Severity } from '../model/policy';
import type { EvaluationSummary, Finding, FindingStatus, Verdict } from '../model/finding';
import type { ResourceSource } from '../model/resource-change';
import type { EnforcementCounts, SeverityCounts, StoredEvaluation, StoredFinding } from './types';

/** The count columns shared by evaluations rows and inbox rows. */
export interface CountColumns {
  readonly finding_count: number;
  readonly error_count: number;
  readonly critical_count: number;
  readonly high_count: number;
  readonly medium_count: number;
  readonly low_count: number;
  readonly info_count: number;
  readonly advisory_count: number;
  readonly approval_count: number;
  readonly deny_count: number;
  readonly mandatory_count: number;
}

export interface EvaluationRow extends CountColumns {
  readonly id: number;
  readonly change_set_digest: string;
  readonly contract_digest: string;
  readonly engine_version: string;
  readonly at: string;
  readonly evaluated_at: string;
  readonly verdict: Verdict;
  readonly digest: string;
  readonly summary: string;
}

export interface FindingRow {
  readonly id: number;
  readonly evaluation_id: number;
  readonly policy: string;
  readonly title: string;
  readonly address: string;
  readonly source: ResourceSource;
  readonly type: string;
  readonly action: string;
  readonly drift: number;
  readonly status: FindingStatus;
  readonly enforcement: Enforcement;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly origin: string | null;
  readonly remediation: string;
  /** 1 for a finding of a policy in shadow mode (migration 3). */
  readonly shadow: number;
  /** JSON array of the other policy ids of a same-control finding, or NULL (migration 11). */
  readonly also_policies: string | null;
}

export function severityCounts(r: CountColumns): SeverityCounts {
  return { critical: r.critical_count, high: r.high_count, medium: r.medium_count, low: r.low_count, info: r.info_count };
}

export function enforcementCounts(r: CountColumns): EnforcementCounts {
  return { advisory: r.advisory_count, approval: r.approval_count, deny: r.deny_count, mandatory: r.mandatory_count };
}

export function toStoredEvaluation(r: EvaluationRow): StoredEvaluation {
  return {
    id: r.id,
    changeSetDigest: r.change_set_digest,
    contractDigest: r.contract_digest,
    engineVersion: r.engine_version,
    at: r.at,
    evaluatedAt: r.evaluated_at,
    verdict: r.verdict,
    digest: r.digest,
    summary: JSON.parse(r.summary) as EvaluationSummary,
    findingCount: r.finding_count,
    errorCount: r.error_count,
    bySeverity: severityCounts(r),
    byEnforcement: enforcementCounts(r),
  };
}

export function toStoredFinding(r: FindingRow): StoredFinding {
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    policy: r.policy,
    title: r.title,
    resource: { address: r.address, source: r.source, type: r.type, action: r.action, drift: r.drift !== 0 },
    status: r.status,
    enforcement: r.enforcement,
    severity: r.severity,
    message: r.message,
    location: r.origin === null ? { file: r.file, line: r.line, column: r.column } : { file: r.file, line: r.line, column: r.column, origin: r.origin },
    remediation: r.remediation,
    ...(r.shadow === 1 ? { shadow: true as const } : {}),
    ...(r.also_policies !== null ? { alsoPolicies: alsoPoliciesOf(r.also_policies) } : {}),
  };
}

/** The findings columns in the order toStoredFindingRaw reads them (SELECT them in this order). */
export const FINDING_COLUMNS = 'id, evaluation_id, policy, title, address, source, type, action, drift, status, enforcement, severity, message, file, line, "column", origin, remediation, shadow, also_policies';

/**
 * toStoredFinding of a row read in raw mode (values in FINDING_COLUMNS order): the review reads
 * all 7,700 findings of a 15k change set when it reopens, and raw rows cost better-sqlite3 about
 * half the CPU of rows as objects (no object with 20 named keys built per row, then dropped).
 */
export function toStoredFindingRaw(r: readonly unknown[]): StoredFinding {
  const origin = r[16] as string | null;
  const alsoPolicies = r[19] as string | null;
  return {
    id: r[0] as number,
    evaluationId: r[1] as number,
    policy: r[2] as string,
    title: r[3] as string,
    resource: { address: r[4] as string, source: r[5] as ResourceSource, type: r[6] as string, action: r[7] as string, drift: r[8] !== 0 },
    status: r[9] as FindingStatus,
    enforcement: r[10] as Enforcement,
    severity: r[11] as Severity,
    message: r[12] as string,
    location: origin === null ? { file: r[13] as string, line: r[14] as number, column: r[15] as number } : { file: r[13] as string, line: r[14] as number, column: r[15] as number, origin },
    remediation: r[17] as string,
    ...(r[18] === 1 ? { shadow: true as const } : {}),
    ...(alsoPolicies !== null ? { alsoPolicies: alsoPoliciesOf(alsoPolicies) } : {}),
  };
}

/** A stored also_policies value: the column's CHECK keeps it an array; anything but strings in it is refused. */
function alsoPoliciesOf(json: string): readonly string[] {
  const v = JSON.parse(json) as unknown;
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) throw new Error('findings.also_policies is not a list of policy ids');
  return v;
}

/** A UTF-16 surrogate not in a pair (in `u` mode a pair is one code point, never matched). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The finding `f` as toStoredFinding reads back the row just inserted for it, or null when its
 * text would not read back the same: SQLite keeps UTF-8, and a lone surrogate (a vendor's
 * `\ud800` escape) comes back as replacement characters whose number depends on the driver.
 */
export function storedFindingOf(id: number, evaluationId: number, f: Finding): StoredFinding | null {
  const l = f.location;
  const texts = [f.policy, f.title, f.resource.address, f.resource.type, f.resource.action, f.message, l.file, l.origin ?? '', f.remediation];
  if (texts.some((t) => typeof t !== 'string' || LONE_SURROGATE.test(t))) return null;
  return {
    id,
    evaluationId,
    policy: f.policy,
    title: f.title,
    resource: { address: f.resource.address, source: f.resource.source, type: f.resource.type, action: f.resource.action, drift: Boolean(f.resource.drift) },
    status: f.status,
    enforcement: f.enforcement,
    severity: f.severity,
    message: f.message,
    location: l.origin === undefined || l.origin === null ? { file: l.file, line: l.line, column: l.column } : { file: l.file, line: l.line, column: l.column, origin: l.origin },
    remediation: f.remediation,
    ...(f.shadow === true ? { shadow: true as const } : {}),
    ...(f.alsoPolicies !== undefined && f.alsoPolicies.length > 0 ? { alsoPolicies: f.alsoPolicies } : {}),
  };
}
