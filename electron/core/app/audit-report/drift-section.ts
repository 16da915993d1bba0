import type { Workspace } from '../../store';
import type { AuditDriftReport, AuditDriftSection } from '../../reports/audit-report-model';

/** What the report reads of drift: the stored drift reports of an install (or all), newest first, with their acknowledgements. */
export type DriftSource = (ws: Workspace, query: { readonly install?: string }) => AuditDriftSection;

/**
 * fallback until D3 lands: this build has no drift store, so the section says drift is not
 * recorded here (never "no drift"). D3's `listDriftReports` replaces it: map each
 * DriftReportRow to an AuditDriftReport (items with their acknowledgement by item key).
 */
export const workspaceDrift: DriftSource = () => ({ available: false, reports: [] });

/** Keeps the reports a scope covers: the install's (any install when null), created in [since, until]. */
export function driftInScope(section: AuditDriftSection, scope: { readonly installs: ReadonlySet<string> | null; readonly since?: string; readonly until?: string }): AuditDriftSection {
  const inTime = (r: AuditDriftReport): boolean => (scope.since === undefined || r.createdAt >= scope.since) && (scope.until === undefined || r.createdAt <= scope.until);
  return { available: section.available, reports: section.reports.filter((r) => (scope.installs === null || scope.installs.has(r.install)) && inTime(r)) };
}
