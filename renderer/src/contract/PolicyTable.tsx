/**
 * The policies in force, most blocking first, with how many pending change sets each one
 * currently fails. Read-only: editing the contract is the next issue.
 */
import { useState } from 'react';
import type { ContractPolicyDto, Enforcement } from '../../../electron/shared/api-types';
import { EmptyState } from '../components/EmptyState';

const ENFORCEMENT_ORDER: readonly Enforcement[] = ['mandatory', 'deny', 'approval', 'advisory'];
const ENFORCEMENT_MEANING: Readonly<Record<Enforcement, string>> = {
  mandatory: 'blocks; can never be waived',
  deny: 'blocks unless waived by a signed exception',
  approval: "needs a reviewer's signed approval",
  advisory: 'reported only',
};

export function sortPolicies(policies: readonly ContractPolicyDto[]): readonly ContractPolicyDto[] {
  return [...policies].sort((a, b) =>
    Number(b.enabled) - Number(a.enabled) ||
    ENFORCEMENT_ORDER.indexOf(a.enforcement) - ENFORCEMENT_ORDER.indexOf(b.enforcement) ||
    b.affectedPending - a.affectedPending || a.id.localeCompare(b.id));
}

export function PolicyTable(props: { readonly policies: readonly ContractPolicyDto[] }) {
  const [onlyAffecting, setOnlyAffecting] = useState(false);
  const shown = sortPolicies(props.policies).filter((p) => !onlyAffecting || p.affectedPending > 0);
  if (props.policies.length === 0) {
    return <EmptyState title="This contract has no policies">Every change set passes. Add policies to the contract file and import it with countersign contract import.</EmptyState>;
  }
  return (
    <>
      <label className="checkbox">
        <input type="checkbox" checked={onlyAffecting} onChange={(e) => setOnlyAffecting(e.target.checked)} />
        Only policies that affect pending change sets
      </label>
      <table aria-label="Policies" className="policy-table">
        <thead>
          <tr><th>Policy</th><th>Enforcement</th><th>Severity</th><th>Enabled</th><th>Pack</th><th>Pending change sets affected</th></tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.id} className={p.enabled ? '' : 'disabled'}>
              <td>
                <strong>{p.title}</strong> <code>{p.id}</code>
                {p.description && <div className="hint">{p.description}</div>}
              </td>
              <td><span className={`badge ${p.enforcement}`} title={ENFORCEMENT_MEANING[p.enforcement]}>{p.enforcement}</span></td>
              <td>{p.severity}</td>
              <td>{p.enabled ? 'yes' : 'no'}</td>
              <td>{p.pack}</td>
              <td data-testid={`affected-${p.id}`}>{p.affectedPending}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="hint">No policy fails any pending change set.</p>}
    </>
  );
}
