/**
 * The pack shelf (issue 14): the built-in policy packs a contract can extend, read from the packs
 * folder (policies/), never from a list in code: a pack added to the folder is on the shelf. Each
 * with its newest version's policies and the standard controls they implement, and which version
 * the draft and the saved revision extend.
 */
import { parse, parseDocument } from 'yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPacks } from '../../engine/contract/load-pack';
import { livePackVersion, releasedVersions, resolvePackVersion } from '../../engine/contract/pack-version';
import { standardName as standardVersionName, standardOptionOf } from '../../engine/contract/standard-version';
import type { StandardOption } from '../../engine/contract/standard-version';
import { InputError } from '../../model/errors';
import { packsRoot } from '../../io/packs-root';
import type { Enforcement, Severity } from '../../model/policy';

export interface PackPolicyEntry {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly enforcement: Enforcement;
  readonly controls: readonly string[];
}

export interface PackEntry {
  readonly name: string;
  readonly description: string;
  /** The newest version this build holds (what "Add" pins). */
  readonly version: number;
  /** Every version this build holds, ascending. */
  readonly versions: readonly number[];
  readonly policies: readonly PackPolicyEntry[];
  /** Distinct standard controls its policies implement. */
  readonly controlCount: number;
  /** The standards those controls come from (readable names), and pack.yaml's `standard` when it writes one. */
  readonly standards: readonly string[];
  /** Why the pack cannot be offered (it does not load); its other fields are then empty. */
  readonly problem?: string;
}

/** Readable names of the standards the built-in packs cite (`<standard>:` prefixes of `controls`). */
const STANDARD_NAMES: Readonly<Record<string, string>> = {
  pss: 'Kubernetes Pod Security Standards',
  'aws-fsbp': 'AWS Foundational Security Best Practices',
};

export function standardName(prefix: string): string {
  const named = STANDARD_NAMES[prefix];
  if (named) return named;
  const cis = /^cis-([a-z]+)-(\d+(?:\.\d+)*)$/.exec(prefix);
  if (cis) return `CIS ${cis[1] === 'aws' ? 'AWS' : cis[1] === 'gcp' ? 'Google Cloud' : cis[1] === 'azure' ? 'Microsoft Azure' : cis[1]!.toUpperCase()} Foundations Benchmark ${cis[2]}`;
  return prefix;
}

function packMeta(root: string, name: string): { description: string; standard: string | null } {
  const file = join(root, name, 'pack.yaml');
  if (!existsSync(file)) return { description: '', standard: null };
  const meta = parse(readFileSync(file, 'utf8')) as { description?: unknown; standard?: unknown } | null;
  return {
    description: typeof meta?.description === 'string' ? meta.description.trim() : '',
    standard: typeof meta?.standard === 'string' && meta.standard.trim() !== '' ? meta.standard.trim() : null,
  };
}

function entryOf(root: string, name: string): PackEntry {
  try {
    const version = livePackVersion(name, root);
    const versions = [...new Set([...releasedVersions(name, root), version])].sort((a, b) => a - b);
    const resolved = resolvePackVersion(name, version, root, (reason) => new InputError(join(root, name), reason));
    const { description, standard } = packMeta(root, name);
    const policies = resolved.policies.map((p): PackPolicyEntry => ({ id: p.id, title: p.title, severity: p.severity, enforcement: p.enforcement, controls: [...(p.controls ?? [])] }));
    const controls = new Set(policies.flatMap((p) => p.controls));
    const prefixes = [...new Set([...controls].map((c) => c.slice(0, c.indexOf(':'))))].sort();
    const standards = [...new Set([...(standard ? [standard] : []), ...prefixes.map(standardName)])];
    return { name, description, version, versions, policies, controlCount: controls.size, standards };
  } catch (err) {
    return { name, description: '', version: 0, versions: [], policies: [], controlCount: 0, standards: [], problem: err instanceof Error ? err.message : String(err) };
  }
}

/** Every pack under `root`, by name. A pack that does not load is listed with its problem. */
export function packCatalog(root: string): PackEntry[] {
  return listPacks(root).map((name) => entryOf(root, name));
}

/** What a contract's `spec.extends` entry asks of one pack. */
export interface ExtendedPack {
  readonly version: number;
  /**
   * Its `standard` as written (countersign.dev/v5), or null when it writes none (latest). A value
   * that is not a string is shown as its JSON, so a hand-written `standard: 30` is never read as a
   * version: the draft does not load, and the shelf shows what is there.
   */
  readonly standard: string | null;
}

/**
 * Pack name → what a contract text extends (a v1 bare name is version 1). Read leniently from
 * the YAML, so a draft mid-edit still shows what it extends; text that is not YAML extends nothing.
 */
export function extendedPacks(text: string): ReadonlyMap<string, ExtendedPack> {
  const out = new Map<string, ExtendedPack>();
  try {
    const data = parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: 100 }) as { spec?: { extends?: unknown } } | null;
    const entries = Array.isArray(data?.spec?.extends) ? (data.spec.extends as unknown[]) : [];
    for (const e of entries) {
      if (typeof e === 'string') out.set(e, { version: 1, standard: null });
      else if (typeof e === 'object' && e !== null) {
        const { pack, version, standard } = e as { pack?: unknown; version?: unknown; standard?: unknown };
        if (typeof pack === 'string' && typeof version === 'number') {
          out.set(pack, { version, standard: standard === undefined ? null : typeof standard === 'string' ? standard : JSON.stringify(standard) ?? String(standard) });
        }
      }
    }
  } catch {
    // not YAML: nothing extended
  }
  return out;
}

/** The standard-version option of `pack` at `version` as `root` holds it; null when it has none, or the version is not held or does not load. */
export function packStandardOption(pack: string, version: number, root: string = packsRoot()): StandardOption | null {
  try {
    return standardOptionOf(pack, resolvePackVersion(pack, version, root, (reason) => new InputError(join(root, pack), reason)).policies) ?? null;
  } catch {
    return null;
  }
}

/** The versions an option offers, newest first, as the contract writes them (`v1.36` … `v1.25`). */
export function standardVersions(option: StandardOption): { readonly versions: readonly string[]; readonly latest: string } {
  const versions: string[] = [];
  for (let m = option.latest; m >= option.oldest; m--) versions.push(standardVersionName(m));
  return { versions, latest: standardVersionName(option.latest) };
}

/** The policies of `name` at `version` (id and controls), or [] when this build does not hold it. */
export function packPoliciesAt(root: string, name: string, version: number): readonly Pick<PackPolicyEntry, 'id' | 'controls'>[] {
  try {
    return resolvePackVersion(name, version, root, (reason) => new InputError(join(root, name), reason)).policies.map((p) => ({ id: p.id, controls: p.controls ?? [] }));
  } catch {
    return [];
  }
}

/**
 * How many of `pack`'s policies share a standard control with a policy of the other packs the
 * draft extends (`others`, at the versions it pins): each such control is reported once, under
 * the stricter policy (engine/evaluate/merge-same-controls.ts).
 */
export function overlapWith(mine: readonly Pick<PackPolicyEntry, 'id' | 'controls'>[], others: readonly Pick<PackPolicyEntry, 'id' | 'controls'>[]): number {
  const theirs = new Set(others.flatMap((o) => o.controls));
  return mine.filter((p) => p.controls.some((c) => theirs.has(c))).length;
}

/** A pack on the shelf, with what the draft and the saved revision extend (the API's PackCardDto). */
export interface ShelfEntry extends PackEntry {
  readonly inDraft: number | null;
  readonly inSaved: number | null;
  readonly sharedWithDraft: number;
  /** The standard versions of the version the draft pins (else the newest): null when it has no such option. */
  readonly standard: ReturnType<typeof standardVersions> | null;
  /** The `standard` the draft's / saved revision's entry writes (null: none, i.e. latest, or not extended). */
  readonly standardInDraft: string | null;
  readonly standardInSaved: string | null;
}

/**
 * The shelf: every pack of the packs folder (`root`, default this build's), with the version
 * `draftText` and `savedText` extend, and how many of its policies (at the version the draft
 * pins, else its newest) share a control with the draft's other packs.
 */
export function packShelf(savedText: string, draftText: string | undefined, root: string = packsRoot()): ShelfEntry[] {
  const saved = extendedPacks(savedText);
  const draft = draftText === undefined ? saved : extendedPacks(draftText);
  return packCatalog(root).map((p) => {
    const others = [...draft].filter(([name]) => name !== p.name).flatMap(([name, e]) => packPoliciesAt(root, name, e.version));
    // This pack as the draft pins it, when it does: an older version may name other controls and standard versions.
    const pinned = draft.get(p.name)?.version;
    const mine = pinned === undefined || pinned === p.version ? p.policies : packPoliciesAt(root, p.name, pinned);
    const option = p.problem === undefined ? packStandardOption(p.name, pinned ?? p.version, root) : null;
    return {
      ...p, inDraft: pinned ?? null, inSaved: saved.get(p.name)?.version ?? null, sharedWithDraft: overlapWith(mine, others),
      standard: option ? standardVersions(option) : null,
      standardInDraft: draft.get(p.name)?.standard ?? null, standardInSaved: saved.get(p.name)?.standard ?? null,
    };
  });
}
