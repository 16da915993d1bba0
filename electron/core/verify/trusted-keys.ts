import type { KeyObject } from 'node:crypto';
import { importPublicKeyPem } from '../signing/keys';
import { InputError } from '../model/errors';
import { SIGNED_TIME, parseIsoTime } from '../model/iso-time';
import { printable } from '../model/printable-text';

/** A key the verifier trusts, as given (`--trust FILE.pem`, or the workspace's trusted keys). */
export interface TrustedKeyInput {
  readonly pem: string;
  /** From this moment on, the key's signatures stop counting. */
  readonly revokedAt?: Date | string | null;
  readonly name?: string;
  /** Where the PEM came from, for error messages (e.g. the file name). */
  readonly source?: string;
}

export interface TrustedKey {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly name: string;
  /** ms since epoch, or null when not revoked. */
  readonly revokedAt: number | null;
  /** Revoked in the contract's roster: none of its signatures count, whatever time they claim. */
  readonly revokedWhateverTime?: boolean;
}

/**
 * Parses the trusted keys (InputError on a bad PEM or revocation time). The same key given
 * twice is one key; if either copy is revoked, the earliest revocation wins.
 */
export function resolveTrustedKeys(inputs: readonly TrustedKeyInput[]): ReadonlyMap<string, TrustedKey> {
  const keys = new Map<string, TrustedKey>();
  inputs.forEach((input, i) => {
    const source = input.source ?? `trusted key #${i + 1}`;
    const info = importPublicKeyPem(input.pem, source);
    const revokedAt = revocationTime(input.revokedAt, source);
    const earlier = keys.get(info.keyId);
    const merged = earlier?.revokedAt != null && (revokedAt === null || earlier.revokedAt < revokedAt) ? earlier.revokedAt : revokedAt;
    keys.set(info.keyId, { keyId: info.keyId, publicKey: info.publicKey, name: input.name ?? earlier?.name ?? '', revokedAt: merged });
  });
  return keys;
}

function revocationTime(value: Date | string | null | undefined, source: string): number | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InputError(source, 'revocation time is not a valid time');
    return value.getTime();
  }
  const r = parseIsoTime(value, SIGNED_TIME);
  if (!r.ok) throw new InputError(source, `revocation time '${printable(value)}' ${r.reason}`);
  return r.date.getTime();
}
