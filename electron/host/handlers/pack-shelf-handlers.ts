/** Issue 14 (pack shelf): the built-in policy packs offered on the contract screen. */
import { packShelf } from '../../core/app/contract-editor/pack-catalog';
import type { ShelfEntry } from '../../core/app/contract-editor/pack-catalog';
import type { PackCardDto } from '../../shared/api-types';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';

/** Built key by key: nothing the core entry may grow later reaches the renderer unlisted. */
function cardOf(p: ShelfEntry): PackCardDto {
  return {
    name: p.name, description: p.description, version: p.version, versions: p.versions,
    policies: p.policies.map((x) => ({ id: x.id, title: x.title, severity: x.severity, enforcement: x.enforcement, controls: x.controls })),
    controlCount: p.controlCount, standards: p.standards, inDraft: p.inDraft, inSaved: p.inSaved, sharedWithDraft: p.sharedWithDraft,
    standard: p.standard ? { versions: [...p.standard.versions], latest: p.standard.latest } : null,
    standardInDraft: p.standardInDraft, standardInSaved: p.standardInSaved,
    ...(p.problem !== undefined ? { problem: p.problem } : {}),
  };
}

export function packShelfHandlers(ctx: AppContext): Pick<ApiHandlers, 'listPolicyPacks'> {
  return {
    listPolicyPacks: ({ contract, text }) => ({ packs: packShelf(ctx.ws.contracts.latestRevision(contract)?.content ?? '', text).map(cardOf) }),
  };
}
