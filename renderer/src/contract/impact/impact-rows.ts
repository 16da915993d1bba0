/** Words and filters of the impact table. Pure (unit-tested under Node). */
import type { ImpactRowDto, ImpactSideDto } from '../../../../electron/shared/contract-editor-types';

export type ImpactKind = ImpactRowDto['kind'];
export const IMPACT_KINDS: readonly ImpactKind[] = ['appear', 'disappear', 'changed', 'verdict'];
export const KIND_LABEL: Readonly<Record<ImpactKind, string>> = {
  appear: 'would appear', disappear: 'would disappear', changed: 'would change', verdict: 'verdict flips',
};

const count = (n: number) => n.toLocaleString('en-US');

/** "312 of 1,000 change sets". */
export function progressText(done: number, total: number): string {
  return `${count(done)} of ${count(total)} change ${total === 1 ? 'set' : 'sets'}`;
}

/** "deny · fail" for one side of a finding; "—" when the finding does not exist on that side. */
export function sideText(s: ImpactSideDto | null): string {
  return s ? `${s.enforcement} · ${s.status}` : '—';
}

export function filterImpactRows(rows: readonly ImpactRowDto[], kinds: ReadonlySet<ImpactKind>, text: string): readonly ImpactRowDto[] {
  const needle = text.trim().toLowerCase();
  return rows.filter((r) => kinds.has(r.kind) &&
    (!needle || [r.label, r.policy ?? '', r.address ?? ''].some((s) => s.toLowerCase().includes(needle))));
}

/** "pass → blocked"; "(never evaluated) → blocked" when the change set had no stored evaluation. */
export function verdictText(r: Pick<ImpactRowDto, 'verdictBefore' | 'verdictAfter'>): string {
  if (r.verdictBefore === r.verdictAfter) return r.verdictAfter;
  return `${r.verdictBefore ?? '(never evaluated)'} → ${r.verdictAfter}`;
}
