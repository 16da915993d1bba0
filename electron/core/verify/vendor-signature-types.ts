import type { Reason } from './reasons';

/** What the vendor's release signatures of a change set amount to under the contract that judges it (plan §4). */
export type VendorSignatureState = 'verified' | 'unsigned' | 'invalid' | 'untrusted';

export interface VendorSignatureStatus {
  readonly state: VendorSignatureState;
  readonly signers: readonly { keyId: string; name: string }[];
  readonly reasons: readonly Reason[];
}
