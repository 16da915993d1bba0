import { sha256Digest } from '../canonical-json';
import type { Policy } from '../../model/policy';
import type { ResolvedContract } from './resolved-contract';

/** The part of a policy that decides verdicts; where it was read from is not content. */
function policyContent(p: Policy): unknown {
  return {
    id: p.id, title: p.title, description: p.description, severity: p.severity, enforcement: p.enforcement,
    enabled: p.enabled, match: p.match, condition: p.condition, message: p.message, path: p.path,
    parameters: p.parameters, remediation: p.remediation, tags: p.tags, pack: p.pack,
  };
}

/**
 * `sha256:<hex>` over the canonical JSON (sorted keys) of the resolved contract. Formatting,
 * key order and explicitly written defaults do not change it; neither do the file's location
 * (source, definedAt — a pack lives in a different folder on every machine), the policies'
 * own test cases, or the engine version.
 */
export function contractDigest(c: Omit<ResolvedContract, 'digest'>): string {
  return sha256Digest({
    name: c.name,
    vendor: c.vendor,
    extends: c.extends,
    policies: c.policies.map(policyContent),
    parameters: c.parameters,
    approvals: c.approvals,
  });
}
