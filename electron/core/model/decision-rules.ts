// Rules about a reviewer's decision that every shell states the same way: the core refuses,
// the API schema refuses, the CLI and the desktop form say so before asking for a passphrase.
// Pure (no Node): the renderer reads it through electron/shared.

/** Why a rejection without a comment is refused: the vendor reads the comment to learn what to change. */
export const REJECTION_NEEDS_COMMENT = 'a rejection needs a comment saying why';

/** The rule's message when `comment` breaks it for this decision, else null. */
export function decisionCommentProblem(decision: 'approve' | 'reject', comment: string | undefined): string | null {
  return decision === 'reject' && (comment ?? '').trim() === '' ? REJECTION_NEEDS_COMMENT : null;
}
