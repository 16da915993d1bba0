/**
 * Which resources the list shows, and in what order: pure functions of the rows, the findings,
 * the viewed marks, the filter and the sort. Built for 15k rows: what does not change while the
 * user types (lower-cased search text, each row's finding facets) is indexed once per rows and
 * findings, and one pass answers both the shown rows and every filter option's count.
 */
import type { FindingDto, ResourceRow, Severity } from '../../../electron/shared/api-types';

export const ANY = '';

export interface ResourceFilter {
  /** Search text: every word must occur in the address, type, name, file or disambiguator. */
  readonly q: string;
  /** Action category (create, update, …, or drift). */
  readonly category: string;
  readonly source: string;
  readonly enforcement: string;
  readonly severity: string;
  readonly policy: string;
  /** '' any, 'with' / 'without' findings. */
  readonly finding: string;
  /** '' any, 'viewed' / 'unviewed'. */
  readonly viewed: string;
}

export const NO_FILTER: ResourceFilter = { q: ANY, category: ANY, source: ANY, enforcement: ANY, severity: ANY, policy: ANY, finding: ANY, viewed: ANY };

export const SORTS = ['order', 'severity', 'action', 'address'] as const;
export type SortKey = (typeof SORTS)[number];

/** The facets that have options with counts (search is free text). */
export const FACETS = ['category', 'source', 'enforcement', 'severity', 'policy', 'finding', 'viewed'] as const;
export type Facet = (typeof FACETS)[number];

/** For each facet, the values present and how many rows each would show with the other filters as they are. */
export type FacetCounts = { readonly [F in Facet]: ReadonlyMap<string, number> };

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 5, high: 4, medium: 3, low: 2, info: 1 };
/** Riskiest first: what a reviewer wants on top when sorting by action. */
const CATEGORY_RANK: Readonly<Record<string, number>> = { replace: 7, delete: 6, drift: 5, update: 4, create: 3, read: 2, 'no-op': 1 };

export function isFiltered(filter: ResourceFilter): boolean {
  return Object.values(filter).some((v) => v !== ANY);
}

/** What each row is matched on, computed once per rows and findings (not per keystroke). */
export interface RowIndex {
  readonly rows: readonly ResourceRow[];
  readonly text: readonly string[];
  /** Per row position: its findings' distinct enforcements, severities and policies. */
  readonly enforcements: readonly (readonly string[])[];
  readonly severities: readonly (readonly string[])[];
  readonly policies: readonly (readonly string[])[];
}

export function indexRows(rows: readonly ResourceRow[], findings: readonly FindingDto[]): RowIndex {
  const position = new Map(rows.map((r, p) => [r.index, p]));
  const sets = rows.map(() => ({ e: new Set<string>(), s: new Set<string>(), p: new Set<string>() }));
  for (const f of findings) {
    const p = position.get(f.resourceIndex);
    if (p === undefined) continue;
    sets[p]!.e.add(f.enforcement);
    sets[p]!.s.add(f.severity);
    sets[p]!.p.add(f.policy);
  }
  return {
    rows,
    text: rows.map((r) => `${r.address}\n${r.type}\n${r.name}\n${r.file}\n${r.disambiguator}`.toLowerCase()),
    enforcements: sets.map((x) => [...x.e]),
    severities: sets.map((x) => [...x.s]),
    policies: sets.map((x) => [...x.p]),
  };
}

/** The values a row has for a facet (several for findings' facets, none for a row without findings). */
function valuesOf(index: RowIndex, p: number, facet: Facet, viewed: ReadonlySet<number>): readonly string[] {
  const r = index.rows[p]!;
  switch (facet) {
    case 'category': return [r.category];
    case 'source': return [r.source];
    case 'enforcement': return index.enforcements[p]!;
    case 'severity': return index.severities[p]!;
    case 'policy': return index.policies[p]!;
    case 'finding': return [r.findingCount > 0 ? 'with' : 'without'];
    case 'viewed': return [viewed.has(r.index) ? 'viewed' : 'unviewed'];
  }
}

export interface FilterResult {
  /** Rows matching every filter, in the change set's order. */
  readonly shown: readonly ResourceRow[];
  readonly counts: FacetCounts;
}

/**
 * One pass: a row failing no filter is shown and counts for every facet; a row failing exactly
 * one facet counts only for that facet's options (what picking another value there would show).
 */
export function applyFilter(index: RowIndex, filter: ResourceFilter, viewed: ReadonlySet<number>): FilterResult {
  const words = filter.q.toLowerCase().split(/\s+/u).filter(Boolean);
  const active = FACETS.filter((f) => filter[f] !== ANY);
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as { [F in Facet]: Map<string, number> };
  const add = (facet: Facet, p: number) => {
    for (const v of valuesOf(index, p, facet, viewed)) counts[facet].set(v, (counts[facet].get(v) ?? 0) + 1);
  };
  const shown: ResourceRow[] = [];
  for (let p = 0; p < index.rows.length; p++) {
    const text = index.text[p]!;
    if (!words.every((w) => text.includes(w))) continue;
    let failed: Facet | null = null;
    let failures = 0;
    for (const f of active) {
      if (!valuesOf(index, p, f, viewed).includes(filter[f])) {
        failed = f;
        if (++failures > 1) break;
      }
    }
    if (failures === 0) {
      shown.push(index.rows[p]!);
      for (const f of FACETS) add(f, p);
    } else if (failures === 1) add(failed!, p);
  }
  return { shown, counts };
}

/** The rows in the order asked for; ties keep the change set's order. */
export function sortRows(rows: readonly ResourceRow[], sort: SortKey): readonly ResourceRow[] {
  if (sort === 'order') return rows;
  const byIndex = (a: ResourceRow, b: ResourceRow) => a.index - b.index;
  const compare: Record<Exclude<SortKey, 'order'>, (a: ResourceRow, b: ResourceRow) => number> = {
    severity: (a, b) => severityRank(b) - severityRank(a) || b.findingCount - a.findingCount || byIndex(a, b),
    action: (a, b) => (CATEGORY_RANK[b.category] ?? 0) - (CATEGORY_RANK[a.category] ?? 0) || byIndex(a, b),
    address: (a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) || (a.disambiguator < b.disambiguator ? -1 : a.disambiguator > b.disambiguator ? 1 : 0) || byIndex(a, b),
  };
  return [...rows].sort(compare[sort]);
}

function severityRank(r: ResourceRow): number {
  return r.worstSeverity === null ? 0 : SEVERITY_RANK[r.worstSeverity] ?? 0;
}

/** The filter and sort kept in the URL (the review route's query part): only what differs from none. */
export function filterToParams(filter: ResourceFilter, sort: SortKey): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.q !== ANY) out.q = filter.q;
  for (const f of FACETS) if (filter[f] !== ANY) out[f] = filter[f];
  if (sort !== 'order') out.sort = sort;
  return out;
}

/** The filter and sort a URL asks for; unknown keys and sorts are ignored, values are capped. */
export function filterFromParams(params: Readonly<Record<string, string>>): { readonly filter: ResourceFilter; readonly sort: SortKey } {
  const value = (k: string) => (typeof params[k] === 'string' ? params[k]!.slice(0, 500) : ANY);
  const filter: ResourceFilter = {
    q: value('q'), category: value('category'), source: value('source'), enforcement: value('enforcement'),
    severity: value('severity'), policy: value('policy'), finding: value('finding'), viewed: value('viewed'),
  };
  const sort = (SORTS as readonly string[]).includes(params.sort ?? '') ? (params.sort as SortKey) : 'order';
  return { filter, sort };
}

/** The next row (after `current` in list order, wrapping) not marked viewed; undefined when all are. */
export function nextUnviewed(rows: readonly ResourceRow[], viewed: ReadonlySet<number>, current: number | null): ResourceRow | undefined {
  const at = current === null ? -1 : rows.findIndex((r) => r.index === current);
  for (let k = 1; k <= rows.length; k++) {
    const r = rows[(at + k + rows.length) % rows.length]!;
    if (!viewed.has(r.index)) return r;
  }
  return undefined;
}
