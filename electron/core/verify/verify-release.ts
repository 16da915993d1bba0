import { compileContract, evaluateChangeSet, evaluationDigest } from '../engine';
import type { ResolvedContract } from '../engine';
import type { ChangeSet } from '../model/changeset';
import type { LoadedAttestation } from '../signing/attestation-files';
import { judgeRelease } from './judge-release';
import type { ReleaseVerification } from './judge-release';
import type { TrustedKeyInput } from './trusted-keys';
import type { VendorSignatureStatus } from './vendor-signature-types';

export interface VerifyReleaseInput {
  readonly changeSet: ChangeSet;
  readonly contract: ResolvedContract;
  /** Envelopes read with readAttestations (files) or attestationsFrom (memory). */
  readonly attestations: readonly LoadedAttestation[];
  readonly trustedKeys: readonly TrustedKeyInput[];
  /** The moment of the apply: exceptions must be unexpired and time-dependent policies hold at it. */
  readonly now: Date;
  /** The vendor's release signatures of the bundle, checked under this contract (checkVendorSignatures). */
  readonly vendorSignature?: VendorSignatureStatus;
}

/**
 * `countersign verify`: re-evaluates the change set under the contract and judges the
 * attestations (see judgeRelease). The evaluation time is `now`, not the change set's
 * plannedApplyAt: verify runs right before the apply, so a maintenance-window policy is
 * checked against when the release is really applied, and a vendor cannot move the apply
 * outside the window by stating a planned time inside it. A contract with a reviewer roster
 * needs its owner-signed publication among the attestations (see roster-judgement.ts).
 */
export function verifyRelease(input: VerifyReleaseInput): ReleaseVerification {
  const evaluation = evaluateChangeSet(input.changeSet, compileContract(input.contract), { at: input.now });
  return judgeRelease({
    changeSetDigest: input.changeSet.digest,
    contract: input.contract,
    evaluation,
    evaluationDigest: evaluationDigest(evaluation),
    attestations: input.attestations,
    trustedKeys: input.trustedKeys,
    now: input.now,
    // A v3 contract's roster decides who may sign, once its publication checks (judgeRelease).
    roster: input.contract.roster,
    rosterAuthority: 'publication',
    ...(input.vendorSignature !== undefined ? { vendorSignature: input.vendorSignature } : {}),
  });
}
