import { sign as edSign, verify as edVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { dsse } from '@sigstore/core';
import { decodeBase64Strict } from '../hashing/base64';
import { keyIdOf } from './keys';

/** The DSSE envelope as it is written to files (https://github.com/secure-systems-lab/dsse). */
export interface DsseEnvelope {
  readonly payload: string;
  readonly payloadType: string;
  readonly signatures: readonly DsseSignature[];
}

export interface DsseSignature {
  readonly keyid: string;
  readonly sig: string;
}

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** Envelopes come from the vendor's side of the fence: bound what one may cost us. */
const MAX_SIGNATURES = 64;
const MAX_PAYLOAD_CHARS = 1024 * 1024;

/** An envelope whose fields are well-formed, with its payload bytes decoded (NOT yet trusted). */
export interface DecodedEnvelope {
  readonly envelope: DsseEnvelope;
  readonly payloadType: string;
  readonly payload: Buffer;
  /** Decoded signatures; those with an undecodable `sig` are dropped into `malformedSignatures`. */
  readonly signatures: readonly { readonly keyid: string; readonly sig: Buffer }[];
  readonly malformedSignatures: readonly string[];
}

export class MalformedEnvelopeError extends Error {
  override readonly name = 'MalformedEnvelopeError';
}

/** Checks the envelope's shape and base64. Throws MalformedEnvelopeError. Does not verify anything. */
export function decodeEnvelope(value: unknown): DecodedEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedEnvelopeError('not a JSON object');
  const v = value as Record<string, unknown>;
  if (typeof v.payloadType !== 'string') throw new MalformedEnvelopeError('payloadType is missing or not a string');
  if (typeof v.payload !== 'string') throw new MalformedEnvelopeError('payload is missing or not a string');
  if (v.payload.length > MAX_PAYLOAD_CHARS) throw new MalformedEnvelopeError(`payload is over ${MAX_PAYLOAD_CHARS} characters`);
  if (!Array.isArray(v.signatures)) throw new MalformedEnvelopeError('signatures is missing or not a list');
  if (v.signatures.length === 0) throw new MalformedEnvelopeError('has no signatures');
  if (v.signatures.length > MAX_SIGNATURES) throw new MalformedEnvelopeError(`has ${v.signatures.length} signatures (at most ${MAX_SIGNATURES})`);
  const payload = decodeBase64Strict(v.payload);
  if (payload === null) throw new MalformedEnvelopeError('payload is not valid base64');
  const signatures: { keyid: string; sig: Buffer }[] = [];
  const malformed: string[] = [];
  const raw: DsseSignature[] = [];
  for (const [i, s] of v.signatures.entries()) {
    const entry = s as Record<string, unknown> | null;
    if (typeof entry !== 'object' || entry === null || typeof entry.sig !== 'string') {
      throw new MalformedEnvelopeError(`signature ${i + 1} has no sig string`);
    }
    // keyid is an optional, unauthenticated hint in DSSE; we require it to pick the key (no trial verification).
    const keyid = typeof entry.keyid === 'string' ? entry.keyid : '';
    raw.push({ keyid, sig: entry.sig });
    const sig = decodeBase64Strict(entry.sig);
    if (sig === null) malformed.push(keyid || `signature ${i + 1}`);
    else signatures.push({ keyid, sig });
  }
  return {
    envelope: { payload: v.payload, payloadType: v.payloadType, signatures: raw },
    payloadType: v.payloadType,
    payload,
    signatures,
    malformedSignatures: malformed,
  };
}

/** DSSE signature over PAE(payloadType, payload) with an Ed25519 key. */
export function signPayload(payloadType: string, payload: Buffer, privateKey: KeyObject): DsseSignature {
  const sig = edSign(null, dsse.preAuthEncoding(payloadType, payload), privateKey);
  return { keyid: keyIdOf(privateKey), sig: sig.toString('base64') };
}

/** Makes a new envelope with one signature. */
export function createEnvelope(payloadType: string, payload: Buffer, privateKey: KeyObject): DsseEnvelope {
  return { payloadType, payload: payload.toString('base64'), signatures: [signPayload(payloadType, payload, privateKey)] };
}

/** Outcome of checking each signature of an envelope against the keys we trust. */
export interface SignatureCheck {
  /** Key ids whose signature verified (each once, however often it appears). */
  readonly verifiedKeyIds: readonly string[];
  /** Key ids named by signatures that did not verify with that (trusted) key. */
  readonly badSignatureKeyIds: readonly string[];
  /** Key ids (or `signature N`) whose sig is not base64: never verified. */
  readonly malformedSignatures: readonly string[];
  /** Key ids we do not trust (ignored, as DSSE says). */
  readonly unknownKeyIds: readonly string[];
}

/**
 * DSSE verification: each signature is checked with the trusted key its keyid names, over
 * PAE(payloadType, payload bytes as received). Unknown keyids are ignored; a key signing
 * twice counts once. The payload is not parsed here: callers parse it only when at least
 * one signature verified.
 */
export function checkSignatures(decoded: DecodedEnvelope, trusted: ReadonlyMap<string, KeyObject>): SignatureCheck {
  const pae = dsse.preAuthEncoding(decoded.payloadType, decoded.payload);
  const verified = new Set<string>();
  const bad = new Set<string>();
  const unknown = new Set<string>();
  for (const { keyid, sig } of decoded.signatures) {
    const key = trusted.get(keyid);
    if (!key) unknown.add(keyid || '(no keyid)');
    else if (sig.length === 64 && edVerify(null, pae, key, sig)) verified.add(keyid);
    else bad.add(keyid);
  }
  // A key with one good signature is verified; its other (bad) copies do not undo that.
  for (const k of verified) bad.delete(k);
  return {
    verifiedKeyIds: [...verified].sort(),
    badSignatureKeyIds: [...bad].sort(),
    malformedSignatures: decoded.malformedSignatures,
    unknownKeyIds: [...unknown].sort(),
  };
}
