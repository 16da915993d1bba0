/**
 * DTOs of sign-off between people (issue 10): who signed, signing requests, final decisions,
 * vendor release signatures. Plain, serializable, readonly; no Node or DOM imports.
 */

// ---- people
// ---- end people

// ---- vendor
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
// ---- end decisions

// ---- batch
// ---- end batch

export {};
