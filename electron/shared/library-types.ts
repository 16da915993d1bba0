// DTOs of issues 13 (fleet preview) and 14 (pack shelf), re-exported by api-types.ts.
// One marked block per owner: put your types inside your block only.

// ---- issue 13 (fleet preview)
// The matrix as the API carries it: the same shape as core/fleet/fleet-matrix.ts (FleetMatrix,
// which this layer may not import). The host hands a FleetMatrix over as this type, so the
// compiler refuses any drift between the two.
import type { Verdict } from '../core/model/finding';

export type FleetContractStatusDto = 'signed' | 'unsigned' | 'stale' | 'bad-signature';

export interface FleetRowDto {
  readonly install: string;
  readonly contractFile: string;
  readonly contractName: string;
  readonly contractDigest: string;
  readonly contractStatus: FleetContractStatusDto;
  /** Why the status is not `signed` ('' when signed). */
  readonly contractStatusDetail: string;
  readonly verdict: Verdict;
  /** Policy ids whose findings block, sorted. */
  readonly deny: readonly string[];
  /** Policy ids whose findings need approval, sorted. */
  readonly approval: readonly string[];
  /** Findings per policy id. */
  readonly findingsByPolicy: Readonly<Record<string, number>>;
  /** Installs with the same index share every decision input. */
  readonly configuration: number;
  readonly configurationDigest: string;
}

export interface FleetMatrixDto {
  readonly fleetVersion: 1;
  readonly changeSet: { readonly digest: string; readonly resources: number; readonly label: string };
  /** The evaluation time (ISO): the release's plannedApplyAt, else when the preview ran. */
  readonly at: string;
  /** Sorted by install name. */
  readonly rows: readonly FleetRowDto[];
  /** Distinct policy configurations across the installs. */
  readonly configurations: number;
  /** Distinct compiled policies across the fleet. */
  readonly distinctPolicies: number;
  readonly contractSet: { readonly installs: number; readonly digest: string };
  /** Whose keys publications were checked against: this workspace's trusted contract-owner keys, or each contract's own roster. */
  readonly trust: 'trusted-keys' | 'own-roster';
  readonly shard?: { readonly index: number; readonly count: number };
  readonly work?: { readonly checksRepresented: number; readonly checksPerformed: number; readonly distinctEvaluations: number };
  readonly timings?: { readonly parseMs: number; readonly compileMs: number; readonly evaluateMs: number; readonly loadMs?: number };
}

/**
 * One release against many customers' published contracts, as the Fleet preview shows it.
 * Nothing of it is stored in the workspace: the host keeps the last few matrices in memory
 * only, so `previewId` can export one without sending it back.
 */
export interface FleetPreviewDto {
  readonly previewId: string;
  readonly matrix: FleetMatrixDto;
  /** The release as the user named it: the dropped folder, or the first file (+ N more). */
  readonly releaseName: string;
  /** What the preview does not take into account (e.g. exceptions and approvals). */
  readonly notes: readonly string[];
}

/** A preview exported as a file: its text (browser mode downloads it), and where the desktop app saved it. */
export interface FleetExportDto {
  readonly fileName: string;
  readonly format: 'html' | 'json';
  readonly text: string;
  /** The path chosen in the desktop app's save dialog; null in browser mode or when cancelled. */
  readonly savedAs: string | null;
}
// ---- end fleet preview

// ---- issue 14 (pack shelf)
/** One policy of a built-in pack, as the shelf lists it. */
export interface PackPolicyDto {
  readonly id: string;
  readonly title: string;
  readonly severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  readonly enforcement: 'advisory' | 'approval' | 'deny' | 'mandatory';
  /** The standard controls it implements (`<standard>:<control>`); [] when it names none. */
  readonly controls: readonly string[];
}

/** The standard versions a pack version follows (countersign.dev/v5 `standard`), for the shelf's selector. */
export interface PackStandardDto {
  /** Every version it follows, newest first, as a contract writes them (`v1.36` … `v1.25`). */
  readonly versions: readonly string[];
  /** What `latest` (an entry without `standard`) means for this pack version. */
  readonly latest: string;
}

/** A built-in policy pack on the shelf (read from the packs folder, never a list in code). */
export interface PackCardDto {
  readonly name: string;
  readonly description: string;
  /** The newest version this build holds: what "Add to draft" pins. */
  readonly version: number;
  readonly versions: readonly number[];
  readonly policies: readonly PackPolicyDto[];
  /** Distinct standard controls its policies implement. */
  readonly controlCount: number;
  /** Readable names of the standards they come from. */
  readonly standards: readonly string[];
  /** The version the draft extends; null when it does not. */
  readonly inDraft: number | null;
  /** The version the saved revision extends; null when it does not. */
  readonly inSaved: number | null;
  /** Its policies that share a control with another pack the draft extends: reported once (alsoPolicies). */
  readonly sharedWithDraft: number;
  /** The standard versions of the version the draft pins (else of the newest); null when the pack has no such option. */
  readonly standard: PackStandardDto | null;
  /** The `standard` the draft's entry writes, as written; null when it writes none (latest) or does not extend the pack. */
  readonly standardInDraft: string | null;
  /** The same for the saved revision. */
  readonly standardInSaved: string | null;
  /** Why the pack cannot be offered (it does not load). */
  readonly problem?: string;
}

export interface PackShelfDto {
  readonly packs: readonly PackCardDto[];
}
// ---- end pack shelf
export {};
