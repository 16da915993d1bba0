/**
 * Data of the contract editor that crosses the app boundary (issue 9): the editable contract,
 * drafts, CEL help, impact replay, revisions and publication. Plain, serializable, readonly;
 * no Node or DOM imports (the renderer reads it).
 */
import type { Enforcement } from '../core/model/policy';
import type { FindingStatus, Verdict } from '../core/model/finding';
import type { ChangeSetState } from '../core/model/changeset';
import type { ContractView } from './api-types';
import type { CelCatalog } from '../core/base/policy-builder/catalog-types';
export type * from '../core/base/policy-builder/catalog-types';

/** How a parameter is edited: the policy's declared `type`, else inferred from its default. */
export type ParamType =
  | 'string' | 'string-list' | 'registry-list' | 'namespace-list' | 'label-list' | 'tag-list' | 'label-map'
  | 'windows' | 'number' | 'integer' | 'number-list' | 'boolean' | 'json';

export interface PolicyParamDto {
  readonly name: string;
  readonly description: string;
  readonly type: ParamType;
  /** The value in force (the contract's, else the default). */
  readonly value: unknown;
  readonly default: unknown;
  /** True when the contract sets it (spec.parameters), false when the default applies. */
  readonly set: boolean;
  readonly min?: number;
  readonly max?: number;
  /** RE2 pattern each list item must match. */
  readonly pattern?: string;
  /** An empty value makes the policy allow everything. */
  readonly noopWhenEmpty: boolean;
}

export interface PolicyMatchDto {
  readonly sources?: readonly string[];
  readonly types?: readonly string[];
  readonly actions?: readonly string[];
  readonly namespaces?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly drift?: boolean;
}

export interface RosterEntryDto {
  readonly name: string;
  readonly email: string;
  readonly fingerprint: string;
  /** The entry's SPKI PEM, as the roster lists it (public). */
  readonly publicKey: string;
  readonly roles: readonly string[];
  readonly revoked: string | null;
  /** The key is one of this workspace's own reviewer keys. */
  readonly inWorkspace: boolean;
}

export interface PublicationSummaryDto {
  readonly revision: number;
  readonly publishedAt: string;
  readonly notAfter: string | null;
  readonly signers: readonly string[];
}

export interface ContractSummaryDto {
  readonly name: string;
  readonly vendor: string;
  readonly install: string;
  readonly revision: number;
  readonly digest: string;
  /** Policies that are enabled but not configured (they allow everything). */
  readonly warnings: number;
  readonly published: boolean;
  /** Stored change sets this contract judges. */
  readonly changeSets: number;
}

export interface ContractDraftDto {
  /** The draft after the edits (unchanged when an edit failed). */
  readonly text: string;
  /** Its digest when it loads; null while it has problems. */
  readonly digest: string | null;
  readonly problems: readonly DraftProblemDto[];
  /** The draft as the editor shows it (null when it does not load). */
  readonly view: ContractView | null;
  /** False when the edits changed nothing. */
  readonly changed: boolean;
  /** What the reviewer should know about the change (e.g. a VAP import's parameters to set). */
  readonly notes?: readonly string[];
}

export interface DraftProblemDto {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly policy?: string;
}

export interface CelDiagnosticDto {
  readonly field: 'condition' | 'message' | 'path';
  readonly message: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: 'error' | 'warning';
}

export interface PolicyTestResultDto {
  readonly policy: string;
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed (expected vs actual), or '' when it passed. */
  readonly message: string;
}

export interface ImpactStartDto {
  readonly jobId: string;
  readonly total: number;
}

export interface ImpactSideDto {
  readonly enforcement: Enforcement;
  readonly status: FindingStatus;
  readonly message: string;
}

/** One difference the draft makes: a finding that appears, disappears or changes, or a verdict that flips. */
export interface ImpactRowDto {
  /** Its position in the job's rows (the cursor of the page it came in + its index). */
  readonly id: number;
  readonly kind: 'appear' | 'disappear' | 'changed' | 'verdict';
  readonly digest: string;
  /** vendor/app/release, escaped. */
  readonly label: string;
  readonly state: ChangeSetState;
  /** The evaluation time used (that of the change set's current stored evaluation). */
  readonly at: string;
  /** null on a verdict row. */
  readonly policy: string | null;
  readonly address: string | null;
  /** Which finding of this policy on this address; null on a verdict row. */
  readonly occurrence: number | null;
  /** The resource to open, null when none has the address or on a verdict row. */
  readonly resourceIndex: number | null;
  readonly before: ImpactSideDto | null;
  readonly after: ImpactSideDto | null;
  /** The stored verdict (null: never evaluated) and the verdict under the draft. */
  readonly verdictBefore: Verdict | null;
  readonly verdictAfter: Verdict;
}

export interface ImpactSummaryDto {
  readonly appear: number;
  readonly disappear: number;
  readonly changed: number;
  readonly verdictFlips: number;
  readonly evaluated: number;
  /** Change sets that could not be evaluated (see problems). */
  readonly errors: number;
}

export interface ImpactPageDto {
  readonly rows: readonly ImpactRowDto[];
  readonly nextCursor: number;
  readonly done: boolean;
  readonly cancelled: boolean;
  /** Rows beyond the job's cap were counted in the summary but not kept. */
  readonly truncated: boolean;
  readonly progress: { readonly done: number; readonly total: number };
  readonly summary: ImpactSummaryDto;
  readonly problems: readonly { readonly digest: string; readonly label: string; readonly message: string }[];
}

export interface FindingExplanationDto {
  readonly outcome: FindingStatus | 'pass' | 'not-matched';
  /** False when the draft disables the policy (explained as if enabled). */
  readonly enabled: boolean;
  readonly at: string;
  /** The top-level clause of the condition that did not hold (offsets into the condition); null on a pass. */
  readonly clause: { readonly start: number; readonly end: number; readonly text: string } | null;
  /** The values of the fields that clause read (masked model). */
  readonly values: readonly { readonly expression: string; readonly value: string }[];
  readonly message: string;
}

export interface ContractRevisionDto {
  readonly id: number;
  readonly contract: string;
  readonly revision: number;
  readonly digest: string;
  readonly author: string;
  readonly authorKeyId: string | null;
  readonly comment: string;
  readonly createdAt: string;
  readonly published: boolean;
  readonly publishedAt: string | null;
  readonly notAfter: string | null;
  /** The revision new evaluations and signatures use. */
  readonly current: boolean;
}

export interface SavedRevisionDto {
  /** False when the text equals the latest revision (nothing stored). */
  readonly created: boolean;
  readonly revision: ContractRevisionDto;
  /** Why nothing was stored, in words (a revert to what is already the latest). */
  readonly unchanged?: string;
}

export interface FieldChangeDto {
  readonly field: string;
  /** Display text (JSON for structured values). */
  readonly before: string;
  readonly after: string;
}

export interface RevisionDiffDto {
  readonly from: ContractRevisionDto;
  readonly to: ContractRevisionDto;
  readonly policiesAdded: readonly string[];
  readonly policiesRemoved: readonly string[];
  readonly policiesChanged: readonly { readonly id: string; readonly changes: readonly FieldChangeDto[] }[];
  readonly parameters: readonly { readonly policy: string; readonly name: string; readonly before: string; readonly after: string }[];
  readonly approvals: readonly FieldChangeDto[];
  /** apiVersion, vendor, install and pack pins (packs: JSON of [{pack, version, digest}]). */
  readonly contract: readonly FieldChangeDto[];
  readonly roster: {
    readonly added: readonly RosterEntryDto[];
    readonly removed: readonly RosterEntryDto[];
    readonly changed: readonly { readonly fingerprint: string; readonly name: string; readonly changes: readonly FieldChangeDto[] }[];
  };
  readonly textBefore: string;
  readonly textAfter: string;
}

export interface PublicationDto {
  readonly revision: ContractRevisionDto;
  /** The contract YAML and its signed publication, to hand to the vendor. */
  readonly files: readonly { readonly name: string; readonly text: string }[];
  /** Where the files were written (the outbox), when they were. */
  readonly dir: string | null;
}

/** What the CEL editor offers: variables, functions with docs, and fields seen in real change sets (base/policy-builder/catalog-types.ts). */
export type CelCatalogDto = CelCatalog;
