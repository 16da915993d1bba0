/** Reading the workspace's own stored envelopes for display (they were verified when signed or received). */
import { parseDecisionPredicate } from '../../signing/predicates';
import type { DecisionPredicate } from '../../signing/predicates';
import { parseStatement, payloadDigest } from '../../signing/statement';

function payloadOf(envelopeText: string): Buffer | null {
  try {
    const e = JSON.parse(envelopeText) as { payload?: unknown };
    return typeof e.payload === 'string' ? Buffer.from(e.payload, 'base64') : null;
  } catch {
    return null;
  }
}

/** A stored decision's payload digest and predicate; null when it does not read as one. */
export function readDecision(envelopeText: string): { readonly digest: string; readonly predicate: DecisionPredicate } | null {
  const payload = payloadOf(envelopeText);
  if (!payload) return null;
  const parsed = parseStatement(payload);
  if ('problem' in parsed) return null;
  const p = parseDecisionPredicate(parsed.statement.predicateType, parsed.statement.predicate);
  return 'problem' in p ? null : { digest: payloadDigest(payload), predicate: p.predicate };
}

/** The digest of a stored statement's first subject (a contract-wide exception's contract); null when unreadable. */
export function subjectDigest(envelopeText: string): string | null {
  const payload = payloadOf(envelopeText);
  if (!payload) return null;
  const parsed = parseStatement(payload);
  if ('problem' in parsed) return null;
  const sha = parsed.statement.subject[0]?.digest.sha256;
  return sha ? `sha256:${sha}` : null;
}
