import { isMap, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { packsRoot } from '../../io/packs-root';
import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';
import { isInlineTest } from '../../model/policy';
import { paramValueProblem } from './param-schema';
import { contractDigest } from './contract-digest';
import { listPacks } from './load-pack';
import { packExistsOnce, resolvePackVersion } from './pack-version';
import { policyFromNode } from './parse-policy';
import type { PackPin, ResolvedContract } from './resolved-contract';
import type { RosterEntry } from './roster';
import { CONTRACT_API_VERSIONS, CONTRACT_V1, CONTRACT_V2, CONTRACT_V3, CONTRACT_V4, CONTRACT_V5, contractSchema, contractSchemaV2, contractSchemaV3, contractSchemaV4, contractSchemaV5 } from './schemas';
import { STANDARD_PARAM, parseStandardVersion, standardName, standardOptionOf } from './standard-version';
import { LEGACY_SEPARATION_OF_DUTIES } from '../../base/separation-of-duties';
import type { SeparationOfDuties } from '../../base/separation-of-duties';
import { errorAt, parseYamlSource, schemaError } from './yaml-source';
import type { YamlSource } from './yaml-source';
import { segmentedYamlSource } from './yaml-segments';

type ContractApiVersion = (typeof CONTRACT_API_VERSIONS)[number];

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'map' : typeof v === 'number' ? 'number' : typeof v;
}

/** One `extends` entry: a pack name and the version the contract asks for. */
interface PackRequest {
  readonly pack: string;
  readonly version: number;
  readonly digest?: string | undefined;
  /** countersign.dev/v5: the standard version asked for (validated against the pack). */
  readonly standard?: unknown;
  /** Its index in `spec.extends`, for error lines. */
  readonly index: number;
}

/** A pack with a standard-version option, as the contract resolved it. */
interface PackStandard {
  readonly minor: number;
  readonly index: number;
}

function packPolicies(src: YamlSource, requests: readonly PackRequest[], root: string, apiVersion: ContractApiVersion): { policies: Policy[]; pins: PackPin[]; standards: Map<string, PackStandard> } {
  const out: Policy[] = [];
  const pins: PackPin[] = [];
  const standards = new Map<string, PackStandard>();
  const from = new Map<string, string>();
  requests.forEach(({ pack: name, version, digest, standard, index }) => {
    const at = (reason: string) => errorAt(src, ['spec', 'extends', index], reason);
    if (!packExistsOnce(name, root)) {
      const known = listPacks(root);
      throw at(`unknown policy pack "${name}"${known.length ? ` (available: ${known.join(', ')})` : ''}`);
    }
    const resolved = resolvePackVersion(name, version, root, at);
    if (digest !== undefined && digest !== resolved.digest) {
      throw at(`the contract pins policy pack "${name}" version ${version} with digest ${digest}, but this Countersign's ${name} version ${version} is ${resolved.digest}; the pack was changed without a new version, refusing to evaluate it`);
    }
    for (const p of resolved.policies) {
      const other = from.get(p.id);
      if (other !== undefined) throw at(`packs "${other}" and "${name}" both define policy "${p.id}"; extend only one of them (pss-restricted, for one, already holds the pss-baseline policies)`);
      from.set(p.id, name);
      out.push(p);
    }
    const option = standardOptionOf(name, resolved.policies);
    if (!option) {
      if (standard !== undefined) throw errorAt(src, ['spec', 'extends', index, 'standard'], `policy pack "${name}" version ${version} has no standard-version option`);
      pins.push({ pack: name, version, digest: resolved.digest });
      return;
    }
    const minor = standard === undefined ? option.latest : parseStandardVersion(standard, option, `${name} version ${version}`);
    if (typeof minor !== 'number') throw errorAt(src, ['spec', 'extends', index, 'standard'], minor.reason);
    standards.set(name, { minor, index });
    // Only v5 pins name the version: v2–v4 contracts digest as they did before the option existed.
    pins.push({ pack: name, version, digest: resolved.digest, ...(apiVersion === CONTRACT_V5 ? { standard: standardName(minor) } : {}) });
  });
  return { policies: out, pins, standards };
}

/** The standard-version option is countersign.dev/v5: an older file never grows it silently. */
function refuseV5Fields(src: YamlSource, apiVersion: ContractApiVersion): void {
  if (apiVersion === CONTRACT_V5) return;
  const items = (src.data as { spec?: { extends?: unknown } }).spec?.extends;
  if (!Array.isArray(items)) return;
  items.forEach((item, i) => {
    if (typeof item === 'object' && item !== null && Object.hasOwn(item, 'standard')) {
      throw errorAt(src, ['spec', 'extends', i, 'standard'], `spec.extends[${i}].standard needs countersign.dev/v5 (this contract is ${apiVersion}); change apiVersion to countersign.dev/v5 to use it (docs/versioning.md)`);
    }
  });
}

/** A v2 contract names each pack once; the same pack at two versions is a mistake. */
function uniqueRequests(src: YamlSource, requests: readonly PackRequest[]): PackRequest[] {
  const seen = new Map<string, PackRequest>();
  requests.forEach((r) => {
    const prior = seen.get(r.pack);
    if (prior && (prior.version !== r.version || (prior.digest ?? r.digest) !== (r.digest ?? prior.digest) || prior.standard !== r.standard)) {
      throw errorAt(src, ['spec', 'extends', r.index], `policy pack "${r.pack}" is extended twice, at different versions, digests or standard versions`);
    }
    if (!prior) seen.set(r.pack, r);
  });
  return [...seen.values()];
}

/**
 * The contract's apiVersion, or an InputError saying which this build reads. A newer one
 * says so: an older Countersign must never misread a format it does not know.
 */
function apiVersionOf(src: YamlSource): ContractApiVersion {
  const value = (src.data as { apiVersion?: unknown }).apiVersion;
  if ((CONTRACT_API_VERSIONS as readonly unknown[]).includes(value)) return value as ContractApiVersion;
  const reads = `${CONTRACT_API_VERSIONS.slice(0, -1).join(', ')} and ${CONTRACT_API_VERSIONS.at(-1)}`;
  const newer = typeof value === 'string' && /^countersign\.dev\/v(\d+)$/.exec(value);
  if (newer && Number(newer[1]) > CONTRACT_API_VERSIONS.length) {
    throw errorAt(src, ['apiVersion'], `this contract is ${value}; this Countersign reads ${reads} only. Upgrade to a Countersign that reads ${value} (see docs/versioning.md)`);
  }
  if (value === undefined) throw errorAt(src, [], `missing required field "apiVersion" (${reads})`);
  throw errorAt(src, ['apiVersion'], `apiVersion must be ${CONTRACT_API_VERSIONS.join(' or ')}, got ${JSON.stringify(value)}`);
}

const PARAM_SCHEMA_FIELDS = ['type', 'min', 'max', 'pattern', 'noopWhenEmpty'] as const;

/** Parameter schemas and inline tests are countersign.dev/v3: an older file never grows them silently. */
function refuseV3Fields(src: YamlSource, policy: Policy, node: Node | null, apiVersion: ContractApiVersion): void {
  if (apiVersion === CONTRACT_V3 || apiVersion === CONTRACT_V4 || apiVersion === CONTRACT_V5) return;
  for (const [name, decl] of Object.entries(policy.parameters)) {
    const field = PARAM_SCHEMA_FIELDS.find((f) => decl[f] !== undefined);
    if (field) throw errorAt(src, ['parameters', name, field], `parameter ${field} is countersign.dev/v3; change apiVersion to countersign.dev/v3 to use it (docs/versioning.md)`, node, true);
  }
  const inline = policy.tests.findIndex(isInlineTest);
  if (inline >= 0) throw errorAt(src, ['tests', inline, 'resource'], `inline test resources are countersign.dev/v3; change apiVersion to countersign.dev/v3 to use them (docs/versioning.md)`, node, true);
}

/**
 * Separation of duties and the vendor-signature rule are countersign.dev/v4: in an older file
 * they would be ignored by older builds and judged differently by this one, so they are refused
 * with the line, before the schema (whose "unknown key" would not say why).
 */
function refuseV4Fields(src: YamlSource, apiVersion: ContractApiVersion): void {
  if (apiVersion === CONTRACT_V4 || apiVersion === CONTRACT_V5) return;
  const spec = (src.data as { spec?: unknown }).spec;
  if (typeof spec !== 'object' || spec === null) return;
  const needs = (path: readonly (string | number)[], what: string): never => {
    throw errorAt(src, path, `${what} needs countersign.dev/v4 (this contract is ${apiVersion}); change apiVersion to countersign.dev/v4 to use it (docs/versioning.md)`);
  };
  const approvals = (spec as { approvals?: unknown }).approvals;
  if (typeof approvals === 'object' && approvals !== null && Object.hasOwn(approvals, 'separationOfDuties')) needs(['spec', 'approvals', 'separationOfDuties'], 'spec.approvals.separationOfDuties');
  if (Object.hasOwn(spec, 'vendorSignature')) needs(['spec', 'vendorSignature'], 'spec.vendorSignature');
}

/**
 * `controls` on a contract's own policy is countersign.dev/v5 (issue 14): it changes what is
 * reported (evaluate/merge-same-controls.ts), so an older file never grows it silently. Packs'
 * policies carry it at any contract version: a pack version is frozen with its content.
 */
const CONTROLS_REFUSED: ReadonlySet<string> = new Set([CONTRACT_V1, CONTRACT_V2, CONTRACT_V3, CONTRACT_V4]);

function refuseControlsBeforeV5(src: YamlSource, policy: Policy, node: Node | null, apiVersion: ContractApiVersion): void {
  if (policy.controls === undefined || !CONTROLS_REFUSED.has(apiVersion)) return;
  throw errorAt(src, ['controls'], `policy field "controls" needs countersign.dev/v5 (this contract is ${apiVersion}); change apiVersion to countersign.dev/v5 to use it (docs/versioning.md)`, node, true);
}

function ownPolicies(src: YamlSource, items: readonly unknown[], packIds: ReadonlySet<string>, apiVersion: ContractApiVersion): Policy[] {
  const seq = errorlessNode(src, ['spec', 'policies']);
  const seen = new Set<string>();
  return items.map((item, i) => {
    const node = isSeq(seq) ? (seq.items[i] as Node | null) : null;
    const policy = policyFromNode(src, node, item, '', ['spec', 'policies', i]);
    refuseV3Fields(src, policy, node, apiVersion);
    refuseControlsBeforeV5(src, policy, node, apiVersion);
    if (packIds.has(policy.id)) {
      throw errorAt(src, ['id'], `policy "${policy.id}" already exists in an extended pack; change it with spec.overrides / spec.parameters instead`, node);
    }
    if (seen.has(policy.id)) throw errorAt(src, ['id'], `policy "${policy.id}" is defined twice`, node);
    seen.add(policy.id);
    return policy;
  });
}

function errorlessNode(src: YamlSource, path: readonly string[]): Node | null {
  let cur = src.doc.contents as Node | null;
  for (const key of path) {
    if (!isMap(cur)) return null;
    cur = (cur.get(key, true) as Node | undefined) ?? null;
  }
  return cur;
}

interface Override {
  readonly enforcement?: string;
  readonly enabled?: boolean;
  readonly shadow?: boolean;
}

// The copies overrides make, per policy object and effective change: the contracts of a fleet
// that override a pack policy the same way share one copy, as they share the pack's policies,
// so its canonical text (contract-digest.ts) and compiled program (fleet-compile.ts) are made
// once, not once per contract (issue 13). Policies are readonly, so sharing one is safe.
const copies = new WeakMap<Policy, Map<string, Policy>>();

function overridden(p: Policy, override: Override): Policy {
  const shadow = (override.shadow ?? p.shadow) === true;
  // The change is the cache key as it is written into the copy: a field added to overrides
  // cannot be left out of the key (two different overrides would then share one copy).
  const change: Partial<Policy> = {
    ...(override.enforcement ? { enforcement: override.enforcement as Policy['enforcement'] } : {}),
    ...(override.enabled !== undefined ? { enabled: override.enabled } : {}),
    // Only `shadow: true` is kept on the policy: false and absent mean the same (and digest the same).
    ...(shadow ? { shadow: true } : {}),
  };
  const key = JSON.stringify(change);
  let byChange = copies.get(p);
  if (!byChange) copies.set(p, (byChange = new Map()));
  let copy = byChange.get(key);
  if (!copy) {
    const { shadow: _wasShadow, ...rest } = p;
    copy = { ...rest, ...change };
    // A frozen pack policy's shared copy is frozen too: no contract can change another's.
    if (Object.isFrozen(p)) Object.freeze(copy);
    byChange.set(key, copy);
  }
  return copy;
}

/**
 * Contract YAML → resolved contract: packs expanded, own policies added, overrides applied,
 * parameters merged over defaults. Every mistake is an InputError with the file and line.
 */
export function parseContract(file: string, text: string, packsRootDir?: string): ResolvedContract {
  const entries = segmentedYamlSource(file, text);
  if (entries) {
    try {
      return resolveContract(entries, packsRootDir);
    } catch {
      // A contract read from memoized entries that fails is read again whole: its error is
      // worded, and placed, by the one path every contract takes alone.
    }
  }
  return resolveContract(parseYamlSource(file, text), packsRootDir);
}

function resolveContract(src: YamlSource, packsRootDir: string | undefined): ResolvedContract {
  const { file } = src;
  if (!isMap(src.doc.contents)) throw new InputError(file, 'a contract must be a YAML mapping (apiVersion: countersign.dev/v2, kind: Contract, …)', 1, 1);
  const apiVersion = apiVersionOf(src);
  refuseV4Fields(src, apiVersion);
  refuseV5Fields(src, apiVersion);
  const parsed = apiVersion === CONTRACT_V1 ? contractSchema.safeParse(src.data)
    : apiVersion === CONTRACT_V2 ? contractSchemaV2.safeParse(src.data)
    : apiVersion === CONTRACT_V3 ? contractSchemaV3.safeParse(src.data)
    : apiVersion === CONTRACT_V4 ? contractSchemaV4.safeParse(src.data)
    : contractSchemaV5.safeParse(src.data);
  if (!parsed.success) {
    const bareName = apiVersion !== CONTRACT_V1 && parsed.error.issues.find((i) => i.path[0] === 'spec' && i.path[1] === 'extends' && i.path.length === 3);
    if (bareName) throw errorAt(src, bareName.path, `${apiVersion} pins every pack it extends: write {pack: <name>, version: <n>} (see docs/contract-format.md)`);
    throw schemaError(src, parsed.error);
  }
  const { metadata, spec } = parsed.data;
  const v3 = apiVersion === CONTRACT_V3 || apiVersion === CONTRACT_V4 || apiVersion === CONTRACT_V5 ? (parsed.data as { metadata: { install: string }; roster: RosterEntry[] }) : null;
  // v4 fills both (schema defaults); older versions mean what they always did.
  const v4 = apiVersion === CONTRACT_V4 || apiVersion === CONTRACT_V5 ? (parsed.data.spec as { approvals: { separationOfDuties: SeparationOfDuties }; vendorSignature: 'optional' | 'required' }) : null;
  const root = packsRootDir ?? (spec.extends.length > 0 ? packsRoot() : '');

  // In v1, `extends: [baseline]` means the version 0.1.0 shipped: version 1, frozen.
  const requests = uniqueRequests(src, spec.extends.map((e, index): PackRequest => (typeof e === 'string' ? { pack: e, version: 1, index } : { ...e, index })));
  const { policies: fromPacks, pins, standards } = packPolicies(src, requests, root, apiVersion);
  const own = ownPolicies(src, spec.policies, new Set(fromPacks.map((p) => p.id)), apiVersion);
  const byId = new Map([...fromPacks, ...own].map((p) => [p.id, p]));

  for (const [id, override] of Object.entries(spec.overrides)) {
    const p = byId.get(id);
    if (!p) throw errorAt(src, ['spec', 'overrides', id], `override for unknown policy "${id}"`, null, true);
    byId.set(id, overridden(p, override as Override));
  }

  for (const [id, values] of Object.entries(spec.parameters)) {
    const p = byId.get(id);
    if (!p) throw errorAt(src, ['spec', 'parameters', id], `parameters for unknown policy "${id}"`, null, true);
    for (const [name, value] of Object.entries(values)) {
      const decl = p.parameters[name];
      const packStandard = name === STANDARD_PARAM && decl ? standards.get(p.pack) : undefined;
      if (packStandard) {
        throw errorAt(src, ['spec', 'parameters', id, name], `the Pod Security Standards version is one option per pack: write standard: v1.N on spec.extends[${packStandard.index}] (${p.pack}), not a parameter of ${id} (docs/contract-format.md)`, null, true);
      }
      if (!decl) {
        const known = Object.keys(p.parameters);
        throw errorAt(src, ['spec', 'parameters', id, name], `policy "${id}" has no parameter "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ''}`, null, true);
      }
      if (decl.type !== undefined) {
        const bad = paramValueProblem(decl, value);
        if (bad) throw errorAt(src, ['spec', 'parameters', id, name, ...bad.path], `parameter "${name}" of policy "${id}" (${decl.type}): ${bad.message}`);
        continue;
      }
      const want = kindOf(decl.default);
      if (want !== 'null' && kindOf(value) !== want) {
        throw errorAt(src, ['spec', 'parameters', id, name], `parameter "${name}" of policy "${id}" must be a ${want} (like its default), got a ${kindOf(value)}`);
      }
    }
  }

  const policies = [...byId.values()];
  const parameters = Object.fromEntries(policies.map((p) => [
    p.id,
    {
      ...Object.fromEntries(Object.entries(p.parameters).map(([name, d]) => [name, d.default])),
      ...(spec.parameters[p.id] ?? {}),
      // The pack's standard version, on every policy of the pack that reads it.
      ...(p.parameters[STANDARD_PARAM] && standards.has(p.pack) ? { [STANDARD_PARAM]: standards.get(p.pack)!.minor } : {}),
    },
  ]));
  const resolved: Omit<ResolvedContract, 'digest'> = {
    apiVersion,
    name: metadata.name,
    vendor: metadata.vendor,
    ...(v3 ? { install: v3.metadata.install, roster: v3.roster } : {}),
    extends: requests.map((r) => r.pack),
    packs: pins,
    policies,
    parameters,
    setParameters: Object.fromEntries(Object.entries(spec.parameters).map(([id, values]) => [id, Object.keys(values)])),
    approvals: {
      quorum: spec.approvals.quorum,
      exceptionQuorum: spec.approvals.exceptionQuorum,
      maxExceptionDays: spec.approvals.maxExceptionDays,
      separationOfDuties: { ...(v4?.approvals.separationOfDuties ?? LEGACY_SEPARATION_OF_DUTIES) },
    },
    vendorSignature: v4?.vendorSignature ?? 'optional',
    source: file,
  };
  return { ...resolved, digest: contractDigest(resolved) };
}
