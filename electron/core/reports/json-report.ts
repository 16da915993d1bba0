import type { ArtifactInfo, ChangeSetMetadata } from '../model/changeset';
import { terminalSafeJson } from '../model/printable-text';
import type { Explanation } from '../model/explanation';
import type { EvaluationSummary, Finding } from '../model/finding';
import { whyText } from './explanation-text';
import type { ReportInput } from './report-input';
import type { ResourceCategories } from './report-input';
import { ACTION_KEYS, ENFORCEMENT_KEYS, SEVERITY_KEYS, orderedCounts, resourceCategories } from './report-input';

/**
 * The JSON report's format version (docs/cli.md, "JSON report"). 1 had no `reportVersion` key;
 * 2 adds `reportVersion`, each finding's optional `explanation` and, with them, `conditions`
 * (policy id → condition). Only keys are added, so a reader of 1 reads 2.
 * 3 adds a finding's optional `alsoPolicies` (countersign-engine/5: the other policies of the
 * contract implementing the same standard control on that resource). A reader of 2 reads 3.
 * 4: the summary counts drift entries (Terraform `resource_drift`) apart, as `summary.drift`
 * (written when there are any), and `summary.byAction` no longer counts them: before, each
 * drift entry was counted as a change the plan makes (mostly `update`).
 */
export const JSON_REPORT_VERSION = 4;

/**
 * The JSON report as a plain object. Every object is built key by key (never by spreading
 * model objects), so the key order is stable and nothing the model may grow later, such as
 * before/after values, can leak into the output.
 */
export function jsonReport({ changeSet, contract, evaluation, explanations }: ReportInput): Record<string, unknown> {
  return {
    verdict: evaluation.verdict,
    changeSet: {
      digest: changeSet.digest,
      origin: changeSet.origin,
      metadata: metadataJson(changeSet.metadata),
      artifacts: changeSet.artifacts.map(artifactJson),
      resourceCount: changeSet.resources.length,
    },
    contract: { name: contract.name, vendor: contract.vendor, digest: contract.digest, source: contract.source },
    engine: { version: evaluation.engineVersion },
    at: evaluation.at,
    findings: evaluation.findings.map((f, i) => {
      const e = explanations?.[i];
      const json = findingJson(f);
      // Added last, as a key of its own (not a copy of the finding's object: thousands of them).
      if (e) json.explanation = explanationJson(e);
      return json;
    }),
    summary: summaryJson(evaluation.summary, resourceCategories(evaluation.summary, changeSet.resources)),
    // Each explained policy's condition once (a baseline condition is kilobytes; thousands of
    // findings repeat a few policies): explanation offsets point into conditions[finding.policy].
    ...(explanations ? { conditions: conditionsJson(evaluation.findings, explanations) } : {}),
    reportVersion: JSON_REPORT_VERSION,
  };
}

/** The JSON report as text: 2-space indent, trailing newline. */
export function renderJsonReport(input: ReportInput): string {
  return `${terminalSafeJson(JSON.stringify(jsonReport(input), null, 2))}\n`;
}

function metadataJson(m: ChangeSetMetadata): Record<string, string> {
  return {
    vendor: m.vendor, app: m.app, install: m.install, release: m.release, previousRelease: m.previousRelease,
    createdAt: m.createdAt, plannedApplyAt: m.plannedApplyAt, description: m.description,
  };
}

function artifactJson(a: ArtifactInfo): Record<string, unknown> {
  return {
    kind: a.kind,
    path: a.path,
    ...(a.previous !== undefined ? { previous: a.previous } : {}),
    component: a.component,
    sha256: a.sha256,
    bytes: a.bytes,
    resourceCount: a.resourceCount,
  };
}

export function findingJson(f: Finding): Record<string, unknown> {
  const loc = f.location;
  return {
    policy: f.policy,
    title: f.title,
    resource: { address: f.resource.address, source: f.resource.source, type: f.resource.type, action: f.resource.action, drift: f.resource.drift },
    status: f.status,
    enforcement: f.enforcement,
    severity: f.severity,
    message: f.message,
    location: { file: loc.file, line: loc.line, column: loc.column, ...(loc.origin ? { origin: loc.origin } : {}) },
    remediation: f.remediation,
    // Only on a shadow finding (countersign.dev/v3): reported, weighs nothing.
    ...(f.shadow === true ? { shadow: true } : {}),
    // Only on a finding reported once for policies that share a control (report version 3).
    ...(f.alsoPolicies !== undefined && f.alsoPolicies.length > 0 ? { alsoPolicies: [...f.alsoPolicies] } : {}),
  };
}

/** policy id → condition, for the policies whose findings are explained, in first-finding order. */
function conditionsJson(findings: readonly Finding[], explanations: readonly (Explanation | null)[]): Record<string, string> {
  const out: Record<string, string> = {};
  findings.forEach((f, i) => {
    const e = explanations[i];
    if (e && !Object.hasOwn(out, f.policy)) out[f.policy] = e.condition;
  });
  return out;
}

/**
 * A finding's explanation, key by key (values are already text rendered from the masked model).
 * Its condition is not repeated here: it is in the report's `conditions`, by policy id. `why`
 * is the text report's one-line summary.
 */
export function explanationJson(e: Explanation): Record<string, unknown> {
  const el = e.element;
  return {
    why: whyText(e),
    // Offsets only: the text is conditions[policy].slice(start, end) (a baseline clause is kilobytes).
    clause: e.clause ? { start: e.clause.start, end: e.clause.end } : null,
    choices: e.choices.map((v) => ({ expression: v.expression, value: v.value })),
    parts: e.parts.map((p) => ({ start: p.start, end: p.end, value: p.value })),
    values: e.values.map((v) => ({ expression: v.expression, value: v.value })),
    ...(el ? { element: { macro: el.macro, variable: el.variable, list: el.list, index: el.index, value: el.value, saw: el.saw } } : {}),
    field: e.field ? [...e.field] : null,
    ...(e.note !== undefined ? { note: e.note } : {}),
  };
}

function summaryJson(s: EvaluationSummary, categories: ResourceCategories): Record<string, unknown> {
  return {
    resources: s.resources,
    byAction: orderedCounts(categories.byAction, ACTION_KEYS),
    // Only when there is drift (report version 4), so every report without drift reads as before.
    ...(categories.drift > 0 ? { drift: categories.drift } : {}),
    findings: s.findings,
    byEnforcement: orderedCounts(s.byEnforcement, ENFORCEMENT_KEYS),
    bySeverity: orderedCounts(s.bySeverity, SEVERITY_KEYS),
    errors: s.errors,
    unknowns: s.unknowns ?? 0,
    checks: s.checks,
    evaluations: s.evaluations,
  };
}
