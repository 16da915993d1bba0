/** How the review header and the inbox word a change set's vendor release signature state. */
import type { VendorSignatureStateDto, VendorSignerDto } from '../../../electron/shared/api-types';

export interface SignatureBadge {
  /** Short text (the inbox column). */
  readonly short: string;
  /** Full sentence (the review header). */
  readonly long: string;
  readonly tone: 'ok' | 'warn' | 'bad';
}

/** A signer as the customer named the key (roster or trusted key), else its short fingerprint. */
function signerNames(signers: readonly VendorSignerDto[]): string {
  return signers.map((s) => s.name.trim() || s.keyId.slice(0, 19)).join(', ');
}

export function signatureBadge(state: VendorSignatureStateDto, signers: readonly VendorSignerDto[]): SignatureBadge {
  switch (state) {
    case 'verified':
      return { short: `Signed by ${signerNames(signers)}`, long: `Signed by ${signerNames(signers)}`, tone: 'ok' };
    case 'invalid':
      return { short: 'Signature invalid', long: 'Vendor signature INVALID: it does not hold for these files and metadata', tone: 'bad' };
    case 'untrusted':
      return { short: 'Untrusted signer', long: "Signed by a key that is not one of this contract's vendor keys", tone: 'warn' };
    default:
      return { short: 'Unsigned', long: 'Not signed by the vendor', tone: 'warn' };
  }
}
