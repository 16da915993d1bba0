/**
 * The one typed API between the renderer and the Node side (method → input schema → result),
 * like GitHub Desktop's ipc-shared.ts. Electron's preload exposes it over IPC, the browser
 * host over loopback HTTP; the renderer code is the same for both. Every input is validated
 * against these schemas at the boundary (main / host), never trusted from the renderer.
 */
import { z } from 'zod';
import { TYPED_INSTANT, isIsoTime } from '../core/model/iso-time';
import { REJECTION_COMMENT_RULE, hasRejectionComment } from '../core/model/rejection-comment';
import { contractEditSchema } from '../core/base/contract-edits';
import { displayLabelProblem } from '../core/model/display-label';
import type * as T from './api-types';

/** The decision rules the desktop form checks before signing (the same the core enforces). */

const digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex>');
const keyId = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected a key id (sha256:<64 hex>)');
const passphrase = z.string().min(1, 'passphrase required').max(1024);
const isoTime = z.string().refine((s) => isIsoTime(s, TYPED_INSTANT), 'expected an ISO-8601 time with a zone, on a real calendar day');
const none = z.object({}).strict();
/** Issue 12 (reports): the text formats of an audit report. */
const auditReportFormat = z.enum(['html', 'json', 'sarif', 'junit']);
/** Issue 12 (reports, R2): what a PDF or evidence bundle covers: one change set, or a period for an install and/or vendor. */
const auditReportScope = z.union([
  z.object({ changeSet: digest }).strict(),
  z.object({
    install: z.string().min(1).max(200).optional(), vendor: z.string().min(1).max(200).optional(),
    since: z.string().min(1).max(40), until: z.string().min(1).max(40).optional(),
  }).strict().refine((p) => p.install !== undefined || p.vendor !== undefined, 'a period report needs an install or a vendor'),
]);
/** A contract's name (metadata.name). */
const contractName = z.string().trim().min(1).max(200);
/** A contract draft: the whole YAML text being edited (unsaved). */
const draftText = z.string().min(1).max(5_000_000);
const policyId = z.string().min(1).max(100);
const revisionNumber = z.number().int().min(1);
const comment = z.string().max(10_000);
/** A display label as typed: plain one-line text (core/model/display-label.ts); trimmed and stored by core/app/change-set-labels.ts. */
const displayLabel = z.string().max(1000).superRefine((s, ctx) => {
  const problem = displayLabelProblem(s);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `the label ${problem}` });
}).optional();

/**
 * Declares a method: its result type, then its input schema. The input TYPE is the schema's
 * (`z.input`), never written twice: `method<Result>()(schema)`.
 */
function method<O>() {
  return <I extends z.ZodType>(input: I): { readonly input: I; readonly output?: O } => ({ input });
}

const importFile = z.object({
  /** Bundle-relative path (folder drop / webkitdirectory) or the file's name. */
  path: z.string().min(1).max(1024),
  dataBase64: z.string(),
}).strict();
/** One waiver of an exception: an exact address (that address only), or an explicit glob pattern (exception/v2). */
const waiver = z.union([
  z.object({ policy: z.string().min(1).max(200), address: z.string().min(1).max(1024) }).strict(),
  z.object({ policy: z.string().min(1).max(200), pattern: z.string().min(1).max(1024) }).strict(),
]);
export type ImportFile = Readonly<z.input<typeof importFile>>;
export type WaiverInput = Readonly<z.input<typeof waiver>>;

export const apiContract = {
  appInfo: method<T.AppInfo>()(none),
  listInbox: method<T.Inbox>()(none),
  importFiles: method<T.ImportResult>()(z.object({
    files: z.array(importFile).min(1).max(10_000),
  }).strict()),
  /** Native file dialog (Electron only; browser mode answers `unsupported`). */
  importWithDialog: method<T.ImportResult | null>()(none),
  getChangeSet: method<T.ChangeSetDetailDto>()(z.object({ digest }).strict()),
  /** Every row, or (with `first`) only the first rows in the change set's order: what the review paints while the rest loads. */
  listResources: method<readonly T.ResourceRow[]>()(z.object({ digest, first: z.number().int().min(1).max(10_000).optional() }).strict()),
  getResource: method<T.ResourceDetail>()(z.object({ digest, index: z.number().int().min(0) }).strict()),
  listFindings: method<readonly T.FindingDto[]>()(z.object({ digest }).strict()),
  getSourceExcerpt: method<T.SourceExcerpt>()(z.object({
    digest, file: z.string().min(1).max(1024), line: z.number().int().min(1), context: z.number().int().min(0).max(2000).optional(),
    /** The finding's column and blamed field (its explanation's `field`): a plan's excerpt is rendered from the model, and highlights that field. */
    column: z.number().int().min(1).optional(),
    field: z.array(z.union([z.string().max(1024), z.number().int().min(0)])).max(256).optional(),
  }).strict()),
  getQuorum: method<T.QuorumStatus>()(z.object({ digest }).strict()),
  approve: method<T.SignResult>()(z.object({
    digest, keyId, passphrase, comment: z.string().max(10_000),
  }).strict()),
  reject: method<T.SignResult>()(z.object({
    digest, keyId, passphrase, comment: z.string().max(10_000).refine(hasRejectionComment, REJECTION_COMMENT_RULE),
  }).strict()),
  listExceptions: method<readonly T.ExceptionDto[]>()(z.object({ digest }).strict()),
  /**
   * `waives`: `{policy, address}` waives that exact address only; `{policy, pattern}` is an
   * explicit glob (exception/v2). One or more.
   */
  requestException: method<T.ExceptionDto>()(z.object({
    digest,
    waives: z.array(waiver).min(1).max(1000),
    justification: z.string().trim().min(1, 'a justification is required').max(10_000),
    expires: isoTime, scope: z.enum(['changeset', 'contract']), keyId, passphrase,
  }).strict()),
  /** `digest`: the change set under review (needed to show a contract-wide exception). */
  signException: method<T.ExceptionDto>()(z.object({
    exceptionId: z.string().min(1).max(200), keyId, passphrase, digest: digest.optional(),
  }).strict()),
  listKeys: method<T.KeyListDto>()(none),
  createKey: method<T.ReviewerKeyDto>()(z.object({
    name: z.string().trim().min(1).max(200), passphrase: z.string().max(1024),
  }).strict()),
  exportPublicKey: method<T.PublicKeyDto>()(z.object({ keyId }).strict()),
  trustKey: method<T.TrustedKeyDto>()(z.object({
    pem: z.string().min(1).max(20_000), name: z.string().trim().min(1).max(200), role: z.enum(['reviewer', 'vendor', 'contract-owner']),
  }).strict()),
  revokeKey: method<{ readonly revokedAt: string }>()(z.object({ keyId }).strict()),
  /** Newest first: `offset` counts back from the newest entry (offset 0 = the latest `limit` entries). */
  getAudit: method<T.AuditPage>()(z.object({
    offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000),
  }).strict()),
  verifyAudit: method<T.AuditStatus>()(none),
  // ---- The contract editor (issue 9). `contract` names the contract (metadata.name); a
  // workspace holds one per vendor (optionally per install). `text` is the unsaved draft.
  listContracts: method<readonly T.ContractSummaryDto[]>()(none),
  /** The latest revision of `contract` (default: the default contract), with everything the editor shows. */
  getContract: method<T.ContractView>()(z.object({ contract: contractName.optional() }).strict()),
  /** Applies edits to the draft in place (comments, key order and untouched policies kept byte for byte) and loads the result. */
  editContractDraft: method<T.ContractDraftDto>()(z.object({
    contract: contractName, text: draftText, edits: z.array(contractEditSchema).max(1000),
  }).strict()),
  /** Type-checks one expression of one policy of the draft, with positions. */
  checkCel: method<{ readonly diagnostics: readonly T.CelDiagnosticDto[] }>()(z.object({
    contract: contractName, text: draftText, policy: policyId, field: z.enum(['condition', 'message', 'path']), expression: z.string().max(100_000),
  }).strict()),
  getCelCatalog: method<T.CelCatalogDto>()(z.object({ contract: contractName }).strict()),
  runPolicyTests: method<readonly T.PolicyTestResultDto[]>()(z.object({ contract: contractName, text: draftText, policy: policyId }).strict()),
  /** Adds a test to an own policy: the stored resource (masked model) as a fixture, with its outcome. */
  captureTest: method<T.ContractDraftDto>()(z.object({
    contract: contractName, text: draftText, digest, resourceIndex: z.number().int().min(0), policy: policyId,
    expect: z.enum(['fail', 'pass', 'error', 'unknown']).optional(), name: z.string().trim().min(1).max(200).optional(),
  }).strict()),
  startImpact: method<T.ImpactStartDto>()(z.object({ contract: contractName, text: draftText }).strict()),
  pollImpact: method<T.ImpactPageDto>()(z.object({ jobId: z.string().min(1).max(100), cursor: z.number().int().min(0) }).strict()),
  cancelImpact: method<{ readonly cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
  explainImpact: method<T.FindingExplanationDto>()(z.object({
    contract: contractName, text: draftText, digest, resourceIndex: z.number().int().min(0), policy: policyId,
  }).strict()),
  /** Saves the draft as a new revision (its tests must pass); the author is the key's identity. */
  saveContract: method<T.SavedRevisionDto>()(z.object({ contract: contractName, text: draftText, comment, keyId }).strict()),
  listContractRevisions: method<readonly T.ContractRevisionDto[]>()(z.object({ contract: contractName }).strict()),
  diffContractRevisions: method<T.RevisionDiffDto>()(z.object({ contract: contractName, from: revisionNumber, to: revisionNumber }).strict()),
  /** Makes revision N current again, as a new revision. */
  revertContract: method<T.SavedRevisionDto>()(z.object({ contract: contractName, revision: revisionNumber, comment, keyId }).strict()),
  /** Signs a revision's publication with contract-owner key(s) (roster, pack pins, notAfter). */
  publishContract: method<T.PublicationDto>()(z.object({
    contract: contractName, revision: revisionNumber,
    signers: z.array(z.object({ keyId, passphrase }).strict()).min(1).max(10),
    notAfter: isoTime,
  }).strict()),
  /** Kubernetes ValidatingAdmissionPolicy YAML → own policies added to the draft. */
  importVap: method<T.ContractDraftDto>()(z.object({ contract: contractName, text: draftText, yaml: z.string().min(1).max(5_000_000) }).strict()),
  exportVap: method<{ readonly yaml: string }>()(z.object({ contract: contractName, text: draftText, policy: policyId }).strict()),
  // ---- issue 10 (people): one personal key per person, rotate, audit names the reviewer
  /**
   * Replaces the personal key: a new key, the old one revoked, a new revision of every contract
   * whose roster lists it (published at once, signed by the new key, where its holder is a
   * contract-owner). `retireOthers`: also revoke the extra keys of a workspace made before the
   * one-key rule.
   */
  rotateKey: method<T.RotateKeyDto>()(z.object({
    keyId, passphrase, newPassphrase: z.string().max(1024),
    name: z.string().trim().min(1).max(200).optional(), notAfter: isoTime.optional(), retireOthers: z.boolean().optional(),
  }).strict()),
  // ---- end people
  // ---- issue 10 (vendor): vendor release signatures
  // ---- end vendor
  // ---- issue 10 (request): signing requests and received attestations
  /** "Send for co-signature": writes the change set's signing request into the outbox (docs/signing-request.md). */
  exportSigningRequest: method<T.SigningRequestDto>()(z.object({ digest, note: z.string().max(10_000).optional() }).strict()),
  /** Exceptions of this change set still waiting for this workspace's signature. */
  coSignStatus: method<T.CoSignStatusDto>()(z.object({ digest }).strict()),
  // ---- end request
  // ---- issue 10 (decisions): final decisions, withdrawals, stale state, expiry warnings, settings
  /** Signs a withdrawal of MY standing decision (`decision`: its payload digest, when I have several); the reason is required. */
  withdrawDecision: method<T.SignResult>()(z.object({
    digest, keyId, passphrase, reason: z.string().trim().min(1, 'a withdrawal needs a reason').max(10_000), decision: digest.optional(),
  }).strict()),
  getSettings: method<T.SettingsDto>()(none),
  updateSettings: method<T.SettingsDto>()(z.object({
    exceptionExpiryWarningDays: z.number().int('a whole number of days').min(1, 'at least 1 day').max(90, 'at most 90 days'),
  }).strict()),
  // ---- end decisions
  // ---- issue 10 (batch): batch exceptions, outbox per change set, export for the vendor, verify as the vendor
  /**
   * The exact list one exception will waive (exact addresses, grouped by policy), from one
   * selector kind: filters (ANDed), all deny findings, or single findings. Refused when nothing
   * or more than 1000 are selected.
   */
  previewWaivers: method<T.WaiverPreviewDto>()(z.object({
    digest,
    selector: z.object({
      policies: z.array(z.string().min(1).max(200)).min(1).max(1000).optional(),
      resourcePattern: z.string().min(1).max(1024).optional(),
      severities: z.array(z.enum(['critical', 'high', 'medium', 'low', 'info'])).min(1).max(5).optional(),
      allDeny: z.literal(true).optional(),
      findings: z.array(z.object({ policy: z.string().min(1).max(200), address: z.string().min(1).max(1024) }).strict()).min(1).max(1000).optional(),
    }).strict(),
  }).strict()),
  /** Writes what the vendor's verify needs (attestations, contract, publication) to the change set's export folder. */
  exportForVendor: method<T.VendorExportDto>()(z.object({ digest }).strict()),
  /** Runs verify as the vendor will, over exactly what an export writes, trusting only the contract owners. */
  verifyAsVendor: method<T.VendorVerificationDto>()(z.object({ digest }).strict()),
  // ---- end batch
  // ---- issue 11 (explain): why each rule fired (explanations ride on getResource's findings)
  // ---- end explain
  // ---- issue 11 (detail): attribute-level diff, images, the finding card
  // ---- end detail
  // ---- issue 11 (navigation): search, filters, sort, viewed, shortcuts, duplicate addresses
  /** The resources this reviewer (personal key, else OS user) marked "Viewed" in the change set. */
  listViewed: method<T.ViewedDto>()(z.object({ digest }).strict()),
  /** Marks resources "Viewed" (or not, `viewed: false`); an index outside the change set stores nothing. */
  setViewed: method<T.ViewedDto>()(z.object({
    digest, indexes: z.array(z.number().int().min(0)).min(1).max(50_000), viewed: z.boolean(),
  }).strict()),
  // ---- end navigation
  // ---- issue 11 (speed): raw-byte uploads, Electron paths, stored resource rows, policy texts once
  /**
   * Browser mode: imports files whose raw bytes were streamed to PUT /upload (one upload id
   * each), under their relative paths (a dropped folder keeps its structure). Each upload is
   * imported once. Electron answers `unsupported` (it passes paths: importLocalPaths).
   */
  importUploads: method<T.ImportResult>()(z.object({
    files: z.array(z.object({
      upload: z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'expected an upload id'),
      path: z.string().min(1).max(1024),
    }).strict()).min(1).max(10_000),
  }).strict()),
  /**
   * Electron only: imports the files and folders the user dropped or picked, by their paths.
   * The preload takes the paths from the File objects themselves (webUtils.getPathForFile) and
   * exposes no way to name other paths; main checks each one exists and is a regular file or
   * folder. Browser mode answers `unsupported`.
   */
  importLocalPaths: method<T.ImportResult>()(z.object({
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
  }).strict()),
  /** Each policy's title, description and remediation, once (listFindings does not repeat them per finding). */
  listPolicyTexts: method<T.PolicyTextsDto>()(z.object({ digest }).strict()),
  // ---- end speed
  // ---- issue 11 (imports): names from files, display labels, watched-inbox events, notices, dates
  /**
   * Display labels of a change set (the fields given; '' clears one): only fields its
   * changeset.yaml leaves empty; never the digest, contract selection, policies, verify or the
   * outbox. Audited. Answers how the screen names it now.
   */
  setChangeSetLabels: method<T.ChangeSetDisplayDto>()(z.object({
    digest,
    labels: z.object({ vendor: displayLabel, app: displayLabel, install: displayLabel, release: displayLabel }).strict(),
  }).strict()),
  /** Hides a watched-folder failure notice (the file stays in inbox/failed/). */
  dismissWatchProblem: method<{ readonly dismissed: boolean }>()(z.object({ id: z.string().min(1).max(100) }).strict()),
  /** Browser mode: a single-use ticket (30 s) that opens the `/events/inbox` event stream (EventSource cannot send the token). */
  openInboxEvents: method<{ readonly ticket: string; readonly expiresInMs: number }>()(none),
  // ---- end imports
  // ---- issue 13 (fleet preview): one release against many customers' published contracts
  /**
   * Browser mode: the Fleet preview of a release (its files' uploads, by relative path: a
   * dropped bundle folder keeps its structure) against customers' published contracts (a
   * dropped folder, or contract files with their publications beside them). Stores nothing in
   * the workspace; every upload named is taken and deleted. Electron answers `unsupported`.
   */
  fleetPreviewUploads: method<T.FleetPreviewDto>()(z.object({
    release: z.array(z.object({
      upload: z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'expected an upload id'), path: z.string().min(1).max(1024),
    }).strict()).min(1).max(10_000),
    contracts: z.array(z.object({
      upload: z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'expected an upload id'), path: z.string().min(1).max(1024),
    }).strict()).min(1).max(20_000),
    /** Whose keys publications are checked against: each contract's own roster (default), or this workspace's contract-owner keys. */
    trust: z.enum(['own-roster', 'workspace']).optional(),
  }).strict()),
  /**
   * Electron only, like importLocalPaths: the preview by the paths of what the user dropped or
   * picked (the preload takes them from the File objects; never a generic path from the page).
   */
  fleetPreviewLocalPaths: method<T.FleetPreviewDto>()(z.object({
    release: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    contracts: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    trust: z.enum(['own-roster', 'workspace']).optional(),
  }).strict()),
  /** A kept preview as a self-contained HTML table or the matrix JSON; the desktop app offers a place to save it. */
  exportFleetPreview: method<T.FleetExportDto>()(z.object({
    previewId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'expected a preview id'), format: z.enum(['html', 'json']),
  }).strict()),
  // ---- end fleet preview
  // ---- issue 14 (pack shelf): add a policy pack to the contract draft, see its impact, tune controls
  /**
   * The built-in policy packs (whatever the packs folder holds) with the version the draft
   * (`text`, default: the saved revision) and the saved revision of `contract` extend. Adding one
   * is an editContractDraft edit (`addPack`); its impact is startImpact on the edited draft.
   */
  listPolicyPacks: method<T.PackShelfDto>()(z.object({ contract: contractName, text: draftText.optional() }).strict()),
  // ---- end pack shelf
  // ---- issue 12 (drift review): drift items in the inbox, acknowledgements, the watched drift/ folder
  /** One drift report (a snapshot of an install) with its items' field diffs, acknowledgements and the contract's findings on the live state. */
  getDriftReport: method<T.DriftReportDto>()(z.object({ id: z.number().int().min(1) }).strict()),
  /** Every drift report of an install (or of all), newest first: the history behind the inbox's drift item. */
  listDriftReports: method<{ readonly reports: readonly T.DriftReportSummaryDto[] }>()(z.object({ install: z.string().min(1).max(256).optional() }).strict()),
  /**
   * Signs a drift acknowledgement (drift-acknowledgement/v1) of one drift item: `acknowledged`
   * (with a note saying why) or `revert-by-vendor` (with a note for the vendor); audited and
   * written to the outbox for the vendor.
   */
  acknowledgeDrift: method<T.DriftAcknowledgeResultDto>()(z.object({
    key: digest,
    note: z.string().max(16 * 1024).refine((s) => s.trim().length > 0, 'a note is required'),
    mode: z.enum(['acknowledged', 'revert-by-vendor']),
    keyId,
    passphrase,
  }).strict()),
  /** Imports live snapshots of one install (refresh-only plan, state, or a kubectl List) as drift reports. */
  importDriftFiles: method<T.DriftImportResultDto>()(z.object({
    install: z.string().min(1).max(256),
    files: z.array(importFile).min(1).max(100),
  }).strict()),
  // ---- end drift review
  // ---- issue 12 (reports): audit reports (HTML, PDF, JSON, SARIF, JUnit) and evidence bundles from the app
  /**
   * The audit report of one change set (`changeSet`), or of the change sets received for an
   * install and/or vendor from `since` (a date or a zoned time) to `until` (default now), in one
   * text format; the desktop app asks where to save it, browser mode downloads the text.
   */
  exportAuditReport: method<T.AuditReportExportDto>()(z.union([
    z.object({ changeSet: digest, format: auditReportFormat }).strict(),
    z.object({
      install: z.string().min(1).max(200).optional(), vendor: z.string().min(1).max(200).optional(),
      since: z.string().min(1).max(40), until: z.string().min(1).max(40).optional(), format: auditReportFormat,
    }).strict().refine((p) => p.install !== undefined || p.vendor !== undefined, 'a period report needs an install or a vendor'),
  ])),
  /**
   * R2: the same report as a PDF (Electron: printToPDF of a hidden offscreen window; browser
   * mode: headless Chromium, found by COUNTERSIGN_CHROMIUM or on PATH, else bad-request saying
   * how to point at one). The desktop app asks where to save it; browser mode downloads the bytes.
   */
  exportAuditReportPdf: method<T.AuditReportPdfDto>()(auditReportScope),
  /**
   * R2: the evidence bundle (docs/reports.md): the report (HTML, JSON, PDF when a renderer is
   * there), the judging contract with its publication, every attestation, the trusted keys and
   * the audit head, with SHA256SUMS; written into a new folder (the desktop app asks where;
   * browser mode writes it under the workspace folder's evidence/), checked offline by
   * `countersign verify --evidence DIR --changeset BUNDLE --trust OWNER.pem`.
   */
  exportEvidenceBundle: method<T.EvidenceBundleDto>()(auditReportScope),
  // ---- end reports
  // ---- issue 12 (dashboard): findings over time, lead time, exceptions, most-violated policies, open drift
  /**
   * The dashboard of every vendor (no input), one vendor, or one install of a vendor: findings
   * per release by severity and enforcement, approval lead time, exceptions in force and
   * expiring soon, most-violated policies, open drift items. Read-only; served from summary rows.
   */
  getDashboard: method<T.DashboardDto>()(z.object({
    vendor: z.string().min(1).max(1000).optional(),
    install: z.string().min(1).max(1000).optional(),
  }).strict().refine((v) => v.install === undefined || v.vendor !== undefined, { message: 'an install is chosen within a vendor', path: ['install'] })),
  // ---- end dashboard
  // ---- issue 12 (backup): "Back up workspace" in the settings screen (docs/backup.md)
  /**
   * Writes an encrypted, consistent backup of the workspace: where the save dialog says in the
   * desktop app (null answer: cancelled), else into the workspace folder's backups/.
   */
  backupWorkspace: method<T.BackupDto | null>()(z.object({ passphrase }).strict()),
  // ---- end backup
} as const;

export type ApiContract = typeof apiContract;
/** The rejection rule, for the renderer (which reaches the core only through this folder). */
export { REJECTION_COMMENT_RULE, hasRejectionComment };
export type ApiMethod = keyof ApiContract;
export const API_METHODS = Object.freeze(Object.keys(apiContract) as ApiMethod[]);

export type ApiInput<M extends ApiMethod> = z.input<ApiContract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = NonNullable<ApiContract[M]['output']>;

/** The object the renderer calls: one async function per method, results as values. */
export type CountersignApi = {
  readonly [M in ApiMethod]: (input: ApiInput<M>) => Promise<T.ApiResult<ApiOutput<M>>>;
};

/** Validates an input at the boundary; the error message names the offending field. */
export function parseApiInput<M extends ApiMethod>(m: M, input: unknown): { ok: true; value: ApiInput<M> } | { ok: false; message: string } {
  const r = apiContract[m].input.safeParse(input ?? {});
  if (r.success) return { ok: true, value: r.data as ApiInput<M> };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : 'input';
  return { ok: false, message: `${m}: ${where}: ${issue?.message ?? 'invalid input'}` };
}

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiContract, name);
}

/** IPC channel of a method (Electron). */
export const ipcChannel = (m: ApiMethod): string => `countersign:${m}`;
