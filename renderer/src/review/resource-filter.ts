/** Which resources the list shows: a pure function of the rows, the findings and the filter. */
import type { FindingDto, ResourceRow } from '../../../electron/shared/api-types';

export const ANY = '';

export interface ResourceFilter {
  readonly action: string;
  readonly source: string;
  readonly type: string;
  /** '' any, 'with' / 'without' findings, or 'policy:<id>' resources failing that policy. */
  readonly finding: string;
}

export const NO_FILTER: ResourceFilter = { action: ANY, source: ANY, type: ANY, finding: ANY };

export interface FilterOptions {
  readonly actions: readonly string[];
  readonly sources: readonly string[];
  readonly types: readonly string[];
  readonly policies: readonly string[];
}

/** The distinct values present, so the user never picks a filter that matches nothing. */
export function filterOptions(rows: readonly ResourceRow[], findings: readonly FindingDto[]): FilterOptions {
  const actions = new Set<string>();
  const sources = new Set<string>();
  const types = new Set<string>();
  for (const r of rows) {
    actions.add(r.action);
    sources.add(r.source);
    types.add(r.type);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { actions: sorted(actions), sources: sorted(sources), types: sorted(types), policies: sorted(new Set(findings.map((f) => f.policy))) };
}

export function isFiltered(filter: ResourceFilter): boolean {
  return filter.action !== ANY || filter.source !== ANY || filter.type !== ANY || filter.finding !== ANY;
}

export function filterRows(rows: readonly ResourceRow[], findings: readonly FindingDto[], filter: ResourceFilter): readonly ResourceRow[] {
  if (!isFiltered(filter)) return rows;
  const policy = filter.finding.startsWith('policy:') ? filter.finding.slice('policy:'.length) : null;
  const failing = policy === null ? null : new Set(findings.filter((f) => f.policy === policy).map((f) => f.resourceIndex));
  return rows.filter((r) =>
    (filter.action === ANY || r.action === filter.action) &&
    (filter.source === ANY || r.source === filter.source) &&
    (filter.type === ANY || r.type === filter.type) &&
    (filter.finding === ANY ||
      (filter.finding === 'with' && r.findingCount > 0) ||
      (filter.finding === 'without' && r.findingCount === 0) ||
      (failing !== null && failing.has(r.index))));
}
