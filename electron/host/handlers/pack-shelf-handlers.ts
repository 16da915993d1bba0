/** Issue 14 (pack shelf): the built-in policy packs offered on the contract screen. */
import { extendedPacks, overlapWith, packCatalog, packPoliciesAt } from '../../core/app/contract-editor/pack-catalog';
import type { PackEntry } from '../../core/app/contract-editor/pack-catalog';
import { packsRoot } from '../../core/io/packs-root';
import type { PackCardDto } from '../../shared/api-types';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';

function cardOf(root: string, p: PackEntry, draft: ReadonlyMap<string, number>, saved: ReadonlyMap<string, number>): PackCardDto {
  // The other packs as the draft pins them (baseline 4 names no controls; baseline 5 does).
  const others = [...draft].filter(([name]) => name !== p.name).flatMap(([name, version]) => packPoliciesAt(root, name, version));
  // This pack as the draft pins it, when it does: an older version may name other controls.
  const pinned = draft.get(p.name);
  const mine = pinned === undefined || pinned === p.version ? p.policies : packPoliciesAt(root, p.name, pinned);
  return {
    name: p.name, description: p.description, version: p.version, versions: p.versions,
    policies: p.policies.map((x) => ({ id: x.id, title: x.title, severity: x.severity, enforcement: x.enforcement, controls: x.controls })),
    controlCount: p.controlCount, standards: p.standards,
    inDraft: draft.get(p.name) ?? null, inSaved: saved.get(p.name) ?? null,
    sharedWithDraft: overlapWith(mine, others),
    ...(p.problem !== undefined ? { problem: p.problem } : {}),
  };
}

export function packShelfHandlers(ctx: AppContext): Pick<ApiHandlers, 'listPolicyPacks'> {
  return {
    listPolicyPacks: ({ contract, text }) => {
      const savedText = ctx.ws.contracts.latestRevision(contract)?.content ?? '';
      const saved = extendedPacks(savedText);
      const draft = text === undefined ? saved : extendedPacks(text);
      const root = packsRoot();
      return { packs: packCatalog(root).map((p) => cardOf(root, p, draft, saved)) };
    },
  };
}
