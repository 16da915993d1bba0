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
  /** Per facet (but viewed, which changes as the user marks rows), per row position: the row's values. */
  readonly values: { readonly [F in Exclude<Facet, 'viewed'>]: readonly (readonly string[])[] };
}

const NOTHING: readonly string[] = Object.freeze([]);
const VIEWED: readonly string[] = Object.freeze(['viewed']);
const UNVIEWED: readonly string[] = Object.freeze(['unviewed']);

export function indexRows(rows: readonly ResourceRow[], findings: readonly FindingDto[]): RowIndex {
  // One shared array per value: 15k rows must not mean 15k tiny allocations per facet.
  const interned = new Map<string, readonly string[]>();
  const one = (v: string) => {
    let a = interned.get(v);
    if (!a) interned.set(v, (a = Object.freeze([v])));
    return a;
  };
  const position = new Map<number, number>();
  rows.forEach((r, p) => position.set(r.index, p));
  const enforcement: (readonly string[])[] = rows.map(() => NOTHING);
  const severity: (readonly string[])[] = rows.map(() => NOTHING);
  const policy: (readonly string[])[] = rows.map(() => NOTHING);
  const addTo = (list: (readonly string[])[], p: number, v: string) => {
    const have = list[p]!;
    if (have.includes(v)) return;
    list[p] = have.length === 0 ? one(v) : [...have, v];
  };
  for (const f of findings) {
    const p = position.get(f.resourceIndex);
    if (p === undefined) continue;
    addTo(enforcement, p, f.enforcement);
    addTo(severity, p, f.severity);
    addTo(policy, p, f.policy);
  }
  return {
    rows,
    text: rows.map((r) => (r.disambiguator === '' ? `${r.address}\n${r.type}\n${r.name}\n${r.file}` : `${r.address}\n${r.type}\n${r.name}\n${r.file}\n${r.disambiguator}`).toLowerCase()),
    values: {
      category: rows.map((r) => one(r.category)),
      source: rows.map((r) => one(r.source)),
      enforcement,
      severity,
      policy,
      finding: rows.map((r) => one(r.findingCount > 0 ? 'with' : 'without')),
    },
  };
}

/** The values a row has for a facet (several for findings' facets, none for a row without findings). */
function valuesOf(index: RowIndex, p: number, facet: Facet, viewed: ReadonlySet<number>): readonly string[] {
  if (facet === 'viewed') return viewed.has(index.rows[p]!.index) ? VIEWED : UNVIEWED;
  return index.values[facet][p]!;
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
  // Plain indexed loops over numeric facet ids: this runs on every keystroke over 15k rows.
  const facetCount = FACETS.length;
  const active = FACETS.map((f, k) => (filter[f] !== ANY ? k : -1)).filter((k) => k >= 0);
  const wanted = FACETS.map((f) => filter[f]);
  const tallies = FACETS.map(() => new Map<string, number>());
  const valuesAt = (k: number, p: number) => valuesOf(index, p, FACETS[k]!, viewed);
  const add = (k: number, p: number) => {
    const values = valuesAt(k, p);
    const tally = tallies[k]!;
    for (let v = 0; v < values.length; v++) tally.set(values[v]!, (tally.get(values[v]!) ?? 0) + 1);
  };
  const shown: ResourceRow[] = [];
  const rows = index.rows;
  for (let p = 0; p < rows.length; p++) {
    if (words.length > 0) {
      const text = index.text[p]!;
      let all = true;
      for (let w = 0; w < words.length && all; w++) all = text.includes(words[w]!);
      if (!all) continue;
    }
    let failed = -1;
    let failures = 0;
    for (let a = 0; a < active.length && failures < 2; a++) {
      const k = active[a]!;
      if (!valuesAt(k, p).includes(wanted[k]!)) {
        failed = k;
        failures++;
      }
    }
    if (failures === 0) {
      shown.push(rows[p]!);
      for (let k = 0; k < facetCount; k++) add(k, p);
    } else if (failures === 1) add(failed, p);
  }
  const counts = Object.fromEntries(FACETS.map((f, k) => [f, tallies[k]!])) as unknown as FacetCounts;
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
