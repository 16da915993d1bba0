/** How the review header and the inbox word a change set's vendor release signature state. */
import type { VendorSignatureStateDto, VendorSignerDto } from '../../../electron/shared/api-types';

export interface SignatureBadge {
  /** Short text (the inbox column). */
  readonly short: string;
  /** Full sentence (the review header). */
  readonly long: string;
  /** `muted`: unsigned where the contract does not require a signature (informational, nothing blocks). */
  readonly tone: 'ok' | 'warn' | 'bad' | 'muted';
}

/** A signer as the customer named the key (roster or trusted key), else its short fingerprint. */
function signerNames(signers: readonly VendorSignerDto[]): string {
  return signers.map((s) => s.name.trim() || s.keyId.slice(0, 19)).join(', ');
}

/**
 * `required`: the judging contract requires the vendor's release signature (countersign.dev/v4):
 * then anything but a verified signature blocks the change set, and says so.
 */
export function signatureBadge(state: VendorSignatureStateDto, signers: readonly VendorSignerDto[], required = false): SignatureBadge {
  const blocks = required ? ': the contract requires the vendor\'s signature, so it is blocked' : '';
  switch (state) {
    case 'verified':
      return { short: `Signed by ${signerNames(signers)}`, long: `Signed by ${signerNames(signers)}`, tone: 'ok' };
    case 'invalid':
      return { short: required ? 'Signature invalid (required)' : 'Signature invalid', long: `Vendor signature INVALID: it does not hold for these files and metadata${blocks}`, tone: 'bad' };
    case 'untrusted':
      return { short: required ? 'Untrusted signer (required)' : 'Untrusted signer', long: `Signed by a key that is not one of this contract's vendor keys${blocks}`, tone: required ? 'bad' : 'warn' };
    default:
      return required
        ? { short: 'Unsigned (required)', long: `Not signed by the vendor${blocks}`, tone: 'bad' }
        : { short: 'Unsigned', long: 'Not signed by the vendor (the contract does not require it)', tone: 'muted' };
  }
}
