import type { Workspace } from '../../store';
import type { AuditDriftReport, AuditDriftSection } from '../../reports/audit-report-model';

/** What the report reads of drift: the stored drift reports of an install (or all), newest first, with their acknowledgements. */
export type DriftSource = (ws: Workspace, query: { readonly install?: string }) => AuditDriftSection;

/**
 * fallback until D3 lands: this build has no drift store, so the section says drift is not
 * recorded here (never "no drift"). With D3 merged this becomes
 *   (ws, q) => driftSectionOf(ws, listDriftReports(ws, q), (envelope) => {
 *     const v = verifyDriftAcknowledgements([{ source: 'acknowledgement', envelope: JSON.parse(envelope) }], workspaceTrust(ws), new Date());
 *     return { verified: v.ok, detail: v.problems.map((p) => p.message).join('; ') };
 *   })
 * (drift-rows.ts; JSON.parse guarded).
 */
export const workspaceDrift: DriftSource = () => ({ available: false, reports: [] });

/** Keeps the reports a scope covers: the install's (any install when null), created in [since, until]. */
export function driftInScope(section: AuditDriftSection, scope: { readonly installs: ReadonlySet<string> | null; readonly since?: string; readonly until?: string }): AuditDriftSection {
  const inTime = (r: AuditDriftReport): boolean => (scope.since === undefined || r.createdAt >= scope.since) && (scope.until === undefined || r.createdAt <= scope.until);
  return { available: section.available, reports: section.reports.filter((r) => (scope.installs === null || scope.installs.has(r.install)) && inTime(r)) };
}
