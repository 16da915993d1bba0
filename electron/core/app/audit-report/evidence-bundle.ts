// Issue 12 (reports; owner R2): the evidence bundle an auditor is handed: the audit report and
// everything `countersign verify` needs to check its signatures offline (docs/reports.md).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { countsAs, EVIDENCE_SUMS_FILE } from '../../verify';
import { InputError } from '../../model/errors';
import { terminalSafeJson } from '../../model/printable-text';
import { auditReportHtml } from './audit-report-files';
import { EVIDENCE_BUNDLE_LAYOUT } from '../../reports/audit-html-verify';
import type { AuditReport } from '../../reports/audit-report-model';
import { attestationFileName, envelopeFileText, payloadDigest } from '../../signing';
import type { AttestationKind, DsseEnvelope } from '../../signing';
import type { Workspace } from '../../store';
import { currentAuditHead } from '../../store/audit-heads';
import { driftStore } from '../../store/drift';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../../store/private-files';
import { outboxSegment } from '../outbox-layout';
import { ReviewSession } from '../review';
import { workspaceTrust } from '../workspace-judgement';

/*
 * Layout (names are fixed, or built from digests and escaped key names: the vendor's metadata
 * never forms a path):
 *   report.html, report.json, report.pdf (when a PDF was rendered)
 *   audit-head.json                  the audit log's head and chain status when the bundle was made
 *   keys/<name>.pem                  public keys the vendor's verify trusts (contract owners under a roster)
 *   changesets/<12 hex>/contract.yaml                 the contract revision that judges the change set
 *   changesets/<12 hex>/contract.publication.json     its signed publication (when published)
 *   changesets/<12 hex>/<kind>-<12 hex>.dsse.json     every approval, rejection, withdrawal and exception held
 *   drift/<install>/drift-acknowledgement-<12 hex>.dsse.json   signed drift acknowledgements (given by the caller)
 *   SHA256SUMS                       every other file's SHA-256 (`sha256sum -c`, and `verify --evidence`)
 */

export const EVIDENCE_SUMS = EVIDENCE_SUMS_FILE;
export const EVIDENCE_PDF = 'report.pdf';
export const EVIDENCE_CONTRACT = 'contract.yaml';
export const EVIDENCE_PUBLICATION = 'contract.publication.json';

export interface EvidenceFile {
  /** Bundle-relative, `/`-separated. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A signed drift acknowledgement (D3's drift-acknowledgement/v1) of an install in the report. */
export interface EvidenceDriftAcknowledgement {
  readonly install: string;
  readonly statementDigest: string;
  /** The DSSE envelope as stored (JSON text). */
  readonly envelope: string;
}

export interface EvidenceBundleOptions {
  /** The report's PDF, when a renderer was there. */
  readonly pdf?: Uint8Array;
  readonly session?: ReviewSession;
  /**
   * The signed drift acknowledgements to consider (those of the report's installs are written).
   * By default every acknowledgement the workspace holds (`verify --evidence` checks their signatures).
   */
  readonly driftAcknowledgements?: readonly EvidenceDriftAcknowledgement[];
}

/** Every file of the bundle, SHA256SUMS last. */
export function evidenceBundleFiles(ws: Workspace, report: AuditReport, options: EvidenceBundleOptions = {}): EvidenceFile[] {
  const L = EVIDENCE_BUNDLE_LAYOUT;
  const session = options.session ?? new ReviewSession(ws);
  const text = (path: string, s: string): EvidenceFile => ({ path, bytes: Buffer.from(s, 'utf8') });
  const files: EvidenceFile[] = [
    text(L.report, auditReportHtml(ws, report)),
    text(L.json, `${terminalSafeJson(JSON.stringify(report, null, 2))}\n`),
  ];
  if (options.pdf !== undefined) files.push({ path: EVIDENCE_PDF, bytes: options.pdf });
  const head = currentAuditHead(ws);
  files.push(text(L.auditHead, `${JSON.stringify({ ...head, entries: report.auditChain.entries, chainOk: report.auditChain.ok, at: report.generatedAt }, null, 2)}\n`));
  const keys = new Map<string, string>();
  for (const c of report.changeSets) {
    const folder = L.changeSetFolder(c.digest);
    files.push(...changeSetEvidence(ws, session, c.digest, folder, keys));
  }
  // drift/<install, escaped>/drift-acknowledgement-<12 hex>.dsse.json: signed like an approval; the checksums cover them.
  const installs = new Set([...report.changeSets.map((c) => c.install), ...report.drift.reports.map((r) => r.install)]);
  for (const a of options.driftAcknowledgements ?? storedDriftAcknowledgements(ws)) {
    if (!installs.has(a.install)) continue;
    const hex = /^sha256:([0-9a-f]{64})$/.exec(a.statementDigest)?.[1];
    if (hex === undefined) throw new InputError(a.statementDigest, 'not a drift acknowledgement statement digest (sha256:<64 hex>)');
    files.push(envelopeFile(`drift/${outboxSegment(a.install)}/drift-acknowledgement-${hex.slice(0, 12)}.dsse.json`, a.envelope));
  }
  for (const [path, pem] of keys) files.push(text(path, pem));
  files.push(text(EVIDENCE_SUMS, sumsText(files)));
  return files;
}

/** Writes the bundle into `dir` (created owner-only; it must be empty or not exist). Returns the paths written. */
export function writeEvidenceBundle(ws: Workspace, report: AuditReport, dir: string, options: EvidenceBundleOptions = {}): string[] {
  assertEvidenceDirFree(dir);
  const files = evidenceBundleFiles(ws, report, options);
  try {
    makePrivateDir(dir);
    return files.map((f) => {
      const path = join(dir, ...f.path.split('/'));
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, f.bytes, { mode: PRIVATE_FILE_MODE });
      return path;
    });
  } catch (err) {
    throw new InputError(dir, `cannot write the evidence bundle here (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** Refuses a folder that holds anything (checked before the work, and again before writing). */
export function assertEvidenceDirFree(dir: string): void {
  let existing: string[] = [];
  try {
    existing = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') throw new InputError(dir, 'is a file, not a folder for the evidence bundle');
    // Not there yet: made when written.
  }
  if (existing.length > 0) throw new InputError(dir, 'is not empty: an evidence bundle is written into an empty or new folder, so that its checksums cover exactly what it holds');
}

/** `sha256sum` format: `<64 hex>  <path>` per file, sorted by path. */
export function sumsText(files: readonly EvidenceFile[]): string {
  return files.filter((f) => f.path !== EVIDENCE_SUMS).map((f) => `${createHash('sha256').update(f.bytes).digest('hex')}  ${f.path}`).sort((a, b) => a.slice(66).localeCompare(b.slice(66))).join('\n').concat('\n');
}

/**
 * One change set's folder: the judging contract revision and its publication, and every signed
 * statement the workspace holds for it (each exception as its newest signed copy). Adds the keys
 * the vendor's verify trusts to `keys`.
 */
function changeSetEvidence(ws: Workspace, session: ReviewSession, digest: string, folder: string, keys: Map<string, string>): EvidenceFile[] {
  const { revision, contract } = session.judge(digest).active;
  const out: EvidenceFile[] = [{ path: `${folder}/${EVIDENCE_CONTRACT}`, bytes: Buffer.from(revision.content, 'utf8') }];
  if (revision.publishedEnvelope !== null) out.push(envelopeFile(`${folder}/${EVIDENCE_PUBLICATION}`, revision.publishedEnvelope));
  const add = (kind: AttestationKind, envelope: string): void => {
    const parsed = JSON.parse(envelope) as DsseEnvelope;
    out.push({ path: `${folder}/${attestationFileName(kind, payloadDigest(Buffer.from(parsed.payload, 'base64')))}`, bytes: Buffer.from(envelopeFileText(parsed), 'utf8') });
  };
  for (const a of ws.attestations.listApprovals(digest)) add(a.kind === 'approve' ? 'approval' : 'rejection', a.envelope);
  for (const w of ws.withdrawals.list(digest)) add('withdrawal', w.envelope);
  for (const e of ws.attestations.listExceptions(digest)) add('exception', e.signatures.at(-1)?.envelope ?? e.envelope);
  const roster = contract.roster ?? [];
  const trusted = roster.length > 0
    ? roster.filter((r) => countsAs(r, 'contract-owner')).map((r) => ({ name: r.name, pem: r.publicKey }))
    : workspaceTrust(ws).filter((k) => k.revokedAt === null || k.revokedAt === undefined).map((k) => ({ name: k.name ?? k.source ?? 'key', pem: k.pem }));
  for (const k of trusted) {
    if ([...keys.values()].includes(k.pem)) continue;
    const base = `${EVIDENCE_BUNDLE_LAYOUT.keys}/${outboxSegment(k.name)}`;
    let path = `${base}.pem`;
    for (let n = 2; keys.has(path); n++) path = `${base}-${n}.pem`;
    keys.set(path, k.pem.endsWith('\n') ? k.pem : `${k.pem}\n`);
  }
  return dedupe(out);
}

/** The workspace's signed drift acknowledgements, as the outbox exports them. */
function storedDriftAcknowledgements(ws: Workspace): EvidenceDriftAcknowledgement[] {
  return driftStore(ws).listAcknowledgements().map((a) => ({ install: a.install, statementDigest: a.statementDigest, envelope: a.envelope }));
}

function envelopeFile(path: string, envelope: string): EvidenceFile {
  return { path, bytes: Buffer.from(envelopeFileText(JSON.parse(envelope) as DsseEnvelope), 'utf8') };
}

/** The same statement stored twice (an approval re-imported) is one file. */
function dedupe(files: readonly EvidenceFile[]): EvidenceFile[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.path) && (seen.add(f.path), true));
}
