import type { Finding } from '../model/finding';
import type { Policy } from '../model/policy';
import type { ReportInput } from './report-input';
import type { DisplayPath } from './report-input';
import { asIs, policiesInForce } from './report-input';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './xml-escape';

export interface JunitOptions {
  /** Where a finding's file really is (see DisplayPath); used for `file` attributes. */
  readonly displayPath?: DisplayPath;
}

interface Suite {
  readonly id: string;
  readonly policy: Policy | undefined;
  readonly findings: readonly Finding[];
  readonly tests: number;
  /** Policies whose findings also name this one (same standard control, alsoPolicies). */
  readonly reportedUnder?: readonly string[];
}

/**
 * JUnit XML for CI dashboards: one <testsuite> per policy in force, a <testcase> per failing
 * or erroring (policy, resource), and one passing <testcase> for a policy without findings
 * (so a clean policy still shows up as green rather than as an empty suite).
 */
export function renderJunitReport({ contract, evaluation }: ReportInput, options: JunitOptions = {}): string {
  const displayPath = options.displayPath ?? asIs;
  const byPolicy = new Map<string, Finding[]>();
  for (const f of evaluation.findings) {
    const list = byPolicy.get(f.policy);
    if (list) list.push(f);
    else byPolicy.set(f.policy, [f]);
  }
  const under = new Map<string, Set<string>>();
  for (const f of evaluation.findings) for (const id of f.alsoPolicies ?? []) under.set(id, (under.get(id) ?? new Set()).add(f.policy));
  const matched = evaluation.summary.matchedByPolicy;
  const suites: Suite[] = policiesInForce(contract).map((p) => {
    const findings = byPolicy.get(p.id) ?? [];
    byPolicy.delete(p.id);
    const reportedUnder = [...(under.get(p.id) ?? [])].sort();
    return { id: p.id, policy: p, findings, tests: testCount(matched?.[p.id], findings), ...(reportedUnder.length > 0 ? { reportedUnder } : {}) };
  });
  // Findings of a policy the contract does not list (should not happen) are still reported.
  for (const [id, findings] of byPolicy) suites.push({ id, policy: undefined, findings, tests: testCount(undefined, findings) });

  const failures = evaluation.findings.filter(isFailure).length;
  const errors = evaluation.findings.length - failures;
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="countersign" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites.flatMap((s) => suiteLines(s, displayPath)),
    '</testsuites>',
    '',
  ];
  return lines.join('\n');
}

/**
 * A failed or unknown finding is a JUnit failure (an unknown is undecided, never skipped: CI
 * must not show it green); an evaluation error, or a status this build does not know, an error.
 */
function isFailure(f: Finding): boolean {
  return f.status === 'fail' || f.status === 'unknown';
}

/** tests = matched resources; without the engine's count, at least one per finding (or the passing case). */
function testCount(matched: number | undefined, findings: readonly Finding[]): number {
  return matched ?? Math.max(findings.length, 1);
}

function suiteLines(s: Suite, displayPath: DisplayPath): string[] {
  const failures = s.findings.filter(isFailure).length;
  const errors = s.findings.length - failures;
  const out = [`  <testsuite name="${attr(s.id)}" tests="${s.tests}" failures="${failures}" errors="${errors}" skipped="0">`];
  if (s.policy) {
    out.push('    <properties>');
    for (const [name, value] of [['title', s.policy.title], ['enforcement', s.policy.enforcement], ['severity', s.policy.severity]] as const) {
      out.push(`      <property name="${name}" value="${attr(value)}"/>`);
    }
    out.push('    </properties>');
  }
  // A policy whose violations were reported once under another policy of the same control is
  // not "no findings": say where they are, so the green case does not read as a pass.
  if (s.findings.length === 0) {
    const name = s.reportedUnder ? `${s.id}: reported under ${s.reportedUnder.join(', ')} (same standard control)` : `${s.id}: no findings`;
    out.push(`    <testcase classname="${attr(s.id)}" name="${attr(name)}"/>`);
  }
  for (const f of s.findings) {
    const file = displayPath(f.location.file);
    const where = `${file}:${f.location.line}:${f.location.column}`;
    const message = `${f.shadow === true ? 'shadow (never blocks): ' : ''}${f.status === 'unknown' ? `unknown until apply: ${f.message}` : f.message}`;
    // Reported once for every policy implementing the same control: the others are named here.
    const also = f.alsoPolicies !== undefined && f.alsoPolicies.length > 0 ? [`Same control, also reported by: ${f.alsoPolicies.join(', ')}`] : [];
    const details = [`${where}  ${f.resource.address}`, message, ...also, ...(f.remediation ? [`Remediation: ${f.remediation}`] : [])].join('\n');
    const element = isFailure(f) ? 'failure' : 'error';
    out.push(
      `    <testcase classname="${attr(s.id)}" name="${attr(f.resource.address)}" file="${attr(file)}" line="${f.location.line}">`,
      `      <${element} message="${attr(message)}" type="${attr(f.enforcement)}">${text(details)}</${element}>`,
      '    </testcase>',
    );
  }
  out.push('  </testsuite>');
  return out;
}
