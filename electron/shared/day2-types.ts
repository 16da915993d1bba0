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
// ---- end dashboard
export {};
