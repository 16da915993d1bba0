import type { ContractDraftState } from '../contract/use-contract-draft';

/**
 * Marks "the draft refused the edit": the reason is read from the draft when shown, since the
 * draft object a handler captured is older than the failed edit's outcome.
 */
export const DRAFT_REFUSED = Symbol('draft refused');

export function draftFailure(draft: ContractDraftState): string {
  return draft.error ?? (draft.problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)).join('\n') || 'The draft refused the change.');
}
