import { printable } from '../model/printable-text';
import type { Reason } from './reasons';
import type { VendorSignatureRule, VendorSignatureStatus } from './vendor-signature-types';

/**
 * countersign.dev/v4 `vendorSignature: required`: the change set must carry a verified vendor
 * release signature. Absent status (nobody checked) is read as unsigned: fail closed.
 */
export function vendorSignatureFailures(rule: VendorSignatureRule, status: VendorSignatureStatus | undefined): Reason[] {
  if (rule !== 'required' || status?.state === 'verified') return [];
  const state = status?.state ?? 'unsigned';
  const signers = (status?.signers ?? []).map((s) => `${printable(s.name) || '(unnamed)'} (${s.keyId})`).join(', ');
  const why = (status?.reasons ?? []).map((r) => r.message).slice(0, 3).join('; ');
  if (state === 'unsigned') {
    return [{ code: 'vendor-signature-missing', message: `the contract requires a vendor release signature (vendorSignature: required), and the change set is unsigned${status === undefined ? ' (no vendor signature was checked)' : ''}` }];
  }
  return [{
    code: 'vendor-signature-invalid',
    message: `the contract requires a vendor release signature (vendorSignature: required), and the change set's signature is ${state}${signers ? `: signed by ${signers}` : ''}${why ? ` (${why})` : ''}`,
  }];
}
