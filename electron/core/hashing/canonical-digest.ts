// Hashing needs node:crypto, so it lives here and not in base/ (which even the renderer may use).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../base/canonical-json';
import type { Evaluation } from '../model/finding';

/** `sha256:<hex>` of the canonical JSON of `value`. */
export function sha256Digest(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/** `sha256:<hex>` over the canonical JSON of verdict + findings: what an approval signs. */
export function evaluationDigest(e: Evaluation): string {
  return sha256Digest({ verdict: e.verdict, findings: e.findings });
}
