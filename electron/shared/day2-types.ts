// DTOs of issue 12 (Day-2), re-exported by api-types.ts. One marked block per owner: put your
// types inside your block only.

// ---- issue 12 (drift review): drift items in the inbox, acknowledgements
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
// ---- end reports

// ---- issue 12 (dashboard)
// ---- end dashboard
export {};
