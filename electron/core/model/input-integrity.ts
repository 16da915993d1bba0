import type { Finding } from './finding';
import type { ResourceChange } from './resource-change';

/**
 * The built-in check behind every InputProblem a loader records: input that the applying tool
 * (kubectl, Helm) would read differently from what the policies were shown. It is not a
 * contract policy, cannot be disabled or waived, and always blocks (docs/yaml-resolution.md).
 */
export const INPUT_INTEGRITY_CHECK = {
  // Reserved: no contract policy can take this id (parse-policy.ts).
  id: 'input-integrity',
  title: 'Input is read the way the cluster reads it',
  description: 'Countersign reads manifests as kubectl does (go-yaml v2, YAML 1.1). Input that kubectl would read differently, refuse, or that cannot be read with certainty is never judged silently: it blocks until it is written unambiguously.',
  remediation: 'Write the value unambiguously (quote strings, use true/false, plain decimal numbers, no special line-break characters, no duplicate or merged keys that override each other). See docs/yaml-resolution.md.',
  enforcement: 'mandatory',
  severity: 'critical',
} as const;

/** Built-in checks by id, for reports that describe the rule behind a finding. */
export const BUILT_IN_CHECKS: ReadonlyMap<string, typeof INPUT_INTEGRITY_CHECK> = new Map([[INPUT_INTEGRITY_CHECK.id, INPUT_INTEGRITY_CHECK]]);

/** One `error` finding per problem the loader recorded on the resource. */
export function inputIntegrityFindings(r: ResourceChange): Finding[] {
  const problems = r.inputProblems;
  if (!problems || problems.length === 0) return [];
  const c = INPUT_INTEGRITY_CHECK;
  return problems.map((p): Finding => ({
    policy: c.id,
    title: c.title,
    resource: { address: r.address, source: r.source, type: r.type, action: r.action, drift: r.drift },
    status: 'error',
    enforcement: c.enforcement,
    severity: c.severity,
    message: p.message,
    location: p.location,
    remediation: c.remediation,
  }));
}
