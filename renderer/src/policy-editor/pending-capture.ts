/**
 * "Add as test" hands a stored resource from the review screen to the contract editor: the
 * review screen records it here and opens the contract; the tests panel of the policy (or the
 * open own policy, for a resource picked without one) turns it into a test with captureTest.
 * Kept in memory only: it names a change set digest and a resource index, never the resource.
 */
export type TestExpectation = 'fail' | 'pass' | 'error' | 'unknown';

export interface PendingCapture {
  readonly digest: string;
  readonly resourceIndex: number;
  readonly address: string;
  /** The finding's policy; null when a resource was picked without a finding. */
  readonly policy: string | null;
  /** The finding's outcome; null to take the outcome the draft gives now. */
  readonly expect: TestExpectation | null;
}

let pending: PendingCapture | null = null;
/** The own policies of the contract last open in the editor, and the one whose tests were open last. */
let ownPolicies: { readonly contract: string; readonly ids: readonly string[]; readonly last: string | null } | null = null;

export function noteOwnPolicies(contract: string, ids: readonly string[], open: string | null): void {
  ownPolicies = { contract, ids, last: open ?? (ownPolicies?.contract === contract ? ownPolicies.last : null) };
}

/**
 * Where "Add as test" opens the editor: the finding's own policy, else the own policy whose
 * tests were open last in that contract, else the contract's policy list.
 */
export function captureTarget(contract: string, findingPolicy: string | null): string | null {
  if (ownPolicies?.contract !== contract) return null;
  if (findingPolicy !== null && ownPolicies.ids.includes(findingPolicy)) return findingPolicy;
  return ownPolicies.last;
}

/** The contract editor's address for a contract and policy (`#/contract/<name>/<policy>`). */
export function contractHash(contract: string | null, policy: string | null): string {
  if (!contract) return '#/contract';
  return `#/contract/${encodeURIComponent(contract)}${policy ? `/${encodeURIComponent(policy)}` : ''}`;
}
const listeners = new Set<() => void>();

export function offerCapture(c: PendingCapture): void {
  pending = c;
  for (const l of listeners) l();
}

export function pendingCapture(): PendingCapture | null {
  return pending;
}

/**
 * The pending capture the tests panel of own policy `policy` may take: a finding of an own
 * policy goes to that policy only, with the finding's outcome; a resource, or a finding of a
 * pack policy (which takes no tests here), goes to whichever own policy is open, and its
 * expected outcome is what the draft decides (another policy's outcome says nothing about it).
 */
export function captureFor(c: PendingCapture | null, policy: string, ownPolicies: readonly string[]): PendingCapture | null {
  if (!c) return null;
  if (c.policy !== null && ownPolicies.includes(c.policy)) return c.policy === policy ? c : null;
  return { ...c, expect: c.policy === policy ? c.expect : null };
}

export function clearCapture(): void {
  pending = null;
  for (const l of listeners) l();
}

export function subscribeCapture(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A finding's outcome as a test expectation. */
export function expectationOf(status: string): TestExpectation {
  return status === 'error' ? 'error' : status === 'unknown' ? 'unknown' : status === 'pass' ? 'pass' : 'fail';
}
