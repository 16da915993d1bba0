/** Contracts per vendor, revisions, diff, revert (owner F) and publication (owner E). */
import { listContracts } from '../../core/app/contract-editor/contract-list';
import { diffRevisions } from '../../core/app/contract-editor/diff-revisions';
import { listContractRevisions, revertContract, revisionDto } from '../../core/app/contract-editor/revisions';
import { saveContractDraft } from '../../core/app/contract-editor/save-draft';
import type { SavedRevisionDto } from '../../shared/contract-editor-types';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';
import { publishHandler } from './publish-handler';

export function revisionHandlers(ctx: AppContext): Pick<ApiHandlers, 'listContracts' | 'saveContract' | 'listContractRevisions' | 'diffContractRevisions' | 'revertContract' | 'publishContract'> {
  const { ws } = ctx;
  const saved = (r: { created: boolean; revision: Parameters<typeof revisionDto>[0]; unchanged?: string }): SavedRevisionDto => ({
    created: r.created,
    ...(r.unchanged ? { unchanged: r.unchanged } : {}),
    // The revision answered is the contract's latest either way (nothing stored: the latest as it is).
    revision: revisionDto(r.revision, ws.contracts.latestRevision(r.revision.contract)?.id === r.revision.id),
  });
  return {
    listContracts: () => listContracts(ws),
    saveContract: ({ contract, text, comment, keyId }) => saved(saveContractDraft(ws, { contract, text, comment, keyId })),
    listContractRevisions: ({ contract }) => listContractRevisions(ws, contract),
    diffContractRevisions: ({ contract, from, to }) => diffRevisions(ws, contract, from, to),
    revertContract: ({ contract, revision, comment, keyId }) => saved(revertContract(ws, { contract, revision, comment, keyId })),
    publishContract: publishHandler(ctx),
  };
}
