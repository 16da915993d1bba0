import { EditProblem } from './edit-document';
import { dataOf, write } from './contract-model';
import { setIn } from './write';

export const CONTRACT_V3 = 'countersign.dev/v3';
/** v4 and v5 read every v3 field: a v3 edit of a v4 or v5 contract leaves its apiVersion alone. */
const V3_OR_LATER = [CONTRACT_V3, 'countersign.dev/v4', 'countersign.dev/v5'];
const OLDER = ['countersign.dev/v1', 'countersign.dev/v2'];

/**
 * Rewrites a v1/v2 contract as v3 in place, for an edit that writes a v3 field: the apiVersion
 * value, and in v1 each `extends` name `baseline` as `{pack: baseline, version: 1}` (what v1
 * meant by it). Nothing else moves. A v3 (or v4) contract is returned as it is.
 */
export function upgradeToV3(text: string): string {
  const data = dataOf(text);
  const version = data.apiVersion;
  if (V3_OR_LATER.includes(version as string)) return text;
  if (!OLDER.includes(version as string)) {
    throw new EditProblem(`this edit needs ${CONTRACT_V3}, and a contract with apiVersion ${JSON.stringify(version ?? null)} cannot be upgraded to it`);
  }
  let out = text;
  if (version === 'countersign.dev/v1') {
    const spec = data.spec as { extends?: unknown } | null | undefined;
    const names = Array.isArray(spec?.extends) ? spec.extends : [];
    names.forEach((name, i) => {
      if (typeof name === 'string') out = setIn(out, ['spec', 'extends', i], { pack: name, version: 1 }, write(`spec.extends[${i}]`, 0));
    });
  }
  return setIn(out, ['apiVersion'], CONTRACT_V3, write('apiVersion'));
}

const V2_PARAM_KEYS = new Set(['description', 'default']);

/** True when a policy mapping uses something only v3 reads (typed parameters, inline tests). */
export function policyNeedsV3(policy: unknown): boolean {
  if (typeof policy !== 'object' || policy === null) return false;
  const p = policy as { parameters?: unknown; tests?: unknown };
  return parametersNeedV3(p.parameters) || (Array.isArray(p.tests) && p.tests.some(testNeedsV3));
}

export function parametersNeedV3(parameters: unknown): boolean {
  if (typeof parameters !== 'object' || parameters === null) return false;
  return Object.values(parameters).some((decl) => typeof decl === 'object' && decl !== null && !Array.isArray(decl) && Object.keys(decl).some((k) => !V2_PARAM_KEYS.has(k)));
}

/** An inline test (a `resource`, not an `input` file) is v3. */
export function testNeedsV3(test: unknown): boolean {
  return typeof test === 'object' && test !== null && !('input' in test);
}
