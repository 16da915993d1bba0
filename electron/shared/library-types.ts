// DTOs of issues 13 (fleet preview) and 14 (pack shelf), re-exported by api-types.ts.
// One marked block per owner: put your types inside your block only.

// ---- issue 13 (fleet preview)
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
  /** Why the pack cannot be offered (it does not load). */
  readonly problem?: string;
}

export interface PackShelfDto {
  readonly packs: readonly PackCardDto[];
}
// ---- end pack shelf
export {};
