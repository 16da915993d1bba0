/**
 * Which finding the exception form is about. It follows the finding selected in the Review
 * screen, and lets the user pick another blocking finding without leaving the panel.
 */
import { useId } from 'react';
import type { FindingDto } from '../../../electron/shared/api-types';

/** Findings that block the change set: deny and mandatory, not waived yet (an unknown needs approval, not an exception). */
export function blockingFindings(findings: readonly FindingDto[]): readonly FindingDto[] {
  return findings.filter((f) => (f.enforcement === 'deny' || f.enforcement === 'mandatory') && f.status !== 'unknown' && !f.waived);
}

export function FindingPicker(props: {
  readonly findings: readonly FindingDto[];
  readonly value: number | null;
  readonly onChange: (id: number) => void;
}) {
  const id = useId();
  return (
    <div className="finding-picker">
      <label htmlFor={id}>Finding</label>
      <select id={id} value={props.value ?? ''} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.value === null && <option value="">Choose a finding…</option>}
        {props.findings.map((f) => (
          <option key={f.id} value={f.id}>
            [{f.enforcement}{f.waived ? ', waived' : ''}] {f.policy} — {f.address}
          </option>
        ))}
      </select>
    </div>
  );
}
