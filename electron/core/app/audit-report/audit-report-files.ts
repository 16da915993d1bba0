import type { Evaluation } from '../../model/finding';
import { terminalSafeJson } from '../../model/printable-text';
import { explainFindings } from '../../engine';
import { renderAuditReportHtml } from '../../reports/audit-html';
import type { AuditReport } from '../../reports/audit-report-model';
import { renderJunitReport } from '../../reports/junit-report';
import type { ReportInput } from '../../reports/report-input';
import { SARIF_SCHEMA, sarifReport } from '../../reports/sarif-report';
import { escapeXmlAttribute } from '../../reports/xml-escape';
import { compiledPolicies } from '../compiled-contract';
import { ReviewSession } from '../review';
import type { Workspace } from '../../store';

/** Every format an audit report is written in. `pdf` is rendered from the HTML by R2's renderer (core/reports/pdf). */
export const AUDIT_REPORT_FORMATS = ['html', 'pdf', 'json', 'sarif', 'junit'] as const;
export type AuditReportFormat = (typeof AUDIT_REPORT_FORMATS)[number];
/** The formats that are text, made here. */
export type AuditReportTextFormat = Exclude<AuditReportFormat, 'pdf'>;

export function isAuditReportFormat(s: string): s is AuditReportFormat {
  return (AUDIT_REPORT_FORMATS as readonly string[]).includes(s);
}

export const AUDIT_REPORT_MEDIA_TYPES: Readonly<Record<AuditReportFormat, string>> = {
  html: 'text/html', pdf: 'application/pdf', json: 'application/json', sarif: 'application/sarif+json', junit: 'application/xml',
};

export const AUDIT_REPORT_EXTENSIONS: Readonly<Record<AuditReportFormat, string>> = {
  html: 'html', pdf: 'pdf', json: 'json', sarif: 'sarif', junit: 'junit.xml',
};

/** The report's HTML, flagging the exceptions that lapse within the workspace's warning period (Settings). */
export function auditReportHtml(ws: Workspace, report: AuditReport): string {
  return renderAuditReportHtml(report, { expiryWarningDays: ws.settings.get().exceptionExpiryWarningDays });
}

/**
 * The report as text in one format. HTML and JSON are the report itself; SARIF and JUnit are the
 * same files `countersign evaluate` writes (core/reports), one run / one set of suites per change
 * set, rebuilt from the stored change sets and evaluations the report names. In SARIF, a finding
 * an exception in force waives carries an accepted external suppression with the justification.
 */
export function renderAuditReportText(ws: Workspace, report: AuditReport, format: AuditReportTextFormat, session: ReviewSession = new ReviewSession(ws)): string {
  switch (format) {
    case 'html':
      return auditReportHtml(ws, report);
    case 'json':
      return `${terminalSafeJson(JSON.stringify(report, null, 2))}\n`;
    case 'sarif':
      return `${terminalSafeJson(JSON.stringify(auditSarif(session, report), null, 2))}\n`;
    case 'junit':
      return auditJunit(session, report);
  }
}

/** What core/reports renders for one change set of the report: its model, contract, evaluation and explanations. */
function reportInputOf(session: ReviewSession, digest: string, at: Date): ReportInput {
  const judged = session.judge(digest, at);
  const e = judged.evaluation;
  const evaluation: Evaluation = { verdict: e.verdict, findings: judged.findings, summary: e.summary, at: e.at, engineVersion: e.engineVersion };
  const changeSet = session.changeSet(digest);
  let explanations: ReportInput['explanations'];
  try {
    explanations = explainFindings(changeSet, compiledPolicies(judged.active.contract, new Set(judged.findings.map((f) => f.policy))), judged.findings, new Date(e.at));
  } catch {
    explanations = undefined;
  }
  return { changeSet, contract: judged.active.contract, evaluation, ...(explanations ? { explanations } : {}) };
}

function auditSarif(session: ReviewSession, report: AuditReport): Record<string, unknown> {
  const at = new Date(report.generatedAt);
  const logs = report.changeSets.map((c) => {
    const log = sarifReport(reportInputOf(session, c.digest, at)) as { $schema: string; version: string; runs: Record<string, unknown>[] };
    const run = log.runs[0]!;
    const results = (run.results as Record<string, unknown>[]).map((r, i) => {
      const f = c.findings[i];
      if (!f?.waived) return r;
      const by = c.exceptions.find((x) => x.state === 'in-force' && x.covers.some((k) => k.policy === f.policy && k.address === f.resource.address));
      return { ...r, suppressions: [{ kind: 'external', status: 'accepted', justification: by?.justification ?? 'waived by a signed exception in force' }] };
    });
    return { run: { ...run, results, automationDetails: { id: `countersign/audit/${c.install}/${c.release}/${c.digest}` } } };
  });
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: logs.map((l) => l.run) };
}

/** One <testsuites> with each change set's suites, named `<release> (<digest prefix>) / <policy>`. */
function auditJunit(session: ReviewSession, report: AuditReport): string {
  const at = new Date(report.generatedAt);
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites: string[] = [];
  for (const c of report.changeSets) {
    const lines = renderJunitReport(reportInputOf(session, c.digest, at)).split('\n');
    const head = /<testsuites name="countersign" tests="(\d+)" failures="(\d+)" errors="(\d+)">/.exec(lines[1] ?? '');
    if (head) {
      tests += Number(head[1]);
      failures += Number(head[2]);
      errors += Number(head[3]);
    }
    const prefix = escapeXmlAttribute(`${c.vendor} ${c.release} (${c.digest.slice(7, 19)}) / `);
    suites.push(...lines.slice(2, -2).map((l) => l.replace(/^ {2}<testsuite name="/, `  <testsuite name="${prefix}`)));
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="countersign audit" tests="${tests}" failures="${failures}" errors="${errors}">`, ...suites, '</testsuites>', ''].join('\n');
}
