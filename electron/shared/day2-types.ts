// DTOs of issue 12 (Day-2), re-exported by api-types.ts. One marked block per owner: put your
// types inside your block only.

// ---- issue 12 (drift review): drift items in the inbox, acknowledgements
// ---- end drift review

// ---- issue 12 (reports): audit reports from the app
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
}
export interface DashboardExceptionsDto {
  readonly inForce: number;
  readonly expiringSoon: number;
  readonly warningDays: number;
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
export {};
