// Issue 12 (reports; owner R1): the audit report model (built by core/app/audit-report). It is the JSON report
// (`auditReportVersion: 1`, docs/reports.md) and what the HTML (core/reports/audit-html.ts) and
// R2's PDF and evidence bundle render. Plain, serializable, masked data only: every value here
// comes from the masked change-set model, the verify code's results or the store's records.

/** Bump on any change a reader of the JSON could notice (docs/reports.md). */
export const AUDIT_REPORT_VERSION = 1;

export interface AuditReport {
  readonly auditReportVersion: typeof AUDIT_REPORT_VERSION;
  readonly kind: 'change-set' | 'period';
  /** When the report was made (ISO-8601 UTC); every status in it is as of this time. */
  readonly generatedAt: string;
  readonly generator: { readonly tool: 'countersign'; readonly engineVersion: string };
  /** What the report covers: one change set, or the change sets received in a period for an install or vendor. */
  readonly scope: AuditScope;
  /** Newest received first. */
  readonly changeSets: readonly AuditChangeSet[];
  readonly drift: AuditDriftSection;
  readonly auditChain: AuditChainStatus;
}

export type AuditScope =
  | { readonly kind: 'change-set'; readonly changeSet: string }
  | { readonly kind: 'period'; readonly install: string | null; readonly vendor: string | null; readonly since: string; readonly until: string };

export interface AuditChangeSet {
  readonly digest: string;
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
  readonly previousRelease: string;
  readonly createdAt: string;
  readonly receivedAt: string;
  /** The workspace's state (pending, approved, rejected…). */
  readonly state: string;
  /** The vendor's release signature, as the verify code checked it. */
  readonly vendorSignature: { readonly state: string; readonly signers: readonly AuditSigner[]; readonly reasons: readonly string[] };
  readonly contract: AuditContract;
  readonly verdict: string;
  readonly evaluatedAt: string;
  readonly evaluationDigest: string;
  readonly counts: { readonly total: number; readonly bySeverity: Readonly<Record<string, number>>; readonly byEnforcement: Readonly<Record<string, number>> };
  readonly findings: readonly AuditFinding[];
  readonly exceptions: readonly AuditException[];
  readonly approvals: AuditApprovals;
  /** What `countersign verify` decides over the signatures held now (ok: the vendor may apply it). */
  readonly verification: { readonly ok: boolean; readonly reasons: readonly AuditReason[] };
}

export interface AuditSigner {
  readonly keyId: string;
  readonly name: string;
}

export interface AuditReason {
  readonly code: string;
  readonly message: string;
}

export interface AuditContract {
  readonly name: string;
  /** The revision number in this workspace (null: the judging contract is not a stored revision). */
  readonly revision: number | null;
  readonly digest: string;
  readonly publication: AuditPublication;
}

/**
 * The contract revision's publication: `verified` when a contract-revision attestation for this
 * digest verified with a trusted key (the verify code's contractPublications); `expired` when the
 * stored one's notAfter has passed; `unverified` when one is stored but does not verify (or is of
 * another revision); `not-published` when none is held.
 */
export interface AuditPublication {
  readonly status: 'verified' | 'expired' | 'unverified' | 'not-published';
  readonly time: string | null;
  readonly notAfter: string | null;
  /** Signers whose signature verified (none unless `verified`). */
  readonly signers: readonly AuditSigner[];
}

export interface AuditFinding {
  readonly policy: string;
  readonly title: string;
  readonly severity: string;
  readonly enforcement: string;
  readonly status: string;
  readonly message: string;
  readonly remediation: string;
  readonly resource: { readonly address: string; readonly type: string };
  readonly location: { readonly file: string; readonly line: number; readonly column: number; readonly origin: string | null };
  /** Why it fired (the engine's explain stage), or null when there is nothing to say. */
  readonly explanation: string | null;
  /** A blocking finding an exception in force waives. */
  readonly waived: boolean;
  /** A shadow-mode policy's finding: reported, weighs nothing. */
  readonly shadow: boolean;
  readonly alsoPolicies: readonly string[];
}

export interface AuditException {
  readonly id: string;
  readonly policy: string;
  readonly resource: string;
  readonly justification: string;
  readonly requester: string;
  /** ISO time, or '' when the exception has none. */
  readonly expires: string;
  /** in-force, expired, stale, awaiting-signatures, not-in-force. */
  readonly state: string;
  readonly stateDetail: string;
  /** Signatures the verify code accepted (nothing else is listed as a signer). */
  readonly signers: readonly AuditSigner[];
  readonly persons: number;
  readonly required: number;
  /** The findings it covers (waived while in force). */
  readonly covers: readonly { readonly policy: string; readonly address: string }[];
}

export interface AuditApprovals {
  readonly required: number;
  readonly counted: number;
  readonly rejections: number;
  /** Decision state (pending, approved, rejected…) and whether it is final. */
  readonly state: string;
  readonly final: boolean;
  /** Every signed decision held, with how the verify code judged its signature. */
  readonly signatures: readonly AuditDecisionSignature[];
}

/**
 * One signed decision. `check`: counted, conflicting, withdrawn, stale (signed under another
 * revision) or not-counted (`detail` says why, e.g. the signature does not verify).
 */
export interface AuditDecisionSignature {
  readonly keyId: string;
  readonly name: string;
  readonly decision: string;
  readonly at: string;
  readonly comment: string;
  readonly check: string;
  readonly detail: string;
  /** The signature verified and the decision counts toward the quorum. */
  readonly verified: boolean;
}

export interface AuditDriftSection {
  /** False while the drift store is not part of this build (D3): the section says so. */
  readonly available: boolean;
  readonly reports: readonly AuditDriftReport[];
}

export interface AuditDriftReport {
  readonly install: string;
  readonly createdAt: string;
  readonly snapshot: { readonly kind: string; readonly file: string; readonly sha256: string };
  readonly approvedChangeSet: string;
  readonly verdict: string;
  readonly findingCount: number;
  readonly items: readonly AuditDriftItem[];
}

export interface AuditDriftItem {
  readonly key: string;
  readonly address: string;
  readonly kind: string;
  readonly fields: readonly { readonly path: string; readonly approved: string; readonly live: string; readonly changedBy: string | null }[];
  readonly otherManagersOnly: boolean;
  /**
   * Null while open. `verified`: its signature verified (D3's drift-acknowledgement check) with a
   * key this workspace holds or trusts; `detail` says why not.
   */
  readonly acknowledgement: { readonly mode: string; readonly note: string; readonly by: AuditSigner; readonly at: string; readonly verified: boolean; readonly detail: string } | null;
}

/** The hash-chained audit log, and the heads recorded in the signed attestations held. */
export interface AuditChainStatus {
  readonly ok: boolean;
  readonly entries: number;
  readonly firstBroken: { readonly seq: number; readonly reason: string } | null;
  readonly head: { readonly seq: number; readonly hash: string; readonly genesis: string };
  readonly recordedHeads: { readonly matched: number; readonly foreign: number; readonly problems: readonly string[] };
}
