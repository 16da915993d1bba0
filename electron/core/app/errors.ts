import { CodedError } from '../model/errors';
import type { ErrorCode } from '../model/errors';

/**
 * The contract says no (a policy outcome, not bad input): e.g. approving a change set whose
 * blocking findings are not waived. The CLI prints the message and exits 1.
 */
export class PolicyRefusal extends CodedError {
  override readonly name = 'PolicyRefusal';
  readonly code: ErrorCode = 'policy-refusal';
}
