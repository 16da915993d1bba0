// DTOs of issue 12 (Day-2), re-exported by api-types.ts. One marked block per owner: put your
// types inside your block only.

// ---- issue 12 (drift review): drift items in the inbox, acknowledgements
/** changed: fields differ; added: live but never approved ("added outside the pipeline"); removed: approved but missing live. */
export type DriftItemKindDto = 'changed' | 'added' | 'removed';
export type DriftSnapshotKindDto = 'terraform-refresh-plan' | 'terraform-state' | 'kubernetes-live';
export type DriftAcknowledgementModeDto = 'acknowledged' | 'revert-by-vendor';

/** One field that differs, values masked (a Secret's data or a sensitive attribute never appears). */
export interface DriftFieldDto {
  /** As policies write paths: ingress[0].cidr_blocks[0]. */
  readonly path: string;
  readonly approved: string;
  readonly live: string;
  /** The field manager that changed it, when not the vendor's ("changed by <manager>"). */
  readonly changedBy?: string;
}

/** A finding of the contract on the drifted live state. */
export interface DriftFindingDto {
  readonly policy: string;
  readonly title: string;
  readonly address: string;
  readonly severity: string;
  readonly enforcement: string;
  readonly status: string;
  readonly message: string;
  readonly remediation: string;
}

export interface DriftAcknowledgementDto {
  readonly id: number;
  readonly mode: DriftAcknowledgementModeDto;
  readonly note: string;
  readonly keyId: string;
  /** The reviewer named in the signed statement. */
  readonly reviewer: string;
  readonly time: string;
  /** Payload digest of the signed statement. */
  readonly statementDigest: string;
}

export interface DriftItemDto {
  readonly key: string;
  readonly source: 'terraform' | 'kubernetes' | 'image';
  readonly address: string;
  readonly type: string;
  readonly kind: DriftItemKindDto;
  readonly fields: readonly DriftFieldDto[];
  /** Every changed field belongs to another field manager (an HPA's replicas): not vendor drift. */
  readonly otherManagersOnly: boolean;
  readonly location: { readonly file: string; readonly line: number; readonly column: number } | null;
  readonly acknowledgement: DriftAcknowledgementDto | null;
  /** The contract's findings on this resource's live state. */
  readonly findings: readonly DriftFindingDto[];
}

/** One drift report (one snapshot of one install), as the inbox lists it. */
export interface DriftReportSummaryDto {
  readonly id: number;
  readonly install: string;
  readonly snapshotKind: DriftSnapshotKindDto;
  readonly snapshotFile: string;
  readonly snapshotSha256: string;
  /** The approved change set compared with ('' for a refresh-only plan). */
  readonly approvedChangeSet: string;
  readonly contractDigest: string;
  /** Verdict of the contract on the drifted live state. */
  readonly verdict: 'blocked' | 'needs-approval' | 'pass';
  readonly createdAt: string;
  readonly itemCount: number;
  /** Items neither acknowledged nor changed only by other field managers. */
  readonly openCount: number;
  readonly findingCount: number;
  readonly counts: { readonly changed: number; readonly added: number; readonly removed: number };
}

export interface DriftReportDto extends DriftReportSummaryDto {
  readonly items: readonly DriftItemDto[];
  /** Every finding (also those on resources no item names). */
  readonly findings: readonly DriftFindingDto[];
  /** Newer reports of the same install exist: this one is history. */
  readonly superseded: boolean;
}

export interface DriftAcknowledgeResultDto {
  readonly acknowledgement: DriftAcknowledgementDto;
  /** Where the signed file was written (the outbox). */
  readonly file: string;
  readonly report: DriftReportDto;
}

export interface DriftImportResultDto {
  readonly reports: readonly DriftReportSummaryDto[];
}
// ---- end drift review

// ---- issue 12 (reports): audit reports from the app
/** The text formats of an audit report the app exports (R2 adds pdf in its own method). */
export type AuditReportExportFormat = 'html' | 'json' | 'sarif' | 'junit';

/** An exported audit report: its text, and where the desktop app saved it (null in browser mode or when cancelled). */
export interface AuditReportExportDto {
  /** Named by the change set's digest or the period's dates, never by vendor metadata. */
  readonly fileName: string;
  readonly format: AuditReportExportFormat;
  readonly mediaType: string;
  readonly text: string;
  readonly savedAs: string | null;
  /** What it covers, in words (for the status line). */
  readonly summary: string;
}
/** R2: an audit report's PDF; browser mode downloads `dataBase64`, the desktop app saves it where chosen. */
export interface AuditReportPdfDto {
  readonly fileName: string;
  readonly mediaType: 'application/pdf';
  /** The PDF (browser mode downloads it; null when the desktop app saved it or the save was cancelled). */
  readonly dataBase64: string | null;
  readonly savedAs: string | null;
  readonly bytes: number;
  readonly summary: string;
}

/** R2: an evidence bundle written to a folder. */
export interface EvidenceBundleDto {
  /** The folder written (null: the desktop app's save dialog was cancelled). */
  readonly dir: string | null;
  readonly files: number;
  /** Whether report.pdf is in it (no Chromium in browser mode: left out, said in `note`). */
  readonly pdf: boolean;
  readonly note: string;
  /** The command that checks it offline, with CHANGE-SET-BUNDLE and OWNER.pem for the auditor to fill in. */
  readonly verifyCommand: string;
  readonly summary: string;
}
// ---- end reports

// ---- issue 12 (dashboard)
/** Which change sets the dashboard covers: every vendor, one vendor, or one install of a vendor. */
export interface DashboardScopeDto {
  readonly vendor: string | null;
  readonly install: string | null;
}
/** Findings of one release (the LATEST evaluation of each of its change sets, superseded ones included). */
export interface DashboardReleasePointDto {
  readonly release: string;
  /** The first time a change set of this release was received (ISO). */
  readonly receivedAt: string;
  readonly changeSets: number;
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly info: number;
  readonly advisory: number;
  readonly approval: number;
  readonly deny: number;
  readonly mandatory: number;
}
/** Received → final decision (approved or rejected, as the stored state records it). */
export interface DashboardLeadTimeDto {
  readonly decided: number;
  /** Hours; null when nothing is decided yet. */
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly maxHours: number | null;
  /** The latest decided change sets, oldest first (for the chart). */
  readonly recent: readonly { readonly release: string; readonly install: string; readonly state: 'approved' | 'rejected'; readonly decidedAt: string; readonly hours: number }[];
}
export interface DashboardExceptionDto {
  readonly id: number;
  readonly policy: string;
  readonly resourcePattern: string;
  /** null: scoped to one change set without an expiry. */
  readonly expiresAt: string | null;
  readonly daysLeft: number | null;
  /** null: contract-wide (not tied to a change set). */
  readonly install: string | null;
  readonly release: string | null;
  /** The change set it is scoped to (its review is linked from the row); null: contract-wide. */
  readonly changeSetDigest: string | null;
}
export interface DashboardExceptionsDto {
  /** Exceptions verify counts now: signatures verified with keys this workspace holds or trusts (or the judging contract's roster), quorum met, not expired. */
  readonly inForce: number;
  readonly expiringSoon: number;
  readonly warningDays: number;
  /**
   * Held in scope, not expired, but not counted: no signature verifies (forged, an unknown
   * signer, a row edited in the store) or verify's rules are not met (too few signers, another
   * contract revision). Never part of inForce.
   */
  readonly notCounted: number;
  /** In force, soonest expiry first (at most 50). */
  readonly list: readonly DashboardExceptionDto[];
}
export interface DashboardPolicyDto {
  readonly policy: string;
  readonly findings: number;
  readonly changeSets: number;
}
export interface DashboardDto {
  readonly scope: DashboardScopeDto;
  /**
   * Vendors and their installs, for the selectors (name order): the name as stored (what
   * getDashboard takes) and as shown (`label`: controls, bidi overrides and invisible
   * characters escaped). Every other name in this DTO is already escaped for display.
   */
  readonly vendors: readonly { readonly vendor: string; readonly label: string; readonly installs: readonly { readonly install: string; readonly label: string }[] }[];
  readonly changeSets: number;
  readonly releases: readonly DashboardReleasePointDto[];
  readonly leadTime: DashboardLeadTimeDto;
  readonly exceptions: DashboardExceptionsDto;
  readonly mostViolated: readonly DashboardPolicyDto[];
  readonly openDrift: number;
  /** The time the figures were read at (ISO). */
  readonly at: string;
}
// ---- end dashboard

// ---- issue 12 (backup)
/** An encrypted workspace backup just written (docs/backup.md). */
export interface BackupDto {
  readonly file: string;
  readonly createdAt: string;
  readonly auditEntries: number;
  /** The first 16 hex digits of the audit head's hash. */
  readonly head: string;
}
// ---- end backup
export {};
