import { compileGlob } from '../base/glob';
import type { LegacyWaiver, Waiver } from '../signing/predicates';

/**
 * Characters that make a v1 `resource` an exact address. Terraform index keys (`["prod"]`,
 * `[0]`), module for_each keys, escapes and brace lists all hold one of them, and a glob would
 * read them as syntax (`["prod"]` became the class [p"ord], which also matched `dbp`).
 */
const V1_EXACT_MARKERS = /[[\]{}?\\"]/;

/**
 * Does the waiver cover this (policy, address)?
 * - v2 `address`: the identical string only; no character is special.
 * - v2 `pattern`: the contract's glob semantics (`*`, `?`, `**`, classes, braces), chosen explicitly.
 * - v1 `resource` (fail-closed): the identical string; and, only when it holds none of
 *   `[ ] { } ? \ "`, a glob whose only wildcard is `*` (never crossing `/`), as 0.1.0 meant it
 *   for patterns such as `aws_s3_bucket.*` or `Pod/ns/web-*`.
 */
export function waiverMatches(w: Waiver | LegacyWaiver, policy: string, address: string): boolean {
  if (w.policy !== policy) return false;
  if ('address' in w) return w.address === address;
  if ('pattern' in w) return globMatches(w.pattern, address);
  if (w.v1Resource === address) return true;
  return !V1_EXACT_MARKERS.test(w.v1Resource) && w.v1Resource.includes('*') && globMatches(w.v1Resource, address);
}

function globMatches(pattern: string, address: string): boolean {
  try {
    return compileGlob(pattern)(address);
  } catch {
    return false; // an invalid glob waives nothing
  }
}
