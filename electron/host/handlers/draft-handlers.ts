/** Contract drafts: lossless edits, CEL checks and help, policy tests (owners A, B, D). */
import { exportVapFromDraft, importVapIntoDraft } from '../../core/app/contract-editor/vap-draft';
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';
import { namedContract } from '../../core/app/current-contract';
import { celCatalog } from '../../core/app/contract-editor/cel-catalog';
import { checkDraftExpression } from '../../core/app/contract-editor/draft-expressions';
import { editDraft } from '../../core/app/contract-editor/edit-draft';
import type { EditedDraft } from '../../core/app/contract-editor/edit-draft';
import { captureStoredTest, runDraftPolicyTests } from '../../core/app/contract-editor/draft-tests';
import { InputError } from '../../core/model/errors';
import type { ContractDraftDto } from '../../shared/api-types';
import { contractViewOf } from '../../core/app/review';


/** A draft as the editor shows it: its text, problems, and its view when it loads. */
function draftDto(ctx: AppContext, contract: string, draft: EditedDraft): ContractDraftDto {
  const revision = ctx.ws.contracts.latestRevision(contract)?.revision ?? 0;
  return {
    text: draft.text,
    digest: draft.resolved?.digest ?? null,
    problems: draft.problems,
    view: draft.resolved ? contractViewOf(ctx.ws, draft.resolved, { revision, text: draft.text }) : null,
    changed: draft.changed,
  };
}

export function draftHandlers(ctx: AppContext): Pick<ApiHandlers, 'editContractDraft' | 'checkCel' | 'getCelCatalog' | 'runPolicyTests' | 'captureTest' | 'importVap' | 'exportVap'> {
  return {
    editContractDraft: ({ contract, text, edits }) => draftDto(ctx, contract, editDraft(text, edits)),
    checkCel: ({ text, policy, field, expression }) => ({ diagnostics: checkDraftExpression(text, policy, field, expression) }),
    getCelCatalog: ({ contract }) => celCatalog(ctx.ws, namedContract(ctx.ws, contract).contract, { load: (digest) => ctx.session.changeSet(digest) }),
    runPolicyTests: ({ contract, text, policy }) => runDraftPolicyTests(contract, text, policy),
    captureTest: ({ contract, text, digest, resourceIndex, policy, expect, name }) => {
      const captured = captureStoredTest(ctx.ws, (d) => ctx.session.changeSet(d), { contract, text, digest, resourceIndex, policy, ...(expect ? { expect } : {}) });
      if (!captured.ok) throw new InputError('draft contract', captured.message);
      const test: Record<string, unknown> = { ...captured.test, ...(name ? { name } : {}) };
      return draftDto(ctx, contract, editDraft(text, [{ op: 'addTest', policy, test }]));
    },
    importVap: ({ contract, text, yaml }) => {
      const { draft, notes } = importVapIntoDraft({ contract, text, yaml });
      return { ...draftDto(ctx, contract, draft), notes };
    },
    exportVap: ({ contract, text, policy }) => exportVapFromDraft({ contract, text, policy }),
  };
}
