/**
 * DTOs of sign-off between people (issue 10): who signed, signing requests, final decisions,
 * vendor release signatures. Plain, serializable, readonly; no Node or DOM imports.
 */

// ---- people
// ---- end people

// ---- vendor
// ---- end vendor

// ---- request
// ---- end request

// ---- decisions
/** How one signed decision counts under the contract revision that judges the change set now. */
export type DecisionCheck = 'counted' | 'conflicting' | 'stale' | 'withdrawn' | 'not-counted';

/** One signed approval or rejection the workspace holds for a change set. */
export interface DecisionSignatureDto {
  /** Stored id (`approve 12` / `reject 13`). */
  readonly id: string;
  /** Payload digest of the signed statement (what a withdrawal names). */
  readonly digest: string;
  readonly keyId: string;
  readonly name: string;
  readonly decision: 'approve' | 'reject';
  readonly at: string;
  readonly comment: string;
  readonly check: DecisionCheck;
  /** The check in words: "counts", "signed under revision 2: re-sign under revision 3", "withdrawn: <reason>", verify's note. */
  readonly detail: string;
  /** The revision it was signed under (an approval's contract), null when the workspace does not hold it. */
  readonly signedUnder: number | null;
  /** Signed by a key this workspace holds (unrevoked) and standing: it may be withdrawn here. */
  readonly withdrawable: boolean;
}

/** One person's decisions (a person may hold several keys under a roster). */
export interface DecisionPersonDto {
  readonly name: string;
  readonly keyIds: readonly string[];
  /** What stands for this person under the current revision. */
  readonly standing: 'approve' | 'reject' | 'conflicting' | 'none';
  readonly signatures: readonly DecisionSignatureDto[];
}

/** A change set's state from the judgement under the current contract (inbox and review). */
export type DecisionStateDto = 'pending' | 'approved' | 'rejected';

/** Why an exception does or does not waive now. */
export type ExceptionStateDto = 'in-force' | 'awaiting-signatures' | 'stale' | 'expired' | 'not-in-force';

/** An exception of a change set that expires within the warning period (settings). */
export interface ExpiryWarningDto {
  readonly exceptionId: string;
  /** The change set it is scoped to; null for a contract-wide exception. */
  readonly changeSetDigest: string | null;
  /** That change set's app and release, as the inbox names it ('' for a contract-wide exception). */
  readonly changeSetLabel?: string;
  readonly policy: string;
  readonly expires: string;
  /** Whole days left (0: expires within the day). */
  readonly daysLeft: number;
}

export interface SettingsDto {
  /** Exceptions expiring within this many days are shown in the inbox (1..90, default 7). */
  readonly exceptionExpiryWarningDays: number;
}
// ---- end decisions

// ---- batch
// ---- end batch

export {};
