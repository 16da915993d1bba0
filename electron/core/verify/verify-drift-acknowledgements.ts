import type { LoadedAttestation } from '../signing/attestation-files';
import type { DriftAcknowledgementPredicate } from '../signing/drift-acknowledgement';
import { DRIFT_ITEM_SUBJECT } from '../signing/drift-acknowledgement';
import { hasSubject } from '../signing/statement';
import { checkAttestations, describe } from './check-attestations';
import type { Reason } from './reasons';
import { resolveTrustedKeys } from './trusted-keys';
import type { TrustedKeyInput } from './trusted-keys';

/** A drift acknowledgement whose signature verified with a trusted, unrevoked key. */
export interface VerifiedDriftAcknowledgement {
  readonly source: string;
  /** Payload digest: the acknowledgement's identity. */
  readonly digest: string;
  readonly predicate: DriftAcknowledgementPredicate;
  /** Trusted keys whose signature verified (names as the trust gives them). */
  readonly signers: readonly { readonly keyId: string; readonly name: string }[];
}

export interface DriftAcknowledgementVerification {
  readonly ok: boolean;
  readonly acknowledgements: readonly VerifiedDriftAcknowledgement[];
  /** Why an attestation did not count (forged, untrusted, revoked, malformed, not a drift acknowledgement…). */
  readonly problems: readonly Reason[];
}

/**
 * Verifies drift acknowledgements (`countersign verify --drift`, and the workspace before it
 * counts a received one): each must carry a verifying signature by a trusted key that was not
 * revoked at its time, name its drift item as its subject, and be signed by the reviewer it
 * names. Anything else in the input is a problem, never an acknowledgement: ok only when every
 * input is a valid drift acknowledgement.
 */
export function verifyDriftAcknowledgements(inputs: readonly LoadedAttestation[], trustedKeys: readonly TrustedKeyInput[], now: Date): DriftAcknowledgementVerification {
  const trusted = resolveTrustedKeys(trustedKeys);
  const checked = checkAttestations(inputs, trusted, now);
  const problems: Reason[] = [...checked.notes];
  const acknowledgements: VerifiedDriftAcknowledgement[] = [];
  const counted = new Set<string>();
  for (const a of checked.verified) {
    if (a.type !== 'drift-acknowledgement') {
      problems.push({ code: 'unknown-predicate', message: `${a.source}: a ${a.type} attestation, not a drift acknowledgement`, source: a.source });
      continue;
    }
    if (a.signers.length === 0) continue; // its revoked signers were reported by checkAttestations
    if (!hasSubject(a.statement, DRIFT_ITEM_SUBJECT, a.predicate.item.key) || a.statement.subject.length !== 1) {
      problems.push({ code: 'digest-mismatch', message: `${a.source}: its subject is not the drift item ${a.predicate.item.key} it names`, source: a.source });
      continue;
    }
    if (!a.signers.includes(a.predicate.reviewer.keyId)) {
      problems.push({ code: 'signer-mismatch', message: `${a.source}: names reviewer ${a.predicate.reviewer.keyId} but is signed by ${a.signers.map((k) => describe(k, trusted)).join(', ')}`, source: a.source });
      continue;
    }
    if (counted.has(a.digest)) continue;
    counted.add(a.digest);
    acknowledgements.push({
      source: a.source, digest: a.digest, predicate: a.predicate,
      signers: a.signers.map((k) => ({ keyId: k, name: trusted.get(k)?.name ?? '' })),
    });
  }
  // A notes-only input (unknown-predicate of something else) is still a problem here: the caller asked about drift acknowledgements.
  const accounted = new Set(acknowledgements.map((a) => a.source));
  const ok = problems.length === 0 && inputs.every((i) => accounted.has(i.source));
  return { ok, acknowledgements, problems };
}
