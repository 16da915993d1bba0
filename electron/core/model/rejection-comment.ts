/**
 * A rejection must say why (the vendor reads the comment). The one rule and its one message:
 * the core's services, the API schema, the CLI and the review form all check it here.
 */
import { UsageError } from './errors';

export const REJECTION_COMMENT_RULE = 'a rejection needs a comment saying why';

/** True when `comment` says something (blanks alone say nothing). */
export function hasRejectionComment(comment: string | undefined): boolean {
  return (comment ?? '').trim() !== '';
}

/** Throws the rule's UsageError (code `bad-request`) for a rejection without a comment. */
export function requireRejectionComment(comment: string | undefined): void {
  if (!hasRejectionComment(comment)) throw new UsageError(REJECTION_COMMENT_RULE);
}
