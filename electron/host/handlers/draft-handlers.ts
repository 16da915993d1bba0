/** Contract drafts: lossless edits, CEL checks and help, policy tests (owners A, B, D). */
import type { AppContext } from '../app-context';
import type { ApiHandlers } from '../api-handlers';
import { resolveRevision } from '../../core/app';
import { celCatalog } from '../../core/app/contract-editor/cel-catalog';
import { checkDraftExpression } from '../../core/app/contract-editor/draft-expressions';
import { editDraft } from '../../core/app/contract-editor/edit-draft';
import { NotFoundError, contractViewOf } from '../../core/app/review';
import type { ResolvedContract } from '../../core/engine';
import type { Workspace } from '../../core/store';
import { notBuilt } from './not-built';

/** The latest revision of the named contract, resolved. */
function namedContract(ws: Workspace, name: string): ResolvedContract {
  const latest = ws.contracts.latestRevision(name);
  if (!latest) throw new NotFoundError(`contract ${name}`, 'no contract of this name in the workspace');
  return resolveRevision(latest).contract;
}

export function draftHandlers(ctx: AppContext): Pick<ApiHandlers, 'editContractDraft' | 'checkCel' | 'getCelCatalog' | 'runPolicyTests' | 'captureTest' | 'importVap' | 'exportVap'> {
  return {
    editContractDraft: ({ contract, text, edits }) => {
      const draft = editDraft(text, edits);
      const revision = ctx.ws.contracts.latestRevision(contract)?.revision ?? 0;
      return {
        text: draft.text,
        digest: draft.resolved?.digest ?? null,
        problems: draft.problems,
        view: draft.resolved ? contractViewOf(ctx.session, { contract: draft.resolved, revision, text: draft.text }) : null,
        changed: draft.changed,
      };
    },
    checkCel: ({ text, policy, field, expression }) => ({ diagnostics: checkDraftExpression(text, policy, field, expression) }),
    getCelCatalog: ({ contract }) => celCatalog(ctx.ws, namedContract(ctx.ws, contract), { load: (digest) => ctx.session.changeSet(digest) }),
    runPolicyTests: notBuilt('runPolicyTests'),
    captureTest: notBuilt('captureTest'),
    importVap: notBuilt('importVap'),
    exportVap: notBuilt('exportVap'),
  };
}
