/** Search and filters of the policy list; every control is labelled. */
import type { Enforcement, Severity } from '../../../electron/shared/api-types';
import { ENFORCEMENTS, NO_POLICY_FILTER, SEVERITIES, isFilterActive } from './policy-filter';
import type { PolicyFilter, PolicyOrigin, PolicyState } from './policy-filter';

export function PolicyFilters(props: { readonly filter: PolicyFilter; readonly onChange: (f: PolicyFilter) => void; readonly shown: number; readonly total: number }) {
  const { filter, onChange } = props;
  return (
    <div className="policy-filters" role="search" aria-label="Filter policies">
      <label className="policy-search">
        <span className="visually-hidden">Search policies</span>
        <input type="search" placeholder="Search id, title, parameters…" value={filter.text} onChange={(e) => onChange({ ...filter, text: e.target.value })} />
      </label>
      <label>
        Origin
        <select value={filter.origin} onChange={(e) => onChange({ ...filter, origin: e.target.value as PolicyOrigin })}>
          <option value="all">packs and own</option><option value="pack">from packs</option><option value="own">own policies</option>
        </select>
      </label>
      <label>
        Enforcement
        <select value={filter.enforcement} onChange={(e) => onChange({ ...filter, enforcement: e.target.value as Enforcement | 'all' })}>
          <option value="all">any</option>
          {ENFORCEMENTS.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
      </label>
      <label>
        Severity
        <select value={filter.severity} onChange={(e) => onChange({ ...filter, severity: e.target.value as Severity | 'all' })}>
          <option value="all">any</option>
          {SEVERITIES.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
      </label>
      <label>
        State
        <select value={filter.state} onChange={(e) => onChange({ ...filter, state: e.target.value as PolicyState })}>
          <option value="all">any</option><option value="enabled">enabled</option><option value="shadow">shadow</option>
          <option value="disabled">disabled</option><option value="unconfigured">not configured</option>
        </select>
      </label>
      <span className="hint" role="status" aria-live="polite">{props.shown === props.total ? `${props.total} policies` : `${props.shown} of ${props.total} policies`}</span>
      {isFilterActive(filter) && <button type="button" onClick={() => onChange(NO_POLICY_FILTER)}>Clear filters</button>}
    </div>
  );
}
