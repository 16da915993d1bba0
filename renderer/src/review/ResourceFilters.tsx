/**
 * Search and filters of the resource list: free-text search (address, type, name, file), then
 * action category (drift its own), source, enforcement, severity, policy, findings and viewed,
 * each option with how many resources picking it would show; and the sort.
 */
import type { RefObject } from 'react';
import type { Facet, FacetCounts, ResourceFilter, SortKey } from './resource-filter';
import { ANY, NO_FILTER, isFiltered } from './resource-filter';

const LABELS: Readonly<Record<Facet, string>> = {
  category: 'Action', source: 'Source', enforcement: 'Enforcement', severity: 'Severity', policy: 'Policy', finding: 'Finding', viewed: 'Viewed',
};

/** Options in the order a reviewer reads them (riskiest first); values not listed follow, sorted. */
const ORDER: Partial<Readonly<Record<Facet, readonly string[]>>> = {
  category: ['replace', 'delete', 'drift', 'update', 'create', 'read', 'no-op'],
  severity: ['critical', 'high', 'medium', 'low', 'info'],
  enforcement: ['mandatory', 'deny', 'approval', 'advisory'],
  finding: ['with', 'without'],
  viewed: ['unviewed', 'viewed'],
};

const VALUE_LABELS: Readonly<Record<string, string>> = { with: 'Has findings', without: 'No findings', viewed: 'Viewed', unviewed: 'Not viewed' };

const SORT_LABELS: Readonly<Record<SortKey, string>> = { order: 'Change set order', severity: 'Severity', action: 'Action', address: 'Address' };

export function facetOptions(facet: Facet, counts: ReadonlyMap<string, number>, selected: string): { value: string; label: string }[] {
  const values = [...counts.keys()];
  if (selected !== ANY && !counts.has(selected)) values.push(selected);
  const order = ORDER[facet] ?? [];
  const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
  values.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return values.map((v) => ({ value: v, label: `${VALUE_LABELS[v] ?? v} (${(counts.get(v) ?? 0).toLocaleString()})` }));
}

export function ResourceFilters(props: {
  readonly filter: ResourceFilter;
  readonly counts: FacetCounts;
  readonly sort: SortKey;
  readonly onChange: (f: ResourceFilter) => void;
  readonly onSort: (s: SortKey) => void;
  readonly shown: number;
  readonly total: number;
  readonly searchRef: RefObject<HTMLInputElement | null>;
}) {
  const { filter, counts, onChange } = props;
  const facets: readonly Facet[] = ['category', 'source', 'enforcement', 'severity', 'policy', 'finding', 'viewed'];
  return (
    <div className="resource-filters" role="group" aria-label="Filter resources">
      <label className="filter search">
        <span>Search</span>
        <input
          ref={props.searchRef}
          type="search"
          value={filter.q}
          placeholder="Address, type, name or file  ( / )"
          aria-label="Search resources"
          maxLength={500}
          onChange={(e) => onChange({ ...filter, q: e.target.value })}
          onKeyDown={(e) => { if (e.key === 'Escape') e.currentTarget.blur(); }}
        />
      </label>
      {facets.map((facet) => (
        <label key={facet} className="filter">
          <span>{LABELS[facet]}</span>
          <select value={filter[facet]} onChange={(e) => onChange({ ...filter, [facet]: e.target.value })}>
            <option value={ANY}>All</option>
            {facetOptions(facet, counts[facet], filter[facet]).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
      ))}
      <label className="filter">
        <span>Sort by</span>
        <select value={props.sort} onChange={(e) => props.onSort(e.target.value as SortKey)}>
          {(Object.keys(SORT_LABELS) as SortKey[]).map((s) => <option key={s} value={s}>{SORT_LABELS[s]}</option>)}
        </select>
      </label>
      <span className="filter-count" aria-live="polite">{props.shown === props.total ? `${props.total.toLocaleString()} resources` : `${props.shown.toLocaleString()} of ${props.total.toLocaleString()} resources`}</span>
      {isFiltered(filter) && <button type="button" onClick={() => onChange(NO_FILTER)}>Clear filters</button>}
    </div>
  );
}
