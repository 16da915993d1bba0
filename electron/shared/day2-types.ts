// DTOs of issue 12 (Day-2), re-exported by api-types.ts. One marked block per owner: put your
// types inside your block only.

// ---- issue 12 (drift review): drift items in the inbox, acknowledgements
// ---- end drift review

// ---- issue 12 (reports): audit reports from the app
// ---- end reports

// ---- issue 12 (dashboard)
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
