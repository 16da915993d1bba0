/** A new own policy's first content, and the id rule (as the contract schema states it). */
export interface NewPolicyInput {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly enforcement: string;
}

const POLICY_ID = /^[a-z0-9][a-z0-9-]*$/;

export function policyIdProblem(id: string, existing: readonly string[]): string | null {
  if (!POLICY_ID.test(id) || id.length > 100) return 'an id is lower-case letters, digits and dashes (up to 100)';
  if (existing.includes(id)) return `a policy ${id} exists already`;
  return null;
}

/** The policy mapping addPolicy writes: a condition that always holds until the user builds one. */
export function newPolicy(p: NewPolicyInput): Record<string, unknown> {
  return {
    id: p.id, title: p.title.trim(), severity: p.severity, enforcement: p.enforcement,
    match: {}, condition: 'true', message: `{{ resource.address }} fails ${p.id}`,
  };
}
