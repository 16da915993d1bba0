import type { DriftReport } from '../../drift/drift-types';
import type { Workspace } from '../../store';
import type { AuditDriftReport, AuditDriftSection } from '../../reports/audit-report-model';
import { keyName } from '../decision-state';

/** What the report reads of D3's DriftReportRow (core/app/drift/list-reports.ts), structurally. */
export interface DriftRowInput {
  readonly stored: {
    readonly install: string; readonly createdAt: string; readonly snapshotKind: string; readonly snapshotFile: string; readonly snapshotSha256: string;
    readonly approvedChangeSet: string; readonly verdict: string; readonly findingCount: number;
  };
  readonly report: Pick<DriftReport, 'items'>;
  /** Acknowledgements by item key. */
  readonly acknowledgements: ReadonlyMap<string, { readonly mode: string; readonly note: string; readonly keyId: string; readonly envelope: string; readonly createdAt: string }>;
}

/**
 * Checks an acknowledgement's signed envelope with the verify code (D3: verifyDriftAcknowledgements
 * over the keys this workspace holds or trusts); never a second signature check written here.
 */
export type AcknowledgementCheck = (envelope: string, shown: ShownAcknowledgement) => { readonly verified: boolean; readonly detail: string };

/** What the report shows of a stored acknowledgement: verified only when the signed statement says the same. */
export interface ShownAcknowledgement {
  readonly install: string;
  readonly itemKey: string;
  readonly mode: string;
  readonly note: string;
  readonly keyId: string;
}

/** The drift section from the workspace's drift reports (newest first) and their acknowledgements. */
export function driftSectionOf(ws: Workspace, rows: readonly DriftRowInput[], check: AcknowledgementCheck): AuditDriftSection {
  return { available: true, reports: rows.map((r) => driftReportOf(ws, r, check)) };
}

function driftReportOf(ws: Workspace, row: DriftRowInput, check: AcknowledgementCheck): AuditDriftReport {
  const s = row.stored;
  return {
    install: s.install,
    createdAt: s.createdAt,
    snapshot: { kind: s.snapshotKind, file: s.snapshotFile, sha256: s.snapshotSha256 },
    approvedChangeSet: s.approvedChangeSet,
    verdict: s.verdict,
    findingCount: s.findingCount,
    items: row.report.items.map((i) => {
      const ack = row.acknowledgements.get(i.key);
      const checked = ack ? check(ack.envelope, { install: s.install, itemKey: i.key, mode: ack.mode, note: ack.note, keyId: ack.keyId }) : null;
      return {
        key: i.key,
        address: i.address,
        kind: i.kind,
        fields: i.fields.map((d) => ({ path: d.path.map(String).join('.'), approved: d.approved, live: d.live, changedBy: d.changedBy ?? null })),
        otherManagersOnly: i.otherManagersOnly,
        acknowledgement: ack && checked
          ? { mode: ack.mode, note: ack.note, by: { keyId: ack.keyId, name: keyName(ws, ack.keyId) }, at: ack.createdAt, verified: checked.verified, detail: checked.detail }
          : null,
      };
    }),
  };
}
