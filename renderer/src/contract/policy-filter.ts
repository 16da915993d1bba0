/**
 * Search and filters of the contract's policy list. Pure (unit-tested under Node). The order
 * puts what needs attention first: unconfigured policies, then the most blocking.
 */
import type { ContractPolicyDto, Enforcement, Severity } from '../../../electron/shared/api-types';

export type PolicyOrigin = 'all' | 'pack' | 'own';
export type PolicyState = 'all' | 'enabled' | 'disabled' | 'shadow' | 'unconfigured';

export interface PolicyFilter {
  readonly text: string;
  readonly origin: PolicyOrigin;
  readonly enforcement: Enforcement | 'all';
  readonly severity: Severity | 'all';
  readonly state: PolicyState;
}

export const NO_POLICY_FILTER: PolicyFilter = { text: '', origin: 'all', enforcement: 'all', severity: 'all', state: 'all' };

export const ENFORCEMENTS: readonly Enforcement[] = ['mandatory', 'deny', 'approval', 'advisory'];
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Enabled, not shadow, and a no-op with its current parameters: it allows everything while it looks in force. */
export const isUnconfigured = (p: ContractPolicyDto): boolean => p.enabled && p.unconfigured === true;

function matchesState(p: ContractPolicyDto, state: PolicyState): boolean {
  switch (state) {
    case 'all': return true;
    case 'enabled': return p.enabled && p.shadow !== true;
    case 'disabled': return !p.enabled;
    case 'shadow': return p.shadow === true;
    case 'unconfigured': return isUnconfigured(p);
  }
}

/** Case-insensitive search over id, title, pack, description and the parameters at a glance. */
function matchesText(p: ContractPolicyDto, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [p.id, p.title, p.pack, p.description, p.paramsSummary ?? ''].some((s) => s.toLowerCase().includes(needle));
}

export function filterPolicies(policies: readonly ContractPolicyDto[], f: PolicyFilter): readonly ContractPolicyDto[] {
  return policies.filter((p) =>
    matchesText(p, f.text) &&
    (f.origin === 'all' || (f.origin === 'own') === (p.pack === '')) &&
    (f.enforcement === 'all' || p.enforcement === f.enforcement) &&
    (f.severity === 'all' || p.severity === f.severity) &&
    matchesState(p, f.state));
}

export function sortPolicies(policies: readonly ContractPolicyDto[]): readonly ContractPolicyDto[] {
  return [...policies].sort((a, b) =>
    Number(isUnconfigured(b)) - Number(isUnconfigured(a)) ||
    Number(b.enabled) - Number(a.enabled) ||
    ENFORCEMENTS.indexOf(a.enforcement) - ENFORCEMENTS.indexOf(b.enforcement) ||
    (b.flaggedPending ?? b.affectedPending) - (a.flaggedPending ?? a.affectedPending) ||
    a.id.localeCompare(b.id));
}

export const isFilterActive = (f: PolicyFilter): boolean =>
  f.text.trim() !== '' || f.origin !== 'all' || f.enforcement !== 'all' || f.severity !== 'all' || f.state !== 'all';
