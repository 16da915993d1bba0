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
// ---- end vendor

// ---- request
// ---- end request

// ---- decisions
// ---- end decisions

// ---- batch
// ---- end batch

export {};
