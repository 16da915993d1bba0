/**
 * DTOs of sign-off between people (issue 10): who signed, signing requests, final decisions,
 * vendor release signatures. Plain, serializable, readonly; no Node or DOM imports.
 */

// ---- people
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
// ---- end request

// ---- decisions
// ---- end decisions

// ---- batch
// ---- end batch

export {};
