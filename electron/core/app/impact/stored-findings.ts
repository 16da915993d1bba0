import type { StoredFinding, Workspace } from '../../store';

const PAGE = 1000;

/**
 * Every finding of stored evaluations, by evaluation id. Stored evaluations never change, so
 * an entry stays right; bounded by the number of findings kept, least recently used dropped.
 */
export class StoredFindingsCache {
  private readonly entries = new Map<number, readonly StoredFinding[]>();
  private kept = 0;

  constructor(private readonly maxFindings = 500_000) {}

  findings(ws: Workspace, evaluationId: number): readonly StoredFinding[] {
    const hit = this.entries.get(evaluationId);
    if (hit) {
      this.entries.delete(evaluationId);
      this.entries.set(evaluationId, hit);
      return hit;
    }
    const all: StoredFinding[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = ws.evaluations.listFindings(evaluationId, { offset, limit: PAGE });
      all.push(...page.findings);
      if (page.findings.length < PAGE) break;
    }
    this.entries.set(evaluationId, all);
    this.kept += all.length;
    while (this.kept > this.maxFindings && this.entries.size > 1) {
      const [oldest, dropped] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.kept -= dropped.length;
    }
    return all;
  }
}

/** One cache per open workspace: evaluation ids are only unique inside one workspace file. */
const perWorkspace = new WeakMap<Workspace, StoredFindingsCache>();

export function storedFindingsCache(ws: Workspace): StoredFindingsCache {
  let cache = perWorkspace.get(ws);
  if (!cache) perWorkspace.set(ws, (cache = new StoredFindingsCache()));
  return cache;
}
