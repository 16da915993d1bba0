import { checkSignatures, decodeEnvelope, MalformedEnvelopeError } from '../signing/dsse';
import { describe } from './check-attestations';
import type { TrustedKey } from './trusted-keys';

/**
 * Checks EVERY signature an envelope already carries, before a co-signer adds theirs or a
 * count of signatures is shown: a forged, unknown, untrusted, duplicated or revoked one is a
 * problem in words (empty list: each signature verified with a trusted key, unrevoked at
 * `signedAt`). Stricter than verify, which ignores what it cannot use: a reviewer must never
 * be shown "2 of 2" for signatures nobody checked.
 */
export function existingSignatureProblems(envelope: unknown, trusted: ReadonlyMap<string, TrustedKey>, signedAt: number): string[] {
  let decoded;
  try {
    decoded = decodeEnvelope(envelope);
  } catch (err) {
    if (err instanceof MalformedEnvelopeError) return [`the envelope is malformed (${err.message})`];
    throw err;
  }
  const problems: string[] = decoded.malformedSignatures.map((k) => `the signature by ${k} is not valid base64`);
  const seen = new Set<string>();
  for (const { keyid } of decoded.signatures) {
    if (seen.has(keyid)) problems.push(`key ${keyid || '(no keyid)'} signs it more than once`);
    seen.add(keyid);
  }
  const keys = new Map([...trusted].map(([id, k]) => [id, k.publicKey]));
  const check = checkSignatures(decoded, keys);
  for (const k of check.badSignatureKeyIds) problems.push(`the signature by ${describe(k, trusted)} does not verify: it is forged, or the file was altered`);
  for (const k of check.unknownKeyIds) {
    problems.push(`it carries a signature by ${k}, a key this workspace does not trust: trust that reviewer's public key first (in Keys, or with \`keys trust\` in the CLI), or ask for the file without it`);
  }
  for (const k of check.verifiedKeyIds) {
    const revokedAt = trusted.get(k)?.revokedAt ?? null;
    if (revokedAt !== null && signedAt >= revokedAt) problems.push(`it is signed by ${describe(k, trusted)}, a key revoked at ${new Date(revokedAt).toISOString()}`);
  }
  return problems;
}
