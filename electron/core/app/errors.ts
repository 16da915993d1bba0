/**
 * The contract says no (a policy outcome, not bad input): e.g. approving a change set whose
 * blocking findings are not waived. The CLI prints the message and exits 1.
 */
export class PolicyRefusal extends Error {
  override readonly name = 'PolicyRefusal';
}
