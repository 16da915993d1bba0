import type { ArtifactInfo, ChangeSetMetadata, ListedFile } from '../model/changeset';
import type { EvaluationSummary, Finding, Verdict } from '../model/finding';
import type { ChangeSetManifest } from '../loaders/bundle/types';

/** A JSON value as stored in a JSON column. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

import type { ChangeSetState } from '../model/changeset';
export type { ChangeSetState } from '../model/changeset';
export { CHANGE_SET_STATES } from '../model/changeset';

export interface StoredChangeSet {
  readonly digest: string;
  readonly metadata: ChangeSetMetadata;
  readonly origin: string;
  readonly manifest: ChangeSetManifest | null;
  readonly artifacts: readonly ArtifactInfo[];
  /** The canonical listing (path, sha256, bytes), sorted by path. */
  readonly files: readonly ListedFile[];
  readonly receivedAt: string;
  readonly state: ChangeSetState;
  readonly stateChangedAt: string;
  readonly resourceCount: number;
  readonly totalBytes: number;
}

export interface SeverityCounts {
  readonly critical: number;
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly info: number;
}

export interface EnforcementCounts {
  readonly advisory: number;
  readonly approval: number;
  readonly deny: number;
  readonly mandatory: number;
}

export interface StoredEvaluation {
  readonly id: number;
  readonly changeSetDigest: string;
  readonly contractDigest: string;
  readonly engineVersion: string;
  /** The evaluation time used for `now`. */
  readonly at: string;
  /** When it was recorded. */
  readonly evaluatedAt: string;
  readonly verdict: Verdict;
  /** `sha256:<hex>`; what approvals name. */
  readonly digest: string;
  readonly summary: EvaluationSummary;
  readonly findingCount: number;
  readonly errorCount: number;
  readonly bySeverity: SeverityCounts;
  readonly byEnforcement: EnforcementCounts;
}

/** One inbox row: a change set and its latest evaluation (null when never evaluated). */
export interface InboxItem {
  readonly digest: string;
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
  readonly previousRelease: string;
  readonly plannedApplyAt: string;
  readonly receivedAt: string;
  readonly state: ChangeSetState;
  readonly resourceCount: number;
  readonly latestEvaluation: {
    readonly id: number;
    readonly contractDigest: string;
    readonly at: string;
    readonly verdict: Verdict;
    readonly findingCount: number;
    readonly errorCount: number;
    readonly bySeverity: SeverityCounts;
    readonly byEnforcement: EnforcementCounts;
  } | null;
}

export interface InboxPage {
  /** Change sets matching the query, over all pages. */
  readonly total: number;
  readonly items: readonly InboxItem[];
}

export interface StoredFinding extends Finding {
  readonly id: number;
  readonly evaluationId: number;
}

export interface FindingsPage {
  /** Findings matching the filter, over all pages. */
  readonly total: number;
  readonly findings: readonly StoredFinding[];
}

export interface ContractRevision {
  readonly id: number;
  readonly contract: string;
  /** 1, 2, 3… per contract name. */
  readonly revision: number;
  readonly content: string;
  readonly digest: string;
  readonly author: string;
  /** The reviewer key id that saved it (null for revisions saved without one, and before schema 3). */
  readonly authorKeyId: string | null;
  /** Why it was saved ('' when not said). */
  readonly comment: string;
  readonly createdAt: string;
  /** The DSSE envelope (JSON) of the published revision, null until published. */
  readonly publishedEnvelope: string | null;
  readonly publishedAt: string | null;
}

/** A reviewer key without its secret part. */
export interface ReviewerKey {
  /** The fingerprint: sha256 of the SubjectPublicKeyInfo. */
  readonly id: string;
  readonly name: string;
  readonly publicKeyPem: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** The encrypted private key of a reviewer key and how to derive the key that opens it. */
export interface ReviewerKeySecret {
  readonly id: string;
  readonly encryptedPrivateKey: Uint8Array;
  readonly kdf: JsonObject;
}

/**
 * What a trusted key is trusted for: a co-reviewer's signatures (contracts without a roster),
 * the vendor's release signatures (without a roster), or a contract owner's publications (the
 * signing requests this workspace accepts: migration 6).
 */
export type TrustedKeyRole = 'reviewer' | 'vendor' | 'contract-owner';
export const TRUSTED_KEY_ROLES: readonly TrustedKeyRole[] = ['reviewer', 'vendor', 'contract-owner'];

export interface TrustedKey {
  readonly fingerprint: string;
  readonly name: string;
  readonly role: TrustedKeyRole;
  readonly publicKeyPem: string;
  readonly addedAt: string;
  readonly revokedAt: string | null;
}

export type ApprovalKind = 'approve' | 'reject';

export interface StoredApproval {
  readonly id: number;
  readonly kind: ApprovalKind;
  readonly changeSetDigest: string;
  readonly contractDigest: string;
  readonly evaluationDigest: string;
  readonly keyId: string;
  /** The DSSE envelope as JSON text, exactly as signed. */
  readonly envelope: string;
  readonly createdAt: string;
}

export interface StoredExceptionSignature {
  readonly keyId: string;
  readonly envelope: string;
  readonly createdAt: string;
}

export interface StoredException {
  readonly id: number;
  /** sha256 of the DSSE payload: the same exception signed by several keys shares it. */
  readonly statementDigest: string;
  readonly envelope: string;
  readonly policy: string;
  readonly resourcePattern: string;
  readonly changeSetDigest: string | null;
  readonly expiresAt: string | null;
  readonly justification: string;
  readonly requester: string;
  readonly createdAt: string;
  readonly signatures: readonly StoredExceptionSignature[];
}

export interface Vendor {
  readonly id: number;
  readonly name: string;
  readonly createdAt: string;
}

export interface Install {
  readonly id: number;
  readonly vendor: string;
  readonly app: string;
  readonly name: string;
  readonly createdAt: string;
}

/** The result of a write that may find its data already stored. */
export interface WriteResult<T> {
  readonly created: boolean;
  readonly value: T;
}
