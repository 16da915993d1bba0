import type { ContractSummaryDto } from '../../../shared/contract-editor-types';
import { unconfiguredPolicies } from '../../engine/contract/unconfigured';
import type { Workspace } from '../../store';
import { listChangeSets } from '../change-set-service';
import { contractHeads, selectContract } from '../contract-selection';
import { resolveRevision } from '../current-contract';

/**
 * Every contract of the workspace (its latest revision): the vendor and install it judges, how
 * many enabled policies are not configured (they allow everything), whether that revision is
 * published, and how many stored change sets (any state) it judges now.
 */
export function listContracts(ws: Workspace): readonly ContractSummaryDto[] {
  const heads = contractHeads(ws);
  const judged = new Map<number, number>();
  for (const item of listChangeSets(ws)) {
    let head;
    try {
      head = selectContract(heads, item);
    } catch {
      continue; // a look-alike selector: no contract judges it (it is refused when judged)
    }
    if (head) judged.set(head.revision.id, (judged.get(head.revision.id) ?? 0) + 1);
  }
  return [...heads].sort((a, b) => a.revision.contract.localeCompare(b.revision.contract)).map((h) => ({
    name: h.revision.contract,
    vendor: h.vendor,
    install: h.install,
    revision: h.revision.revision,
    digest: h.revision.digest,
    warnings: warningsOf(h.revision),
    published: h.revision.publishedEnvelope !== null,
    changeSets: judged.get(h.revision.id) ?? 0,
  }));
}

/** A revision's warning count; one that no longer resolves counts as one warning (it cannot judge). */
function warningsOf(revision: Parameters<typeof resolveRevision>[0]): number {
  try {
    return unconfiguredPolicies(resolveRevision(revision).contract).size;
  } catch {
    return 1;
  }
}
