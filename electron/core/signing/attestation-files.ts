import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decodeText } from '../io/decode-text';
import { InputError } from '../model/errors';
import type { DsseEnvelope } from './dsse';

export type AttestationKind = 'approval' | 'rejection' | 'exception' | 'contract-revision' | 'withdrawal' | 'release' | 'drift-acknowledgement';

/** One envelope read from a file (or handed over in memory), or why it could not be read. */
export type LoadedAttestation =
  | { readonly source: string; readonly envelope: unknown }
  | { readonly source: string; readonly error: string };

export const ENVELOPE_FILE_SUFFIX = '.dsse.json';
export const JSON_LINES_SUFFIX = '.intoto.jsonl';
/** A contract publication (contract-revision/v2 envelope) as `contract publish` writes it. */
export const PUBLICATION_FILE_SUFFIX = '.publication.json';

/** Reading a folder from the vendor's side: bound the number of envelopes we look at. */
const MAX_ATTESTATIONS = 10_000;

/** `<kind>-<first 12 hex of the payload digest>.dsse.json`: stable as signatures are added. */
export function attestationFileName(kind: AttestationKind, digest: string): string {
  return `${kind}-${digest.replace(/^sha256:/, '').slice(0, 12)}${ENVELOPE_FILE_SUFFIX}`;
}

/** One envelope per file: pretty JSON with a final newline. */
export function envelopeFileText(envelope: DsseEnvelope): string {
  return `${JSON.stringify(envelopeFields(envelope), null, 2)}\n`;
}

/** `.intoto.jsonl`: one envelope per line. */
export function jsonLinesText(envelopes: readonly DsseEnvelope[]): string {
  return envelopes.map((e) => `${JSON.stringify(envelopeFields(e))}\n`).join('');
}

function envelopeFields(e: DsseEnvelope): DsseEnvelope {
  return { payloadType: e.payloadType, payload: e.payload, signatures: e.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig })) };
}

/** Wraps envelopes already in memory (e.g. from the store) for verifyRelease. */
export function attestationsFrom(envelopes: readonly unknown[], source = 'attestation'): LoadedAttestation[] {
  return envelopes.map((envelope, i) => ({ source: envelopes.length > 1 ? `${source} #${i + 1}` : source, envelope }));
}

/**
 * Reads attestations from a file or a folder. A folder contributes its `*.dsse.json`,
 * `*.publication.json` and `*.intoto.jsonl` files (not sub-folders); a named file is read whatever its name (JSON
 * lines when it ends in `.jsonl`). A file or line that is not JSON becomes an entry with an
 * error (it is reported as a malformed envelope), so one bad file does not hide the others.
 * A missing path or unreadable file is an InputError.
 */
export function readAttestations(path: string): LoadedAttestation[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(path, 'no such file or folder');
  }
  const files = isDir
    ? readdirSync(path).filter((n) => n.endsWith(ENVELOPE_FILE_SUFFIX) || n.endsWith(PUBLICATION_FILE_SUFFIX) || n.endsWith(JSON_LINES_SUFFIX)).sort().map((n) => join(path, n))
    : [path];
  const out: LoadedAttestation[] = [];
  for (const file of files) {
    if (isDir && !statSync(file).isFile()) continue;
    out.push(...readAttestationFile(file));
    if (out.length > MAX_ATTESTATIONS) throw new InputError(path, `more than ${MAX_ATTESTATIONS} attestations`);
  }
  return out;
}

function readAttestationFile(file: string): LoadedAttestation[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new InputError(file, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let text: string;
  try {
    text = decodeText(bytes, file);
  } catch (err) {
    return [{ source: file, error: err instanceof InputError ? err.reason : String(err) }];
  }
  if (!basename(file).endsWith('.jsonl')) return [parseJson(text, file)];
  const out: LoadedAttestation[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim()) out.push(parseJson(line, `${file}:${i + 1}`));
  });
  return out;
}

function parseJson(text: string, source: string): LoadedAttestation {
  try {
    return { source, envelope: JSON.parse(text) as unknown };
  } catch (err) {
    return { source, error: `not valid JSON (${(err as Error).message})` };
  }
}
