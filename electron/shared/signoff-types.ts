/**
 * DTOs of sign-off between people (issue 10): who signed, signing requests, final decisions,
 * vendor release signatures. Plain, serializable, readonly; no Node or DOM imports.
 */

// ---- people
/** What a key rotation did to one contract (the Keys screen and the CLI say the same). */
export interface RotatedContractDto {
  readonly contract: string;
  /** The new revision: the old roster entry revoked, a new entry for the new key. */
  readonly revision: number;
  readonly status: 'published' | 'needs-publishing';
  /** "saved and published revision 3, signed by the new key" / "saved revision 3; needs publishing by a contract owner". */
  readonly message: string;
}

export interface RotateKeyDto {
  readonly newKey: { readonly keyId: string; readonly name: string; readonly createdAt: string; readonly revokedAt: string | null };
  /** Every key revoked by the rotation: the old key, then any retired extra key. */
  readonly revoked: readonly string[];
  readonly contracts: readonly RotatedContractDto[];
}
// ---- end people

// ---- vendor
/** The vendor's release signatures of a change set, under the contract that judges it. */
export type VendorSignatureStateDto = 'verified' | 'unsigned' | 'invalid' | 'untrusted';
/** A key whose release signature counted: the roster (or trusted key) name, never the name the vendor wrote. */
export interface VendorSignerDto {
  readonly keyId: string;
  readonly name: string;
}
// ---- end vendor

// ---- request
/** A signed statement received from a co-reviewer (an attestation file or a signing request's pending statement). */
export interface ImportedStatementDto {
  readonly file: string;
  readonly kind: 'exception' | 'approve' | 'reject' | 'withdrawal' | 'publication';
  readonly digest: string;
  readonly changeSetDigest: string | null;
  /** Signatures new to this workspace (0: all were held already). */
  readonly added: number;
  readonly signers: readonly { readonly keyId: string; readonly name: string }[];
  /** e.g. "1 signature recorded: exception sha256:ab12… now 2 of 2". */
  readonly summary: string;
}

/** importFiles / the watched inbox answer for signed attestation files. */
export interface AttestationsImportResult {
  readonly kind: 'attestations';
  /** The change set to open (the first one the statements are about), or null (a contract publication alone). */
  readonly digest: string | null;
  readonly statements: readonly ImportedStatementDto[];
  /** One line per statement, for the import notice. */
  readonly summary: string;
}

/** importFiles / the watched inbox answer for a signing request. */
export interface SigningRequestImportResult {
  readonly kind: 'signing-request';
  readonly digest: string;
  readonly created: boolean;
  readonly verdict: 'blocked' | 'needs-approval' | 'pass';
  readonly resourceCount: number;
  readonly findingCount: number;
  /** The contract as stored here (this workspace's revision) and the publication's revision. */
  readonly contract: { readonly name: string; readonly revision: number; readonly publishedRevision: number };
  /** As the published roster names the requester's key. */
  readonly requestedBy: { readonly keyId: string; readonly name: string };
  readonly pending: readonly { readonly kind: ImportedStatementDto['kind']; readonly digest: string; readonly added: number }[];
  readonly note: string;
  /** "Signing request from Alice: exception sha256:ab12… awaiting your signature". */
  readonly summary: string;
}

/** What "Send for co-signature" wrote. */
export interface SigningRequestDto {
  readonly fileName: string;
  /** Where it was written (the outbox). */
  readonly path: string;
  /** The desktop app: where the user also saved it (save dialog), or null. */
  readonly savedAs: string | null;
  readonly changeSetDigest: string;
  readonly files: number;
  readonly bytes: number;
  readonly contract: { readonly name: string; readonly revision: number; readonly digest: string };
  readonly exceptions: readonly { readonly digest: string; readonly signatures: number }[];
  readonly decisions: readonly { readonly kind: 'approve' | 'reject'; readonly keyId: string }[];
  readonly requestedBy: { readonly keyId: string; readonly name: string };
}

/** Exceptions of a change set that still wait for this workspace's signature (a received request's). */
export interface CoSignStatusDto {
  readonly awaiting: readonly {
    readonly exceptionId: number;
    readonly digest: string;
    /** Requester as the exception names them. */
    readonly from: string;
    readonly waives: string;
    readonly signatures: number;
    readonly quorum: number;
  }[];
}
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
/** One policy's part of a batch exception: exactly the addresses that will be waived. */
export interface WaiverGroupDto {
  readonly policy: string;
  readonly title: string;
  readonly severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  readonly addresses: readonly string[];
}

/** What one exception will list, before it is signed: pass `waives` unchanged to requestException. */
export interface WaiverPreviewDto {
  readonly groups: readonly WaiverGroupDto[];
  readonly waives: readonly { readonly policy: string; readonly address: string }[];
  readonly total: number;
}

/** One reason of verify (code, message, the file it concerns). */
export interface VerifyReasonDto {
  readonly code: string;
  readonly message: string;
  readonly source?: string;
}

export interface VendorExportDto {
  /** Where the files were written (browser and desktop: the change set's folder in the outbox, `vendor-export/`). */
  readonly dir: string;
  readonly files: readonly string[];
  readonly contract: { readonly name: string; readonly revision: number; readonly digest: string };
}

/** `countersign verify` run as the vendor will, over the files an export writes. */
export interface VendorVerificationDto {
  readonly ok: boolean;
  readonly contract: { readonly name: string; readonly revision: number; readonly digest: string };
  /** `contract-owners`: only the publication's owner keys are trusted; `reviewer-keys`: no roster, the reviewers' keys. */
  readonly trust: 'contract-owners' | 'reviewer-keys';
  readonly trustedKeys: readonly string[];
  readonly reasons: readonly VerifyReasonDto[];
  readonly notes: readonly VerifyReasonDto[];
  readonly approvals: number;
  readonly quorum: number;
  readonly files: readonly string[];
}
// ---- end batch

export {};
