import type { Workspace } from '../../store';
import type { AuditDriftReport, AuditDriftSection } from '../../reports/audit-report-model';
import { verifyDriftAcknowledgements } from '../../verify/verify-drift-acknowledgements';
import { listDriftReports } from '../drift/list-reports';
import { workspaceTrust } from '../workspace-judgement';
import { driftSectionOf } from './drift-rows';
import type { AcknowledgementCheck, ShownAcknowledgement } from './drift-rows';

/** What the report reads of drift: the stored drift reports of an install (or all), newest first, with their acknowledgements. */
export type DriftSource = (ws: Workspace, query: { readonly install?: string }) => AuditDriftSection;

/**
 * An acknowledgement's stored envelope checked by the verify code against the keys this
 * workspace holds or trusts. A stored envelope that does not parse is "not verified", never a crash.
 */
export function checkStoredAcknowledgement(ws: Workspace, now: Date): AcknowledgementCheck {
  const trust = workspaceTrust(ws);
  return (envelope, shown) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(envelope);
    } catch {
      return { verified: false, detail: 'the stored acknowledgement is not a JSON envelope' };
    }
    const v = verifyDriftAcknowledgements([{ source: 'acknowledgement', envelope: parsed }], trust, now);
    if (!v.ok) return { verified: false, detail: v.problems.map((p) => p.message).join('; ') || 'the acknowledgement does not verify' };
    const differs = v.acknowledgements.map((a) => differenceFrom(a.predicate, shown)).find((d) => d !== null);
    return differs ? { verified: false, detail: differs } : { verified: true, detail: '' };
  };
}

/** The signed statement must say what the report shows (store rows are not signed: a copied workspace could be edited). */
function differenceFrom(p: { readonly install: string; readonly item: { readonly key: string }; readonly mode: string; readonly note: string; readonly reviewer: { readonly keyId: string } }, shown: ShownAcknowledgement): string | null {
  if (p.item.key !== shown.itemKey || p.install !== shown.install) return 'the signed acknowledgement is for another drift item';
  if (p.mode !== shown.mode || p.note !== shown.note) return 'the stored note or mode differs from the signed acknowledgement';
  if (p.reviewer.keyId !== shown.keyId) return 'the stored reviewer differs from the signed acknowledgement';
  return null;
}

/** The workspace's drift reports (D3's store) with their acknowledgements checked. */
export const workspaceDrift: DriftSource = (ws, query) =>
  driftSectionOf(ws, listDriftReports(ws, query.install !== undefined ? { install: query.install } : {}), checkStoredAcknowledgement(ws, new Date()));

/** Keeps the reports a scope covers: the install's (any install when null), created in [since, until]. */
export function driftInScope(section: AuditDriftSection, scope: { readonly installs: ReadonlySet<string> | null; readonly since?: string; readonly until?: string }): AuditDriftSection {
  const inTime = (r: AuditDriftReport): boolean => (scope.since === undefined || r.createdAt >= scope.since) && (scope.until === undefined || r.createdAt <= scope.until);
  return { available: section.available, reports: section.reports.filter((r) => (scope.installs === null || scope.installs.has(r.install)) && inTime(r)) };
}
