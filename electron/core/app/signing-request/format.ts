import { z } from 'zod';
import { base64Shape } from '../../hashing/base64';
import { formatBytes, maxInputBytes } from '../../io/decode-text';
import { parsePlanJson } from '../../loaders/terraform/parse-plan-json';
import { InputError } from '../../model/errors';
import { TYPED_INSTANT, isIsoTime } from '../../model/iso-time';

/**
 * The signing request (docs/signing-request.md): one JSON file holding a change set's files, the
 * contract revision that judges it with its owner-signed publication(s), and the pending
 * exception and decision envelopes with every signature so far. It comes from another
 * machine: everything in it is read as hostile input (strict schema, size caps below, paths
 * by the bundle rules, every digest recomputed, every signature verified).
 */
export const SIGNING_REQUEST_API_VERSION = 'countersign.dev/signing-request/v1';
/** File names end with this; the inbox and importFiles recognise the file by its content, not its name. */
export const SIGNING_REQUEST_SUFFIX = '.countersign-request.json';

/**
 * Caps (documented in docs/signing-request.md). The file itself: at most this many characters,
 * room for change-set files up to the input limit (COUNTERSIGN_MAX_INPUT_MB, default 256 MiB)
 * in base64 plus 16 MiB for the rest.
 */
export function maxRequestChars(): number {
  return Math.ceil(maxInputBytes() / 3) * 4 + 16 * 1024 * 1024;
}
/** Files of the change set (a bundle: its manifest and the artifacts it lists). */
export const MAX_REQUEST_FILES = 1000;
/** The contract YAML. */
export const MAX_CONTRACT_CHARS = 5_000_000;
/** Publications of the contract carried (normally one). */
export const MAX_PUBLICATIONS = 8;
/** Pending exception and decision envelopes. */
export const MAX_PENDING = 1000;
/** One envelope, serialized (the DSSE reader caps its payload at 1 MiB). */
export const MAX_ENVELOPE_CHARS = 2 * 1024 * 1024;
export const MAX_NOTE_CHARS = 10_000;

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 lowercase hex>');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex');
// Shape only: request-files.ts decodes each file strictly, once, after its size check, naming its path.
const base64 = base64Shape('expected base64');
/** An envelope's shape only; its signatures are verified by the reader of each kind. */
const envelope = z.object({
  payloadType: z.string().max(200),
  payload: z.string().max(MAX_ENVELOPE_CHARS),
  signatures: z.array(z.object({ keyid: z.string().max(200), sig: z.string().max(1000) }).strict()).min(1).max(64),
}).strict();

export const signingRequestSchema = z.object({
  apiVersion: z.literal(SIGNING_REQUEST_API_VERSION),
  changeSet: z.object({
    digest,
    files: z.array(z.object({ path: z.string().min(1).max(1024), sha256: hex64, dataBase64: base64 }).strict()).min(1).max(MAX_REQUEST_FILES),
  }).strict(),
  contract: z.object({
    name: z.string().min(1).max(200),
    revision: z.number().int().min(1).max(1_000_000),
    digest,
    text: z.string().min(1).max(MAX_CONTRACT_CHARS),
    publications: z.array(envelope).min(1).max(MAX_PUBLICATIONS),
  }).strict(),
  pending: z.array(envelope).max(MAX_PENDING),
  requestedBy: z.object({ keyId: digest, name: z.string().max(200) }).strict(),
  created: z.string().refine((s) => isIsoTime(s, TYPED_INSTANT), 'expected an ISO-8601 time with a zone'),
  note: z.string().max(MAX_NOTE_CHARS).optional(),
}).strict();

export type SigningRequest = z.infer<typeof signingRequestSchema>;
export type SigningRequestEnvelope = z.infer<typeof envelope>;

/**
 * Reads a signing request's text: size cap, JSON (a syntax error names line and column), then
 * the strict schema (an error names the field). Nothing is verified yet (see receive.ts).
 */
export function readSigningRequest(text: string, source: string): SigningRequest {
  if (text.length > maxRequestChars()) throw new InputError(source, `the signing request is ${formatBytes(text.length)}, over the ${formatBytes(maxRequestChars())} limit (the input limit for its files, in base64, plus 16 MiB)`);
  if (text.trim() === '') throw new InputError(source, 'the file is empty; expected a Countersign signing request (JSON)');
  const value = parsePlanJson(source, text);
  const parsed = signingRequestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    throw new InputError(source, `not a valid signing request (${SIGNING_REQUEST_API_VERSION}): ${where}: ${issue.message}`);
  }
  return parsed.data;
}

/** Does this parsed JSON look like a signing request (routing only: it is then read strictly)? */
export function looksLikeSigningRequest(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { apiVersion?: unknown }).apiVersion === SIGNING_REQUEST_API_VERSION;
}

/** Does this parsed JSON look like a DSSE envelope (routing only: `payloadType` and `signatures`)? */
export function looksLikeEnvelope(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'payloadType' in value && 'signatures' in value;
}

/** A name from vendor metadata as one file-name part: [A-Za-z0-9._-] only (others become '_'), no leading dot, at most 60 characters. */
export function fileNamePart(value: string): string {
  const cleaned = [...value.normalize('NFKC')].map((c) => (/^[A-Za-z0-9._-]$/.test(c) ? c : '_')).join('').replace(/^[.]+/, '_').slice(0, 60);
  return cleaned === '' ? '_' : cleaned;
}

/** `<vendor>-<release>-<digest12>.countersign-request.json`, every vendor-written part escaped. */
export function signingRequestFileName(vendor: string, release: string, changeSetDigest: string): string {
  return `${fileNamePart(vendor)}-${fileNamePart(release)}-${changeSetDigest.replace(/^sha256:/, '').slice(0, 12)}${SIGNING_REQUEST_SUFFIX}`;
}
