/** Contract drafts: lossless edits, CEL checks and help, policy tests (owners A, B, D). */
import { exportVapFromDraft, importVapIntoDraft } from '../../core/app/contract-editor/vap-draft';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';
import { notBuilt } from './not-built';

export function draftHandlers(ctx: AppContext): Pick<ApiHandlers, 'editContractDraft' | 'checkCel' | 'getCelCatalog' | 'runPolicyTests' | 'captureTest' | 'importVap' | 'exportVap'> {
  return {
    editContractDraft: notBuilt('editContractDraft'),
    checkCel: notBuilt('checkCel'),
    getCelCatalog: notBuilt('getCelCatalog'),
    runPolicyTests: notBuilt('runPolicyTests'),
    captureTest: notBuilt('captureTest'),
    importVap: ({ contract, text, yaml }) => importVapIntoDraft(ctx.ws, { contract, text, yaml }),
    exportVap: ({ contract, text, policy }) => exportVapFromDraft({ contract, text, policy }),
  };
}
