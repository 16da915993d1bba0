/**
 * countersign.dev/v4 `spec.approvals.separationOfDuties` (docs/contract-format.md), shared by
 * the contract reader (engine) and the verifier (verify, via signing's ContractRef).
 */
export interface SeparationOfDuties {
  /** false: an exception counts only when a person other than its requester signed it. */
  readonly requesterMayWaiveAlone: boolean;
  /** false: an approval counts only if every exception it relies on reaches exceptionQuorum without the approver. */
  readonly approverMaySignReliedExceptions: boolean;
}

/** What v1–v3 contracts mean (no rule): kept so their judgements do not change. */
export const LEGACY_SEPARATION_OF_DUTIES: SeparationOfDuties = { requesterMayWaiveAlone: true, approverMaySignReliedExceptions: true };

/** countersign.dev/v4 defaults: a requester never waives alone; an approver may sign an exception they rely on. */
export const SEPARATION_OF_DUTIES_V4_DEFAULT: SeparationOfDuties = { requesterMayWaiveAlone: false, approverMaySignReliedExceptions: true };

/** countersign.dev/v4 `spec.vendorSignature`; older contracts are `optional`. */
export type VendorSignatureRule = 'optional' | 'required';
