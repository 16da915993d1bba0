/**
 * Data that crosses the app boundary (IPC or loopback HTTP). Plain, serializable, readonly.
 * Shared by main, preload, the browser host and the renderer: no Node or DOM imports here.
 */
import type { DriftReportSummaryDto } from './day2-types';
import type { ChangeSetState } from '../core/model/changeset';
import type { ErrorCode } from '../core/model/errors';
import type { FindingStatus, Verdict } from '../core/model/finding';
import type { Enforcement, Severity } from '../core/model/policy';
import type { ResourceSource } from '../core/model/resource-change';

// The model's own types (type-only, Node-free), never copies under the same names.
export type { ChangeSetState, Enforcement, FindingStatus, ResourceSource, Severity, Verdict };
export type * from './contract-editor-types';
export type * from './signoff-types';
export type * from './review-types';
export type * from './library-types';
export type * from './day2-types';
import type { PolicyMatchDto, PolicyParamDto, PublicationSummaryDto, RosterEntryDto } from './contract-editor-types';
import type { VendorSignatureStateDto, VendorSignerDto } from './signoff-types';
import type { DecisionPersonDto, DecisionStateDto, ExceptionStateDto, ExpiryWarningDto } from './signoff-types';
import type { AttestationsImportResult, SigningRequestImportResult } from './signoff-types';
import type { ChangeSetDisplayDto, ExplanationDto, ResourceFactsDto, WatchProblemDto } from './review-types';
// Detail (issue 11): the attribute diff and image changes of ResourceDetail.
import type { AttributeDiffDto, ImageChangeDto } from './review-types';
// API inputs are derived from their schemas (z.input), in the contract file.
export type { ImportFile, WaiverInput } from './api-contract';

/**
 * Every method answers with a value, never a thrown error. A failure's `message` is the whole
 * sentence (it already names the file and line); `file` and `line` are there to act on.
 */
export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: ApiErrorCode; readonly message: string; readonly file?: string; readonly line?: number };

/**
 * What went wrong, as a code the renderer acts on: the core's codes (given where each error is
 * made, see core/model/errors.ts) plus the ones only a host gives.
 */
export type ApiErrorCode =
  | ErrorCode
  | 'unsupported'      // not available in this mode (e.g. native dialogs in browser mode)
  | 'forbidden'        // sender/token/origin check failed
  | 'internal';        // our bug: the message only, the stack stays in the host's log

export interface AppInfo {
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  readonly engineVersion: string;
  readonly workspacePath: string;
  readonly outboxDir: string;
  readonly watchDir: string | null;
  readonly contractName: string;
  readonly contractDigest: string;
  /** Recent failures of the watched inbox folder's automatic imports, newest first (file + message). */
  readonly watchProblems?: readonly WatchProblemDto[];
}

export interface FindingCountsDto {
  readonly bySeverity: Readonly<Partial<Record<Severity, number>>>;
  readonly byEnforcement: Readonly<Partial<Record<Enforcement, number>>>;
  readonly errors: number;
  readonly total: number;
}

export interface InboxItemDto {
  readonly digest: string;
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
  readonly previousRelease: string;
  readonly receivedAt: string;
  readonly plannedApplyAt: string;
  readonly state: ChangeSetState;
  readonly verdict: Verdict | null;
  readonly resourceCount: number;
  readonly counts: FindingCountsDto;
  /** The vendor's release signatures under the contract that judges it now. */
  readonly vendorSignature: VendorSignatureStateDto;
  readonly vendorSigners: readonly VendorSignerDto[];
  /** The judging contract requires the vendor's release signature (countersign.dev/v4 `vendorSignature: required`). */
  readonly vendorSignatureRequired: boolean;
  /** Issue 10: approvals signed under another revision than the one judging now (to re-sign). */
  readonly staleDecisions?: number;
  /** Issue 10: its exceptions expiring within the warning period (settings). */
  readonly expiryWarnings?: readonly ExpiryWarningDto[];
  /** Issue 11: how the screen names it (metadata, display labels where it is empty, file names). */
  readonly display: ChangeSetDisplayDto;
}

export interface InboxGroup {
  readonly vendor: string;
  readonly install: string;
  readonly items: readonly InboxItemDto[];
}

export interface Inbox {
  readonly groups: readonly InboxGroup[];
  readonly total: number;
  /** Issue 10: the warning period the expiry warnings use (days), and every exception expiring within it. */
  readonly expiryWarningDays?: number;
  readonly expiryWarnings?: readonly ExpiryWarningDto[];
  /** Issue 12: drift, its own item kind: the newest drift report of each install (day2-types.ts). */
  readonly drift?: readonly DriftReportSummaryDto[];
}

/** What an import did: a change set, signed attestation files, or a signing request (issue 10). */
export type ImportResult = ChangeSetImportResult | AttestationsImportResult | SigningRequestImportResult;

export interface ChangeSetImportResult {
  readonly kind: 'changeset';
  readonly digest: string;
  readonly created: boolean;
  readonly verdict: Verdict;
  readonly resourceCount: number;
  readonly findingCount: number;
}

export interface SourceLocationDto {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly origin?: string;
}

export interface FindingDto {
  readonly id: number;
  readonly policy: string;
  readonly title: string;
  readonly resourceIndex: number;
  readonly address: string;
  /** What tells its resource apart from others with the same address (file, document, drift); absent when the address is unique. */
  readonly disambiguator?: string;
  readonly status: FindingStatus;
  readonly enforcement: Enforcement;
  readonly severity: Severity;
  readonly message: string;
  /** How to fix it; on getResource's findings. listFindings leaves it out: listPolicyTexts has it once per policy. */
  readonly remediation?: string;
  /** Why the policy matters; on getResource's findings. listFindings leaves it out: listPolicyTexts has it once per policy. */
  readonly description?: string;
  readonly location: SourceLocationDto;
  /** Waived by a valid exception with enough signatures. */
  readonly waived: boolean;
  /** Its policy is in shadow mode (countersign.dev/v3): reported, never blocks, never needs approval. */
  readonly shadow?: boolean;
  /** Issue 14: the other policies implementing the same standard control, reported once here (absent when none). */
  readonly alsoPolicies?: readonly string[];
  /**
   * The titles of `alsoPolicies`, in the same order, from the contract that judged the change set
   * ('' when it no longer holds that policy). The finding keeps only the primary policy's message:
   * the engine reports one finding per control (docs/policies.md, "Same control in two packs").
   */
  readonly alsoTitles?: readonly string[];
  /** Issue 11: why the rule fired (getResource's findings carry it; lists may omit it). */
  readonly explanation?: ExplanationDto;
}

export interface ChangeSetDetailDto {
  readonly digest: string;
  /** Issue 11: how the screen names it (metadata, display labels where it is empty, file names). */
  readonly display: ChangeSetDisplayDto;
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
  readonly previousRelease: string;
  readonly createdAt: string;
  readonly plannedApplyAt: string;
  readonly receivedAt: string;
  readonly description: string;
  readonly origin: string;
  readonly state: ChangeSetState;
  readonly vendorSignature: VendorSignatureStateDto;
  /** The vendor keys whose release signature counted (state `verified`). */
  readonly vendorSigners: readonly VendorSignerDto[];
  /** Why a signature file did not count (escaped, one line each; also when verified). */
  readonly vendorSignatureReasons: readonly string[];
  /** The judging contract requires the vendor's release signature: without a verified one the change set is blocked. */
  readonly vendorSignatureRequired: boolean;
  readonly verdict: Verdict;
  readonly evaluatedAt: string;
  /** The contract that judged it (its vendor's or install's, else the default) and its revision. */
  readonly contractName: string;
  readonly contractRevision: number;
  readonly contractDigest: string;
  readonly evaluationDigest: string;
  readonly byAction: Readonly<Record<string, number>>;
  readonly counts: FindingCountsDto;
  readonly artifacts: readonly { readonly kind: string; readonly path: string; readonly component: string; readonly resourceCount: number; readonly bytes: number }[];
}

/**
 * One row of the review list: the resource's facts (contract-independent, stored at import)
 * joined with its finding counts under the contract that judges the change set now.
 */
export interface ResourceRow extends ResourceFactsDto {
  readonly findingCount: number;
  /** The most severe enforcement among its findings (as the verdict weighs them), or null. */
  readonly worst: Enforcement | null;
  /** The most severe severity among its findings still open (not waived), else among all; null without findings. */
  readonly worstSeverity: Severity | null;
  /** Of findingCount, how many a valid exception waives. */
  readonly waivedCount: number;
}

export interface ResourceDetail {
  readonly index: number;
  readonly address: string;
  readonly source: ResourceRow['source'];
  readonly type: string;
  readonly action: string;
  readonly drift: boolean;
  readonly location: SourceLocationDto;
  /** Pretty JSON/YAML of before/after, sensitive values already masked. */
  readonly beforeText: string;
  readonly afterText: string;
  readonly unknownPaths: readonly string[];
  readonly sensitivePaths: readonly string[];
  readonly findings: readonly FindingDto[];
  /** The language of beforeText/afterText (YAML for Kubernetes objects, JSON otherwise). */
  readonly language?: 'json' | 'yaml';
  /** Attribute-level diff (issue 11, detail owner); null when it could not be built (the side-by-side texts still show). */
  readonly diff?: AttributeDiffDto | null;
  /** Previous → new image per container; [] when the resource names none. */
  readonly images?: readonly ImageChangeDto[];
}

export interface SourceExcerpt {
  readonly file: string;
  /** Line number of the first line of `text`. */
  readonly firstLine: number;
  readonly text: string;
  readonly language: 'json' | 'yaml' | 'plaintext';
  /**
   * Set when `text` is not the file's own lines, saying why (a Terraform plan is rendered from
   * the masked model, Secret documents are hidden): raw text can hold secrets in clear.
   */
  readonly note?: string;
  /** The line of `text` (numbered from `firstLine`) to highlight when it is not the line asked for: a field's line in a rendered plan model. */
  readonly highlightLine?: number;
}

export interface QuorumStatus {
  readonly approvals: number;
  readonly approvalsRequired: number;
  readonly rejections: number;
  readonly approvers: readonly { readonly keyId: string; readonly name: string; readonly at: string; readonly decision: 'approve' | 'reject' }[];
  readonly exceptionQuorum: number;
  readonly maxExceptionDays: number;
  /** Issue 10: the outcome under the revision that judges the change set now. */
  readonly state: DecisionStateDto;
  /** Approved or rejected: the forms close; a decision must be withdrawn before another is taken. */
  readonly final: boolean;
  /** Why no new decision is taken (the core's refusal words); null while pending. */
  readonly finalReason: string | null;
  /** The judging revision: contract name, revision number (null when not held), digest. */
  readonly revision: { readonly contract: string; readonly number: number | null; readonly digest: string };
  /** Every signed decision held, per person, each with its check. */
  readonly people: readonly DecisionPersonDto[];
  /** Decisions signed under another revision (to re-sign). */
  readonly stale: number;
}

/** One waiver of an exception as shown: an exact address, an explicit glob pattern, or a v1 file's `resource` (read fail-closed). */
export type WaiverDto =
  | { readonly policy: string; readonly address: string }
  | { readonly policy: string; readonly pattern: string }
  | { readonly policy: string; readonly v1Resource: string };

export interface ExceptionDto {
  readonly id: string;
  /** The policies it waives, and its waivers in words (`address`, `pattern GLOB`, …), for labels. */
  readonly policy: string;
  readonly resource: string;
  readonly waives: readonly WaiverDto[];
  /** Each deny finding of the change set under review it covers (waived while `valid`). */
  readonly covers: readonly { readonly policy: string; readonly address: string }[];
  readonly changeSetDigest: string | null;
  readonly expires: string;
  readonly justification: string;
  readonly requester: string;
  /** Signatures that verified with a key this workspace holds or trusts (unrevoked); nothing else is counted. */
  readonly signatures: readonly { readonly keyId: string; readonly name: string }[];
  /** How many distinct persons those signatures are (what `required` counts: one person's keys count once). */
  readonly persons?: number;
  readonly required: number;
  readonly valid: boolean;
  readonly file: string;
  /** Issue 10: why it is (not) in force, for its label; `stale`: made under another contract revision. */
  readonly state?: ExceptionStateDto;
  /** The state in words, e.g. "signed under revision 2: re-sign under revision 3". */
  readonly stateDetail?: string;
}

export interface SignResult {
  readonly file: string;
  readonly quorum: QuorumStatus;
}

export interface ReviewerKeyDto {
  readonly keyId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface TrustedKeyDto {
  readonly keyId: string;
  readonly name: string;
  readonly role: 'reviewer' | 'vendor' | 'contract-owner';
  readonly addedAt: string;
  readonly revokedAt: string | null;
}

export interface KeyListDto {
  readonly reviewerKeys: readonly ReviewerKeyDto[];
  readonly trustedKeys: readonly TrustedKeyDto[];
}

export interface PublicKeyDto {
  readonly keyId: string;
  readonly pem: string;
}

export interface AuditEntryDto {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: string;
  readonly hash: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntryDto[];
  readonly total: number;
}

export interface AuditStatus {
  readonly ok: boolean;
  readonly entries: number;
  readonly firstBroken: { readonly seq: number; readonly reason: string } | null;
}

export interface ContractPolicyDto {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly enforcement: Enforcement;
  readonly enabled: boolean;
  /** The pack it came from; '' for the contract's own policies. */
  readonly pack: string;
  readonly affectedPending: number;
  /** Evaluated and reported, never blocks (v3 override). */
  readonly shadow?: boolean;
  /** Enabled, but its parameters make it allow everything (e.g. an empty allow-list). */
  readonly unconfigured?: boolean;
  readonly params?: readonly PolicyParamDto[];
  /** The parameters at a glance, e.g. `registries: ghcr.io/acme/, +2`. */
  readonly paramsSummary?: string;
  /** Stored change sets it flags now: pending, and past (approved, rejected, applied…). */
  readonly flaggedPending?: number;
  readonly flaggedPast?: number;
  readonly testCount?: number;
  readonly match?: PolicyMatchDto;
  readonly condition?: string;
  readonly message?: string;
  readonly path?: string;
  readonly remediation?: string;
}

export interface ContractView {
  readonly name: string;
  readonly digest: string;
  readonly revision: number;
  readonly quorum: number;
  readonly exceptionQuorum: number;
  /** The longest an exception may last, in days (contract `approvals.maxExceptionDays`). */
  readonly maxExceptionDays?: number;
  readonly policies: readonly ContractPolicyDto[];
  readonly apiVersion?: string;
  readonly vendor?: string;
  readonly install?: string;
  /** The revision's YAML, as stored (the editor's starting draft). */
  readonly text?: string;
  /** Enabled policies that are not configured (allow everything). */
  readonly warnings?: number;
  readonly roster?: readonly RosterEntryDto[];
  readonly publication?: PublicationSummaryDto | null;
}
