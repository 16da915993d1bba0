/**
 * Field paths seen in resources, for the editor's path picker: walks the masked `after` and
 * `before` values the engine evaluates (object / oldObject), so no secret can reach the
 * catalogue (masked values read "(sensitive value)" and are never kept as examples).
 * Bounded: depth, keys per map, items per list, paths and examples per collector.
 */
import { formatFieldPath, isCanonicalPath } from '../../base/policy-builder';
import type { CelCatalogPath, CelValueKind, PathRoot, PathStep } from '../../base/policy-builder';
import { SENSITIVE_MASK } from '../../model/resource-change';

export const SHAPE_LIMITS = {
  depth: 8,
  keysPerMap: 64,
  itemsPerList: 5,
  paths: 300,
  examples: 5,
  exampleLength: 64,
} as const;

interface PathEntry {
  readonly kinds: Set<CelValueKind>;
  readonly examples: Set<string>;
}

function kindOf(v: unknown): CelValueKind | undefined {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'map';
    default:
      return undefined;
  }
}

/** Collects the paths of many values under one variable; `truncated` tells whether a cap was hit. */
export class ShapeCollector {
  private readonly paths = new Map<string, PathEntry>();
  truncated = false;

  constructor(private readonly root: PathRoot) {}

  add(value: unknown): void {
    // Iterative: vendor values may nest deeply; depth is capped anyway.
    const stack: [unknown, PathStep[]][] = [[value, []]];
    while (stack.length > 0) {
      const [v, steps] = stack.pop() as [unknown, PathStep[]];
      const kind = kindOf(v);
      if (kind === undefined) continue;
      if (steps.length > 0 && !this.record(steps, kind, v)) continue;
      if (steps.length >= SHAPE_LIMITS.depth && (kind === 'map' || kind === 'list')) {
        this.truncated = true;
        continue;
      }
      if (kind === 'list') {
        const items = v as unknown[];
        if (items.length > SHAPE_LIMITS.itemsPerList) this.truncated = true;
        // Lists appear as their first element: the shapes of the first few items, merged.
        for (const item of items.slice(0, SHAPE_LIMITS.itemsPerList)) stack.push([item, [...steps, 0]]);
      } else if (kind === 'map') {
        const keys = Object.keys(v as object);
        if (keys.length > SHAPE_LIMITS.keysPerMap) this.truncated = true;
        for (const key of keys.slice(0, SHAPE_LIMITS.keysPerMap).reverse()) stack.push([(v as Record<string, unknown>)[key], [...steps, key]]);
      }
    }
  }

  /** Records one path; false when it cannot be written as a builder path or the cap is reached. */
  private record(steps: readonly PathStep[], kind: CelValueKind, v: unknown): boolean {
    const path = formatFieldPath({ root: this.root, steps });
    let entry = this.paths.get(path);
    if (!entry) {
      if (!isCanonicalPath(path)) return false; // e.g. a key holding `]`, which lookup cannot read
      if (this.paths.size >= SHAPE_LIMITS.paths) {
        this.truncated = true;
        return false;
      }
      entry = { kinds: new Set(), examples: new Set() };
      this.paths.set(path, entry);
    }
    entry.kinds.add(kind);
    const example = kind === 'string' || kind === 'number' || kind === 'boolean' ? String(v) : undefined;
    if (example !== undefined && example !== SENSITIVE_MASK && example.length <= SHAPE_LIMITS.exampleLength && !entry.examples.has(example)) {
      if (entry.examples.size < SHAPE_LIMITS.examples) entry.examples.add(example);
      else this.truncated = true;
    }
    return true;
  }

  result(): CelCatalogPath[] {
    return [...this.paths.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, e]) => ({ path, kinds: [...e.kinds].sort(), examples: [...e.examples].sort() }));
  }
}
