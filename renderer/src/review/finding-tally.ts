/**
 * The summary's finding counts, told apart honestly: open (still needs someone), waived (a valid
 * exception covers it) and approved (the change set's approvals reached the quorum, which
 * accepts every finding an exception does not waive). Severity counts are of open findings
 * only: a waived critical no longer reads "1 critical".
 */
import type { FindingDto, Severity } from '../../../electron/shared/api-types';

export interface FindingTally {
  readonly open: number;
  readonly openBySeverity: Readonly<Partial<Record<Severity, number>>>;
  /** Open findings whose policy could not be evaluated (they count as failing). */
  readonly openErrors: number;
  readonly waived: number;
  readonly approved: number;
}

export function tallyFindings(findings: readonly Pick<FindingDto, 'waived' | 'severity' | 'status'>[], approvedByQuorum: boolean): FindingTally {
  let open = 0;
  let openErrors = 0;
  let waived = 0;
  let approved = 0;
  const openBySeverity: Partial<Record<Severity, number>> = {};
  for (const f of findings) {
    if (f.waived) waived++;
    else if (approvedByQuorum) approved++;
    else {
      open++;
      if (f.status === 'error') openErrors++;
      openBySeverity[f.severity] = (openBySeverity[f.severity] ?? 0) + 1;
    }
  }
  return { open, openBySeverity, openErrors, waived, approved };
}

/** Resources per action category (drift its own), from the rows. */
export function categoryCounts(rows: readonly { readonly category: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.category] = (out[r.category] ?? 0) + 1;
  return out;
}
