import type { ChangeSet } from '../model/changeset';
import type { Finding } from '../model/finding';
import type { FieldSnippet, ResourceChange, SourceLocation } from '../model/resource-change';

/**
 * Quotes a location in one of the change set's text files (not a Terraform plan), or
 * undefined; loaders/kubernetes/line-quotes.ts makes one that never quotes a Secret.
 */
export type QuoteSource = (location: SourceLocation) => FieldSnippet | undefined;

/**
 * The source text a report may quote at each finding (SARIF region snippets and context
 * regions). Never raw text that could show a secret:
 * - a Terraform plan is quoted by its loader (ResourceChange.snippetAt), which quotes only what
 *   the masked model shows;
 * - a Kubernetes file is quoted by `quoteSource` (given by the caller, which can read the
 *   file: line-quotes.ts never quotes a line that could show a Secret's values);
 * - other files (image lists) are not quoted.
 * Returns undefined wherever nothing can be quoted.
 */
export function snippetFinder(changeSet: ChangeSet, quoteSource?: QuoteSource): (finding: Finding) => FieldSnippet | undefined {
  const kinds = new Map(changeSet.artifacts.flatMap((a) => (a.previous ? [[a.path, a.kind], [a.previous, a.kind]] as const : [[a.path, a.kind]] as const)));
  const plans = planEntries(changeSet);
  return (finding) => {
    const at = finding.location;
    const kind = kinds.get(at.file);
    if (!kind || at.line < 1 || at.column < 1) return undefined;
    if (kind === 'terraform-plan') return planSnippet(plans.get(at.file), at);
    return kind === 'kubernetes' ? quoteSource?.(at) : undefined;
  };
}

/** Terraform resources that can quote their entry, per file, in source order. */
function planEntries(changeSet: ChangeSet): Map<string, ResourceChange[]> {
  const out = new Map<string, ResourceChange[]>();
  for (const r of changeSet.resources) {
    if (r.source !== 'terraform' || !r.snippetAt) continue;
    const list = out.get(r.location.file) ?? [];
    list.push(r);
    out.set(r.location.file, list);
  }
  for (const list of out.values()) list.sort((a, b) => before(a.location, b.location) ? -1 : before(b.location, a.location) ? 1 : 0);
  return out;
}

function before(a: SourceLocation, b: SourceLocation): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/**
 * The entry holding a location is the last one starting at or before it (an entry is located
 * at its "address" key, normally its first); its neighbours are tried too, each entry
 * checking that the location lies inside it.
 */
function planSnippet(entries: readonly ResourceChange[] | undefined, at: SourceLocation): FieldSnippet | undefined {
  if (!entries || entries.length === 0) return undefined;
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(at, entries[mid]!.location)) hi = mid;
    else lo = mid + 1;
  }
  for (const i of [lo - 1, lo, lo - 2]) {
    const snippet = i >= 0 && i < entries.length ? entries[i]!.snippetAt?.(at) : undefined;
    if (snippet) return snippet;
  }
  return undefined;
}
