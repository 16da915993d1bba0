import { importAttestations, looksLikeEnvelope, looksLikeSigningRequest, receiveSigningRequest } from '../core/app';
import { MAX_ATTESTATION_FILE_CHARS } from '../core/app/import-attestations';
import type { ImportedStatement } from '../core/app/import-attestations';
import { maxRequestChars, SIGNING_REQUEST_API_VERSION } from '../core/app/signing-request/format';
import { InputError } from '../core/model/errors';
import { printable } from '../core/model/printable-text';
import type { AttestationsImportResult, SigningRequestImportResult } from '../shared/api-types';
import type { AppContext } from './app-context';

/** A file as received (dropped bytes, a dialog's path, the watched folder). */
export interface ReceivedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type FileKind = 'signing-request' | 'attestation' | 'other';

/** How far into a big file we look for a signing request's apiVersion (a request is pretty-printed with it first). */
const HEAD_CHARS = 64 * 1024;

/**
 * What a file is, by its content (never its name): a signing request (apiVersion
 * countersign.dev/signing-request/v1), a signed attestation (a JSON object with `payloadType` and
 * `signatures`: a DSSE envelope), or anything else (a change-set file for the loaders).
 * Recognised BEFORE the change-set loaders, so neither is ever called "neither a Terraform plan
 * nor a Kubernetes object". A file that only looks like one (broken JSON with those keys in
 * its head) is routed too, so its error is the right reader's (with its line).
 */
export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes.length > maxRequestChars()) return 'other';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, HEAD_CHARS)).replace(/^\ufeff/, '').trimStart();
  if (!head.startsWith('{')) return 'other';
  if (bytes.length <= MAX_ATTESTATION_FILE_CHARS) {
    try {
      const value: unknown = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, ''));
      if (looksLikeSigningRequest(value)) return 'signing-request';
      if (looksLikeEnvelope(value)) return 'attestation';
      return 'other';
    } catch {
      // Broken JSON: routed by what its head says it is.
    }
  }
  if (head.includes(`"${SIGNING_REQUEST_API_VERSION}"`)) return 'signing-request';
  if (bytes.length <= MAX_ATTESTATION_FILE_CHARS && /"payloadType"\s*:/.test(head) && /"signatures"\s*:/.test(head)) return 'attestation';
  return 'other';
}

/**
 * Imports the files when they are signed attestations or a signing request; null when they are
 * change-set files (the caller imports them as a change set). A mix is refused: a signing
 * request is imported alone, attestations apart from change-set files.
 */
export function importSigned(ctx: AppContext, files: readonly ReceivedBytes[]): AttestationsImportResult | SigningRequestImportResult | null {
  const kinds = files.map((f) => fileKind(f.bytes));
  const requestAt = kinds.indexOf('signing-request');
  const attestationAt = kinds.indexOf('attestation');
  if (requestAt < 0 && attestationAt < 0) return null;
  if (requestAt >= 0) {
    if (files.length > 1) throw new InputError(printable(files[requestAt]!.name), 'is a signing request: import it alone, not together with other files');
    return receiveRequest(ctx, files[0]!);
  }
  const other = kinds.indexOf('other');
  if (other >= 0) {
    throw new InputError(printable(files[attestationAt]!.name), `is a signed attestation, but ${printable(files[other]!.name)} is not: import signed files apart from change-set files`);
  }
  return receiveAttestations(ctx, files);
}

function receiveRequest(ctx: AppContext, file: ReceivedBytes): SigningRequestImportResult {
  const r = receiveSigningRequest(ctx.ws, { text: new TextDecoder('utf-8').decode(file.bytes).replace(/^\ufeff/, ''), source: file.name }, ctx.session);
  ctx.session.remember(r.changeSet.digest, r.changeSet.changeSet);
  const waiting = r.pending.filter((p) => p.kind === 'exception').map((p) => `exception ${p.digest.slice(0, 19)}…`);
  const from = printable(r.requestedBy.name);
  return {
    kind: 'signing-request',
    digest: r.changeSet.digest,
    created: r.changeSet.created,
    verdict: r.changeSet.evaluation.verdict,
    resourceCount: ctx.ws.changeSets.getChangeSet(r.changeSet.digest)?.resourceCount ?? 0,
    findingCount: r.changeSet.evaluation.findingCount,
    contract: r.contract,
    requestedBy: r.requestedBy,
    pending: r.pending.map((p) => ({ kind: p.kind, digest: p.digest, added: p.added })),
    note: r.note,
    summary: waiting.length > 0
      ? `Signing request from ${from}: ${waiting.join(', ')} awaiting your signature`
      : `Signing request from ${from}: change set ${r.changeSet.digest.slice(0, 19)}… to review`,
  };
}

function receiveAttestations(ctx: AppContext, files: readonly ReceivedBytes[]): AttestationsImportResult {
  const r = importAttestations(ctx.ws, files.map((f) => ({ name: f.name, text: new TextDecoder('utf-8').decode(f.bytes) })), { context: ctx.session });
  const statements = r.statements.map((s: ImportedStatement) => ({ ...s }));
  return { kind: 'attestations', digest: r.changeSets[0] ?? null, statements, summary: statements.map((s) => s.summary).join('\n') };
}
