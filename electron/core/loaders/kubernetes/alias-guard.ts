/**
 * YAML aliases make js-yaml return shared (or even cyclic) subtrees. Parsing such a document is
 * cheap, but everything downstream (diffs, CEL, JSON output) walks the EXPANDED tree, so a
 * "billion laughs" document would hang the app later. We measure the expanded size on the shared
 * graph (each distinct node once) and only then copy it into a plain tree.
 */

/** How many nodes alias expansion may add to one document. Real manifests stay far below. */
export const MAX_ALIAS_EXPANSION = 100_000;

export class AliasExpansionError extends Error {}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function childrenOf(v: Container): unknown[] {
  return Array.isArray(v) ? v : Object.values(v);
}

/** Returns the document as a plain tree (no shared subtrees), or throws AliasExpansionError. */
export function expandAliases(value: unknown, maxExtraNodes = MAX_ALIAS_EXPANSION): unknown {
  const sizes = new Map<Container, number>();
  const inProgress = new Set<Container>();
  let distinct = 0;

  // Expanded node count of v, memoized per shared object so the walk is linear in the graph.
  const sizeOf = (v: unknown): number => {
    if (!isContainer(v)) {
      distinct++;
      return 1;
    }
    const known = sizes.get(v);
    if (known !== undefined) return known;
    if (inProgress.has(v)) throw new AliasExpansionError('a YAML alias refers to the node that contains it (a recursive structure)');
    inProgress.add(v);
    distinct++;
    let total = 1;
    for (const child of childrenOf(v)) total += sizeOf(child);
    inProgress.delete(v);
    sizes.set(v, total);
    return total;
  };
  // Sizes may reach 1e9 and beyond for a bomb: they are plain numbers, nothing is expanded yet.
  const expanded = sizeOf(value);
  if (expanded - distinct > maxExtraNodes) {
    throw new AliasExpansionError(`YAML aliases would expand this document by ${expanded - distinct} nodes, over the limit of ${maxExtraNodes} (an alias bomb?)`);
  }
  return copyTree(value);
}

function copyTree(v: unknown): unknown {
  if (!isContainer(v)) return v;
  if (Array.isArray(v)) return v.map(copyTree);
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(v)) {
    // defineProperty keeps a literal "__proto__" key as data instead of changing the prototype.
    Object.defineProperty(out, k, { value: copyTree(child), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
