import type { DriftReportDto, DriftReportSummaryDto } from '../../../shared/day2-types';
import type { DriftReport } from '../../drift';
import { NotFoundError } from '../../model/errors';
import type { Workspace } from '../../store';
import { driftStore } from '../../store/drift';
import type { StoredDriftAcknowledgement, StoredDriftReport } from '../../store/drift';
import { parsedReport, reportDto, summaryDto } from './drift-view';

/** A stored drift report with its items' acknowledgements (for R1's audit reports and the DB dashboard). */
export interface DriftReportRow {
  readonly stored: StoredDriftReport;
  readonly report: DriftReport;
  /** Acknowledgements of this install, by item key. */
  readonly acknowledgements: ReadonlyMap<string, StoredDriftAcknowledgement>;
  /** A newer report of the same install exists. */
  readonly superseded: boolean;
}

function acknowledgementsByKey(ws: Workspace, install?: string): Map<string, StoredDriftAcknowledgement> {
  return new Map(driftStore(ws).listAcknowledgements(install).map((a) => [a.itemKey, a]));
}

/** Every drift report (of one install when named), newest first. */
export function listDriftReports(ws: Workspace, query: { readonly install?: string } = {}): readonly DriftReportRow[] {
  const acks = acknowledgementsByKey(ws, query.install);
  const seen = new Set<string>();
  return driftStore(ws).listReports(query.install).map((stored) => {
    const superseded = seen.has(stored.install);
    seen.add(stored.install);
    return { stored, report: parsedReport(stored), acknowledgements: acks, superseded };
  });
}

/** The inbox's drift items: the newest report of each install (install name order). */
export function driftInbox(ws: Workspace): readonly DriftReportSummaryDto[] {
  const acks = acknowledgementsByKey(ws);
  // Only each install's newest report is read (and its JSON parsed): the inbox is asked for often.
  return driftStore(ws).newestReports()
    .map((stored) => summaryDto(stored, parsedReport(stored), acks))
    .sort((a, b) => a.install.localeCompare(b.install));
}

/** Open drift items of every install's newest report (not acknowledged, not only other managers'). */
export function openDriftCount(ws: Workspace): number {
  return driftInbox(ws).reduce((n, r) => n + r.openCount, 0);
}

/** One report for the detail screen. */
export function driftReportDetail(ws: Workspace, id: number): DriftReportDto {
  const store = driftStore(ws);
  const stored = store.getReport(id);
  if (!stored) throw new NotFoundError(`drift report ${id}`, 'is not in this workspace');
  const newest = store.listReports(stored.install)[0];
  return reportDto(stored, acknowledgementsByKey(ws, stored.install), newest !== undefined && newest.id !== stored.id);
}
