import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';
import { sha256Digest } from '../../hashing/canonical-digest';
import { policyContent } from './contract-digest';
import { loadPack, packExists } from './load-pack';

/**
 * Pack versions. A pack's `pack.yaml` says which version its policy folders are
 * (`version: N`, 1 when absent: what 0.1.0 shipped). Every released version is frozen as
 * `policies/_released/<pack>/<N>.json` (its decision content, see PackSnapshot), so a
 * contract that names a version keeps resolving to exactly those policies after the folders
 * move on. The snapshot test (pack-snapshots.test.ts) fails when a pack's folders differ from
 * its latest snapshot without a new version and snapshot.
 */
export interface PackSnapshot {
  readonly format: typeof PACK_SNAPSHOT_FORMAT;
  readonly pack: string;
  readonly version: number;
  /** packDigest(policies). */
  readonly digest: string;
  /** As loadPack returns them, without test cases, `definedAt.file` relative to the pack folder. */
  readonly policies: readonly Policy[];
}

export const PACK_SNAPSHOT_FORMAT = 1;
/** Under the packs root; `_` keeps it from being listed as a pack. */
export const RELEASED_DIR = '_released';

/** A pack at one version, as a contract resolves it. */
export interface ResolvedPack {
  readonly pack: string;
  readonly version: number;
  readonly digest: string;
  readonly policies: readonly Policy[];
}

/** `sha256:` over the decision content of a pack's policies (what a contract digest covers). */
export function packDigest(policies: readonly Policy[]): string {
  return sha256Digest(policies.map(policyContent));
}

/** The version the pack's folders are at: pack.yaml `version`, 1 when it has none. */
export function livePackVersion(name: string, root: string): number {
  const file = join(root, name, 'pack.yaml');
  if (!existsSync(file)) return 1;
  let meta: unknown;
  try {
    meta = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(file, `invalid YAML: ${(err as Error).message.split('\n')[0] ?? ''}`);
  }
  const version = (meta as { version?: unknown } | null)?.version;
  if (version === undefined) return 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new InputError(file, '`version` must be a whole number, 1 or more');
  return version;
}

export function snapshotFile(name: string, version: number, root: string): string {
  return join(root, RELEASED_DIR, name, `${version}.json`);
}

/** The frozen versions of a pack under `root`, ascending. */
export function releasedVersions(name: string, root: string): number[] {
  const dir = join(root, RELEASED_DIR, name);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((f) => /^([1-9]\d*)\.json$/.exec(f)?.[1]).filter((v): v is string => v !== undefined).map(Number).sort((a, b) => a - b);
}

export function readSnapshot(name: string, version: number, root: string): PackSnapshot | null {
  const file = snapshotFile(name, version, root);
  if (!existsSync(file)) return null;
  let data: PackSnapshot;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as PackSnapshot;
  } catch (err) {
    throw new InputError(file, `unreadable pack snapshot: ${(err as Error).message}`);
  }
  if (data?.format !== PACK_SNAPSHOT_FORMAT || data.pack !== name || data.version !== version || !Array.isArray(data.policies)) {
    throw new InputError(file, `not a format-${PACK_SNAPSHOT_FORMAT} snapshot of pack "${name}" version ${version}`);
  }
  const policies = data.policies.map((p) => ({ ...p, tests: [], definedAt: { ...p.definedAt, file: `${file} (${name} v${version}: ${p.definedAt.file})` } }));
  // A snapshot that no longer hashes to its own digest was edited: never evaluate it.
  if (packDigest(policies) !== data.digest) throw new InputError(file, `pack snapshot content does not match its digest ${data.digest}`);
  return { ...data, policies };
}

/** The snapshot of a pack's folders as they are now (what build/release-pack.ts writes). */
export function snapshotOfLivePack(name: string, root: string): PackSnapshot {
  const dir = join(root, name);
  const policies = loadPack(name, root).map((p) => ({ ...p, tests: [], definedAt: { ...p.definedAt, file: p.definedAt.file.startsWith(dir) ? p.definedAt.file.slice(dir.length + 1).split('\\').join('/') : p.definedAt.file } }));
  return { format: PACK_SNAPSHOT_FORMAT, pack: name, version: livePackVersion(name, root), digest: packDigest(policies), policies };
}

function describeVersions(versions: readonly number[]): string {
  if (versions.length === 0) return 'none';
  return versions.length === 1 ? `version ${versions[0]}` : `versions ${versions.join(', ')}`;
}

/**
 * Pack `name` at `version`: the live folders when they are that version (and, if the version
 * was released, still equal its snapshot), else the frozen snapshot. A version this build does
 * not hold is an InputError naming the version needed. `where` is the error's location.
 */
export function resolvePackVersion(name: string, version: number, root: string, where: (reason: string) => InputError): ResolvedPack {
  if (!memo) return resolveUncached(name, version, root, where);
  const key = `${root}\u0000${name}\u0000${version}`;
  let found = memo.get(key);
  if (!found) memo.set(key, (found = resolveUncached(name, version, root, where)));
  return found;
}

// Set only inside withPackResolutionMemo: a long-running process (the desktop host) must see
// pack files edited between runs, so nothing is kept beyond one call.
let memo: Map<string, ResolvedPack> | null = null;
let existsMemo: Map<string, boolean> | null = null;

/**
 * packExists, kept for the memo's duration like the resolutions: a fleet's 500 contracts
 * otherwise stat the same pack folder twice each (issue 13).
 */
export function packExistsOnce(name: string, root: string): boolean {
  if (!existsMemo) return packExists(name, root);
  const key = `${root}\u0000${name}`;
  let found = existsMemo.get(key);
  if (found === undefined) existsMemo.set(key, (found = packExists(name, root)));
  return found;
}

/**
 * Runs `fn` with each pack version resolved once (issue 13: a fleet parses 500 contracts that
 * extend the same pack; reading and digesting it 500 times cost ~20 ms a contract). A failed
 * resolution is not kept: it throws again, with the error location of each contract.
 */
export function withPackResolutionMemo<T>(fn: () => T): T {
  if (memo) return fn();
  memo = new Map();
  existsMemo = new Map();
  try {
    return fn();
  } finally {
    memo = null;
    existsMemo = null;
  }
}

function resolveUncached(name: string, version: number, root: string, where: (reason: string) => InputError): ResolvedPack {
  const live = livePackVersion(name, root);
  const snapshot = readSnapshot(name, version, root);
  if (live === version) {
    const policies = loadPack(name, root);
    const digest = packDigest(policies);
    if (!snapshot || snapshot.digest === digest) return { pack: name, version, digest, policies };
  }
  if (snapshot) return { pack: name, version, digest: snapshot.digest, policies: snapshot.policies };
  const held = [...new Set([...releasedVersions(name, root), live])].sort((a, b) => a - b);
  const newer = version > Math.max(...held);
  throw where(`the contract needs policy pack "${name}" version ${version}; this Countersign holds ${describeVersions(held)} of it${newer ? `; upgrade to a Countersign that ships ${name} version ${version}` : ''} (see docs/versioning.md)`);
}
