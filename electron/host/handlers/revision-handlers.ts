/** Contracts per vendor, revisions, diff, revert (owner F) and publication (owner E). */
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';
import { notBuilt } from './not-built';
import { publishHandler } from './publish-handler';

export function revisionHandlers(ctx: AppContext): Pick<ApiHandlers, 'listContracts' | 'saveContract' | 'listContractRevisions' | 'diffContractRevisions' | 'revertContract' | 'publishContract'> {
  return {
    listContracts: () => ctx.ws.contracts.listContracts().map((c) => ({
      name: c.contract, vendor: '', install: '', revision: c.revisions, digest: c.latestDigest, warnings: 0, published: false, changeSets: 0,
    })),
    saveContract: notBuilt('saveContract'),
    listContractRevisions: notBuilt('listContractRevisions'),
    diffContractRevisions: notBuilt('diffContractRevisions'),
    revertContract: notBuilt('revertContract'),
    publishContract: publishHandler(ctx),
  };
}
