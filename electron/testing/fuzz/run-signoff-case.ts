/**
 * The properties of the sign-off inputs of issue 10 (see run-case.ts for the loaders'):
 * - signing request: accepted only when it says what the original says (same files, contract,
 *   publications, pending statements, each signature one the requester's file held; the note,
 *   time and requester's own name are free text); else ONE InputError/UsageError naming the
 *   file, and the receiving workspace unchanged (every table's rows, the audit log included);
 * - received attestations: the same refusal property; accepted, every signer recorded has a
 *   signature in the file that verifies with a roster key;
 * - vendor signatures: the import never fails because of signatures/, the digest never
 *   changes, `verified` only with a valid release/v1 by the trusted vendor key over THIS digest
 *   and THIS manifest's metadata, and a good signature is never undone by a bad file beside it.
 */
import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { importAttestations, importChangeSet, receiveSigningRequest } from '../../core/app';
import { pathCollisionKey, unsafeNameReason } from '../../core/loaders/bundle/bundle-path';
import { MAX_SIGNATURE_BYTES, MAX_SIGNATURE_FILES } from '../../core/loaders/bundle/signatures';
import { envelopeFileText } from '../../core/signing/attestation-files';
import { checkSignatures, decodeEnvelope } from '../../core/signing/dsse';
import { keyIdOf } from '../../core/signing/keys';
import { RELEASE_PREDICATE } from '../../core/signing/predicates';
import type { Workspace } from '../../core/store';
import { cosignBase, workspaceFrom } from './cosign-base';
import type { CaseFile, FuzzCase } from './fuzz-case';
import type { CaseOutcome, Problem } from './run-case';
import { errorProblems, firstLine, rowCounts } from './run-case';
import { SIGNED_BUNDLE, vendorBase } from './vendor-signature-cases';

/** Runs `receive` on a fresh copy of `template`; a refusal must be one clear error and change no row. */
async function refusalChecked(template: string, dir: string, c: FuzzCase, receive: (ws: Workspace) => unknown, accepted: (result: unknown) => Problem[]): Promise<CaseOutcome> {
  const ws = workspaceFrom(template, join(dir, 'receiver.db'));
  try {
    const before = rowCounts(ws);
    try {
      const result = await receive(ws);
      return { result: 'verdict', summary: 'accepted', problems: accepted(result) };
    } catch (err) {
      const problems = errorProblems(err, c, dir);
      const after = rowCounts(ws);
      const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
      if (changed.length > 0) problems.push({ kind: 'workspace-write', detail: `rows changed on refusal in ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}` });
      return { result: 'error', summary: firstLine(err), problems };
    }
  } finally {
    ws.close();
  }
}

/** The text a file holds as the app reads it (UTF-8, a BOM dropped). */
function textOf(path: string): string {
  return new TextDecoder('utf-8').decode(readFileSync(path)).replace(/^\ufeff/, '');
}

export async function runSigningRequest(input: string, c: FuzzCase, dir: string): Promise<CaseOutcome> {
  const b = await cosignBase();
  const text = textOf(input);
  const roster = new Map([...b.rosterKeys].map(([id, k]): [string, KeyObject] => [id, createPublicKey(k)]));
  const same = sameRequest(text, b.requestText, (e) => signedOnlyBy(e, roster));
  const outcome = await refusalChecked(c.receiver === 'after-original' ? b.receivedB : b.templateB, dir, c, (ws) => receiveSigningRequest(ws, { text, source: c.input }), () => (same ? [] : [{ kind: 'disagreement', detail: 'accepted a request that says something else than the one Alice signed' }]));
  // The generator's "same meaning, other bytes" cases must pass (a duplicate or a dropped statement may be refused).
  if (outcome.result === 'error' && c.label.startsWith('same:')) return { ...outcome, problems: [...outcome.problems, { kind: 'disagreement', detail: `refused a request that says what the original says: ${outcome.summary}` }] };
  return outcome;
}

type Env = { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };
interface Req { changeSet: { digest: string; files: { path: string; dataBase64: string }[] }; contract: { name: string; revision: number; digest: string; text: string; publications: Env[] }; pending: Env[]; requestedBy: { keyId: string } }

/**
 * Does `text` say what `original` says: free-text fields aside, each envelope one of the
 * original's with a subset of its signatures, or a pending statement every signature of which
 * verifies with a roster key (its signers said it: the requester may re-sign an edited one).
 */
export function sameRequest(text: string, original: string, signedByRoster: (e: unknown) => boolean): boolean {
  let r: Req;
  try {
    r = JSON.parse(text) as Req;
  } catch {
    return false;
  }
  const o = JSON.parse(original) as Req;
  const files = (q: Req): unknown => [...q.changeSet.files].map((f) => [f.path, Buffer.from(f.dataBase64, 'base64').toString('hex')]).sort();
  const subsetOf = (list: unknown, originals: readonly Env[]): boolean => Array.isArray(list) && list.length > 0 === originals.length > 0 && (list as Env[]).every((e) => originals.some((x) => x.payloadType === e?.payloadType && x.payload === e.payload && Array.isArray(e.signatures) && e.signatures.length > 0
    && e.signatures.every((s) => x.signatures.some((y) => isDeepStrictEqual(y, s))) && Object.keys(e).length === 3));
  try {
    return r.changeSet.digest === o.changeSet.digest && isDeepStrictEqual(files(r), files(o)) && r.requestedBy.keyId === o.requestedBy.keyId
      // The contract text may differ where the digest does not (comments, layout): the receiver recomputes the digest.
      && isDeepStrictEqual([r.contract.name, r.contract.revision, r.contract.digest], [o.contract.name, o.contract.revision, o.contract.digest])
      // A pending statement carried among the publications is ignored there (as verify ignores non-publications): still the original's.
      && subsetOf(r.contract.publications, [...o.contract.publications, ...o.pending]) && r.contract.publications.some((e) => subsetOf([e], o.contract.publications))
      && r.pending.every((e) => subsetOf([e], o.pending) || signedByRoster(e));
  } catch {
    return false;
  }
}

/** Does every signature of this envelope verify with one of `keys`? */
function signedOnlyBy(envelope: unknown, keys: ReadonlyMap<string, KeyObject>): boolean {
  try {
    const decoded = decodeEnvelope(envelope);
    const check = checkSignatures(decoded, keys);
    return check.verifiedKeyIds.length > 0 && decoded.signatures.every((s) => check.verifiedKeyIds.includes(s.keyid)) && decoded.malformedSignatures.length === 0;
  } catch {
    return false;
  }
}

export async function runReceivedAttestations(input: string, c: FuzzCase, dir: string): Promise<CaseOutcome> {
  const b = await cosignBase();
  const files = readdirSync(input).sort().map((name) => ({ name, text: textOf(join(input, name)) }));
  const publicKeys = new Map([...b.rosterKeys].map(([id, k]): [string, KeyObject] => [id, createPublicKey(k)]));
  return refusalChecked(c.receiver === 'after-original' ? b.receivedA : b.templateA, dir, c, (ws) => importAttestations(ws, files), (result) => {
    const problems: Problem[] = [];
    for (const s of (result as ReturnType<typeof importAttestations>).statements) {
      const file = files.find((f) => f.name === s.file);
      let verified: readonly string[] = [];
      try {
        verified = checkSignatures(decodeEnvelope(JSON.parse(file!.text)), publicKeys).verifiedKeyIds;
      } catch {
        // Not an envelope we can read: nothing verifies.
      }
      for (const signer of s.signers) {
        if (!verified.includes(signer.keyId)) problems.push({ kind: 'disagreement', detail: `${s.file}: accepted a signature by ${signer.keyId} that does not verify with a roster key` });
      }
      if (s.added > 0 && verified.length === 0) problems.push({ kind: 'disagreement', detail: `${s.file}: stored ${s.added} signature(s) without one verifying by a roster key` });
    }
    return problems;
  });
}

export async function runVendorSignature(input: string, c: FuzzCase, dir: string): Promise<CaseOutcome> {
  const b = await vendorBase();
  const ws = workspaceFrom(b.template, join(dir, 'receiver.db'));
  try {
    let r;
    try {
      r = await importChangeSet(ws, [input]);
    } catch (err) {
      return { result: 'error', summary: firstLine(err), problems: [{ kind: 'disagreement', detail: `the import failed because of signatures/: ${firstLine(err)}` }, ...errorProblems(err, c, dir).filter((p) => p.kind === 'crash')] };
    }
    const problems: Problem[] = [];
    if (r.digest !== b.digest) problems.push({ kind: 'disagreement', detail: `signatures/ changed the digest: ${r.digest}, not ${b.digest}` });
    const state = r.vendorSignature.state;
    const good = goodSignatureFiles(c.packed ?? c.files, b.digest, b.release, b.vendorKey, envelopeFileText(b.signed.envelope));
    if (state === 'verified' && good.all.length === 0) problems.push({ kind: 'disagreement', detail: 'verified without a valid vendor signature over this digest' });
    if (state !== 'verified' && good.read.length > 0) problems.push({ kind: 'disagreement', detail: `${state}, though ${good.read[0]} is a valid vendor signature read with the rest (${r.vendorSignature.reasons.map((x) => x.message).join('; ').slice(0, 300)})` });
    return { result: 'verdict', summary: state, problems };
  } finally {
    ws.close();
  }
}

/**
 * Case files directly in signatures/ that verify as a release/v1 over `digest` by `key` with the
 * manifest's metadata (`all`: without one, never `verified`); and those that are the vendor's
 * untouched file under a plain name among the files read (`read`: with one, always `verified`).
 */
function goodSignatureFiles(caseFiles: readonly CaseFile[], digest: string, release: object, key: KeyObject, original: string): { all: string[]; read: string[] } {
  const prefix = `${SIGNED_BUNDLE}/signatures/`;
  const entries = [...new Set(caseFiles.filter((f) => f.path.startsWith(prefix)).map((f) => f.path.slice(prefix.length).split('/')[0]!))].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  const trusted = new Map([[keyIdOf(key), createPublicKey(key)]]);
  const all = caseFiles.filter((f) => f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('/') && f.data !== undefined && f.data.length <= MAX_SIGNATURE_BYTES && valid(f.data));
  const names = all.map((f) => f.path.slice(prefix.length));
  const untouched = all.filter((f) => Buffer.from(f.data!).equals(Buffer.from(original))).map((f) => f.path.slice(prefix.length));
  const asFile = caseFiles.some((f) => f.path === `${SIGNED_BUNDLE}/signatures`);
  // A name held twice, or by its case twin, is ambiguous (which copy would a tool unpack?): it may be refused.
  const ambiguous = (n: string): boolean => caseFiles.filter((f) => f.path.startsWith(prefix) && pathCollisionKey(f.path.slice(prefix.length).split('/')[0]!) === pathCollisionKey(n)).length > 1;
  return { all: names, read: asFile ? [] : untouched.filter((n) => unsafeNameReason(n) === undefined && !ambiguous(n) && entries.indexOf(n) < MAX_SIGNATURE_FILES) };

  function valid(data: string | Uint8Array): boolean {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(typeof data === 'string' ? Buffer.from(data) : data).replace(/^\ufeff/, '');
      const decoded = decodeEnvelope(JSON.parse(text));
      if (!checkSignatures(decoded, trusted).verifiedKeyIds.includes(keyIdOf(key))) return false;
      const s = JSON.parse(Buffer.from(decoded.payload).toString('utf8')) as { predicateType: string; subject: { name: string; digest: { sha256?: string } }[]; predicate: Record<string, unknown> };
      return s.predicateType === RELEASE_PREDICATE && s.subject.some((x) => x.name === 'changeset' && x.digest.sha256 === digest.slice(7))
        && Object.entries(release).every(([k, v]) => s.predicate[k] === v);
    } catch {
      return false;
    }
  }
}
