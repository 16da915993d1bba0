/** Contract drafts: lossless edits, CEL checks and help, policy tests (owners A, B, D). */
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';
import { runDraftPolicyTests } from '../../core/app/contract-editor/draft-tests';
import { notBuilt } from './not-built';

export function draftHandlers(_ctx: AppContext): Pick<ApiHandlers, 'editContractDraft' | 'checkCel' | 'getCelCatalog' | 'runPolicyTests' | 'captureTest' | 'importVap' | 'exportVap'> {
  return {
    editContractDraft: notBuilt('editContractDraft'),
    checkCel: notBuilt('checkCel'),
    getCelCatalog: notBuilt('getCelCatalog'),
    runPolicyTests: ({ contract, text, policy }) => runDraftPolicyTests(contract, text, policy),
    captureTest: notBuilt('captureTest'),
    importVap: notBuilt('importVap'),
    exportVap: notBuilt('exportVap'),
  };
}
