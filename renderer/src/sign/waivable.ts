/** Which findings an exception can waive, as the finding picker shows them (the core decides again: waiver-selection.ts). */
import type { FindingDto } from '../../../electron/shared/api-types';

/** One picked finding: the exact (policy, address) pair an exception will list. */
export interface Pick {
  readonly policy: string;
  readonly address: string;
}
export const pickKey = (p: Pick): string => `${p.policy}\u0000${p.address}`;

/** Findings that block the change set: deny and mandatory, not waived yet (an unknown needs approval, not an exception). */
export function blockingFindings(findings: readonly FindingDto[]): readonly FindingDto[] {
  return findings.filter((f) => (f.enforcement === 'deny' || f.enforcement === 'mandatory') && f.status !== 'unknown' && !f.waived && f.shadow !== true);
}

/** Why an exception cannot waive this finding, or null when it can (the core checks the same again). */
export function notWaivable(f: FindingDto): string | null {
  if (f.waived) return 'waived';
  if (f.shadow === true) return 'shadow';
  if (f.enforcement === 'mandatory') return 'mandatory: never waivable';
  if (f.enforcement !== 'deny') return f.enforcement;
  if (f.status === 'unknown') return 'unknown until apply: needs approval';
  return null;
}
