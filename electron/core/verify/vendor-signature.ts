import type { KeyObject } from 'node:crypto';
import type { RosterEntry } from '../base/roster';
import { printable } from '../model/printable-text';
import type { LoadedAttestation } from '../signing/attestation-files';
import { checkSignatures, decodeEnvelope, IN_TOTO_PAYLOAD_TYPE, MalformedEnvelopeError } from '../signing/dsse';
import { importPublicKeyPem } from '../signing/keys';
import { parsePredicate, RELEASE_PREDICATE, releasePredicateSchema } from '../signing/predicates';
import type { ReleasePredicate } from '../signing/predicates';
import { CHANGESET_SUBJECT, hasSubject, parseStatement } from '../signing/statement';
import type { Reason, ReasonCode } from './reasons';
import { countsAs } from './roster-keys';
import { resolveTrustedKeys } from './trusted-keys';
import type { TrustedKeyInput } from './trusted-keys';
import type { VendorSignatureStatus } from './vendor-signature-types';

export type { VendorSignatureState, VendorSignatureStatus } from './vendor-signature-types';

/** The metadata a release signature repeats, and must repeat exactly. */
export interface ReleaseMetadata {
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
}

export interface VendorSignatureInput {
  readonly changeSetDigest: string;
  readonly manifest: ReleaseMetadata;
  /** The bundle's signature files (or the copies a workspace stored), one envelope each. */
  readonly signatures: readonly LoadedAttestation[];
  /** The contract's roster: only its unrevoked `vendor-release` entries count. Null: `vendorKeys` count. */
  readonly roster: readonly RosterEntry[] | null;
  /** Without a roster: the vendor keys trusted (workspace keys with role vendor, or `verify --vendor-key`). */
  readonly vendorKeys: readonly TrustedKeyInput[];
  readonly now: Date;
}

/** Signatures dated up to this far in the future still count (clocks differ), as for attestations. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const FIELDS = ['vendor', 'app', 'install', 'release'] as const;

/** A key that may have signed, and whether (and why not) it counts as the vendor's. */
interface KnownKey {
  readonly publicKey: KeyObject;
  readonly name: string;
  /** Null: it counts. Else why not (an untrusted signature). */
  readonly refusal: { readonly code: ReasonCode; readonly why: string } | null;
  /** No-roster revocation: signatures dated at or after it do not count. */
  readonly revokedAt: number | null;
}

type FileResult =
  | { readonly kind: 'valid'; readonly signers: readonly { keyId: string; name: string }[]; readonly notes: readonly Reason[] }
  | { readonly kind: 'invalid' | 'untrusted'; readonly notes: readonly Reason[] };

/**
 * The state of a change set's vendor release signatures (release/v1 in its signatures/ folder):
 * `verified` when at least one file holds a valid signature by a vendor key of the contract,
 * else `invalid` when any file is bad (unreadable, a signature that does not verify, another
 * change set, metadata that differs from the manifest's), else `untrusted` when files are
 * signed only by keys that do not count, else `unsigned`. Every file that did not count is a
 * reason, also when the state is `verified`. Pure: no files, no clock; never throws for a bad
 * signature file (a bad vendor key given to the verifier is the caller's InputError).
 */
export function checkVendorSignatures(input: VendorSignatureInput): VendorSignatureStatus {
  const known = knownKeys(input.roster, input.vendorKeys);
  const results = input.signatures.map((s) => checkOne(s, input, known));
  const signers = new Map<string, { keyId: string; name: string }>();
  for (const r of results) if (r.kind === 'valid') for (const s of r.signers) signers.set(s.keyId, s);
  const reasons = results.flatMap((r) => r.notes);
  const state = signers.size > 0 ? 'verified'
    : results.some((r) => r.kind === 'invalid') ? 'invalid'
      : results.some((r) => r.kind === 'untrusted') ? 'untrusted'
        : 'unsigned';
  return { state, signers: [...signers.values()].sort((a, b) => a.keyId.localeCompare(b.keyId)), reasons };
}

function knownKeys(roster: readonly RosterEntry[] | null, vendorKeys: readonly TrustedKeyInput[]): ReadonlyMap<string, KnownKey> {
  const out = new Map<string, KnownKey>();
  if (roster !== null) {
    for (const entry of roster) {
      let publicKey: KeyObject;
      try {
        const info = importPublicKeyPem(entry.publicKey);
        if (info.keyId !== entry.fingerprint) continue; // a roster entry whose key is not its fingerprint's never counts
        publicKey = info.publicKey;
      } catch {
        continue;
      }
      const name = printable(entry.name);
      const refusal = countsAs(entry, 'vendor-release') ? null
        : entry.revoked !== undefined
          ? { code: 'revoked-key' as const, why: `${name} (${entry.fingerprint}), whose roster entry is revoked (${entry.revoked})` }
          : { code: 'role-missing' as const, why: `${name} (${entry.fingerprint}), a roster key without the vendor-release role` };
      out.set(entry.fingerprint, { publicKey, name: entry.name, refusal, revokedAt: null });
    }
    return out;
  }
  for (const [keyId, key] of resolveTrustedKeys(vendorKeys)) out.set(keyId, { publicKey: key.publicKey, name: key.name, refusal: null, revokedAt: key.revokedAt });
  return out;
}

function checkOne(input: LoadedAttestation, ctx: VendorSignatureInput, known: ReadonlyMap<string, KnownKey>): FileResult {
  const source = printable(input.source);
  const note = (code: ReasonCode, message: string): Reason => ({ code, message: `${source}: ${message}`, source });
  const invalid = (code: ReasonCode, message: string, earlier: readonly Reason[] = []): FileResult => ({ kind: 'invalid', notes: [...earlier, note(code, message)] });
  if ('error' in input) return invalid('malformed-envelope', printable(input.error));
  let decoded;
  try {
    decoded = decodeEnvelope(input.envelope);
  } catch (err) {
    if (err instanceof MalformedEnvelopeError) return invalid('malformed-envelope', `not a DSSE envelope: ${printable(err.message)}`);
    throw err;
  }
  if (decoded.payloadType !== IN_TOTO_PAYLOAD_TYPE) return invalid('wrong-payload-type', `payloadType is '${printable(decoded.payloadType.slice(0, 100))}', expected ${IN_TOTO_PAYLOAD_TYPE}`);

  const sigs = checkSignatures(decoded, new Map([...known].map(([id, k]) => [id, k.publicKey])));
  const notes: Reason[] = [];
  for (const k of sigs.malformedSignatures) notes.push(note('malformed-envelope', `signature ${printable(k.slice(0, 80))} is not valid base64`));
  for (const k of sigs.badSignatureKeyIds) notes.push(note('bad-signature', `the signature by ${describe(k, known)} does not verify (the payload was altered, or the signature forged)`));
  const counting = sigs.verifiedKeyIds.filter((k) => known.get(k)!.refusal === null);
  for (const k of sigs.verifiedKeyIds) {
    const refusal = known.get(k)!.refusal;
    if (refusal !== null) notes.push(note(refusal.code, `signed by ${refusal.why}: only unrevoked vendor-release keys count`));
  }
  if (counting.length === 0) {
    if (sigs.unknownKeyIds.length > 0) {
      const ids = sigs.unknownKeyIds.slice(0, 5).map((k) => printable(k.slice(0, 80))).join(', ');
      notes.push(note(ctx.roster !== null ? 'not-in-roster' : 'untrusted-key', ctx.roster !== null ? `signed by ${ids}, a key the contract's roster does not list` : `signed by ${ids}, not a trusted vendor key`));
    }
    const bad = sigs.badSignatureKeyIds.length > 0 || sigs.malformedSignatures.length > 0;
    if (notes.length === 0) notes.push(note('malformed-envelope', 'holds no signature'));
    return { kind: bad || sigs.verifiedKeyIds.length + sigs.unknownKeyIds.length === 0 ? 'invalid' : 'untrusted', notes };
  }

  // Only now, with a signature by a vendor key, is the payload read.
  const parsed = parseStatement(decoded.payload);
  if ('problem' in parsed) return invalid('malformed-statement', parsed.problem, notes);
  const { statement } = parsed;
  if (statement.predicateType !== RELEASE_PREDICATE) return invalid('malformed-statement', `predicate type ${printable(statement.predicateType.slice(0, 200))} is not a release signature (${RELEASE_PREDICATE})`, notes);
  const p = parsePredicate(releasePredicateSchema, statement.predicate);
  if ('problem' in p) return invalid('malformed-statement', `release ${printable(p.problem)}`, notes);
  if (!hasSubject(statement, CHANGESET_SUBJECT, ctx.changeSetDigest)) {
    const named = statement.subject.map((s) => printable(`${s.name} sha256:${String(s.digest.sha256 ?? '?').slice(0, 64)}`)).join(', ');
    return invalid('digest-mismatch', `signs another change set (${named.slice(0, 300)}), not ${ctx.changeSetDigest}`, notes);
  }
  const differs = metadataDiffers(p.predicate, ctx.manifest);
  if (differs !== null) return invalid('vendor-signature-invalid', differs, notes);
  if (!counting.includes(p.predicate.signer.keyId)) {
    return invalid('signer-mismatch', `names ${printable(p.predicate.signer.keyId)} as its signer, but that key did not sign it`, notes);
  }
  const time = Date.parse(p.predicate.time);
  if (time > ctx.now.getTime() + CLOCK_SKEW_MS) return invalid('future-dated', `dated ${p.predicate.time}, after the verification time ${ctx.now.toISOString()}`, notes);
  const signers: { keyId: string; name: string }[] = [];
  for (const keyId of counting) {
    const key = known.get(keyId)!;
    if (key.revokedAt !== null && time >= key.revokedAt) {
      notes.push(note('revoked-key', `signed by ${describe(keyId, known)} at ${p.predicate.time}, but that key was revoked at ${new Date(key.revokedAt).toISOString()}`));
    } else {
      signers.push({ keyId, name: key.name });
    }
  }
  return signers.length > 0 ? { kind: 'valid', signers, notes } : { kind: 'untrusted', notes };
}

/** Which manifest field the signed metadata disagrees on, in words; null when all four are equal. */
function metadataDiffers(signed: ReleasePredicate, manifest: ReleaseMetadata): string | null {
  const diff = FIELDS.filter((f) => signed[f] !== manifest[f]);
  if (diff.length === 0) return null;
  const show = (v: string): string => `'${printable(v.slice(0, 100))}'`;
  return `the signed ${diff.map((f) => `${f} ${show(signed[f])} differs from the manifest's ${show(manifest[f])}`).join('; ')}`;
}

function describe(keyId: string, known: ReadonlyMap<string, KnownKey>): string {
  const name = known.get(keyId)?.name;
  return name ? `${printable(name)} (${keyId})` : printable(keyId.slice(0, 80));
}
