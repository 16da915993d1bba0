import { basename } from 'node:path';
import { evaluateChangeSet, parseContract } from '../engine';
import { withFleetParseMemo } from '../engine/contract/fleet-parse-memo';
import { packsRoot } from '../io/packs-root';
import type { CompiledContract, ResolvedContract } from '../engine';
import { sha256Digest } from '../hashing/canonical-digest';
import type { ChangeSet } from '../model/changeset';
import { InputError } from '../model/errors';
import type { Finding } from '../model/finding';
import { TYPED_TIME, parseIsoTime } from '../model/iso-time';
import { printable } from '../model/printable-text';
import type { TrustedKey } from '../verify/trusted-keys';
import { byCodeUnit, decisionsOf } from './decisions';
import type { Decisions, WeighedFinding } from './decisions';
import { FleetCompiler } from './fleet-compile';
import type { FleetUnit } from './fleet-compile';
import type { FleetMatrix, FleetRow } from './fleet-matrix';
import type { FleetContract } from './load-fleet-contracts';
import { publicationStatus } from './publication-status';
import type { PublicationStatus } from './publication-status';
import { shardOf } from './shard';
import type { Shard } from './shard';

export interface EvaluateFleetOptions {
  /** Evaluate only this shard of the contract set (1-based index). */
  readonly shard?: Shard;
  /** The evaluation time; default: the release's plannedApplyAt, else `now`. */
  readonly at?: Date;
  /** The clock publications are judged by (default: the real clock). */
  readonly now?: Date;
  /** The contract owners' keys the vendor holds; null/absent: each contract's own roster. */
  readonly trusted?: ReadonlyMap<string, TrustedKey> | null;
}

interface Install {
  readonly install: string;
  readonly file: string;
  readonly source: FleetContract;
  readonly contract: ResolvedContract;
}

/** One enabled policy of a configuration: the unit that evaluates it and what its findings weigh. */
interface Member {
  readonly unit: FleetUnit;
  readonly id: string;
  readonly enforcement: Finding['enforcement'];
  readonly severity: Finding['severity'];
  readonly shadow: boolean;
}

const CONTRACT_SUFFIXES = ['.contract.yaml', '.contract.yml', '.contract.json', '.yaml', '.yml', '.json'];

/** `metadata.install`, else the file's name without its contract extension. */
function installName(file: string, contract: ResolvedContract): string {
  if (contract.install) return contract.install;
  const name = basename(file);
  const suffix = CONTRACT_SUFFIXES.find((s) => name.toLowerCase().endsWith(s) && name.length > s.length);
  return suffix ? name.slice(0, -suffix.length) : name;
}

function parseInstalls(contracts: readonly FleetContract[]): Install[] {
  const byInstall = new Map<string, Install>();
  // Found once for the fleet, not once per contract (a walk up the folders with a stat each).
  // Not found: undefined, and each contract that extends a pack fails as it would alone.
  const root = packsRootOnce();
  for (const source of contracts) {
    const contract = parseContract(source.file, source.text, root);
    const install = installName(source.file, contract);
    const other = byInstall.get(install);
    if (other) {
      throw new InputError(source.file, `install "${printable(install)}" is also the install of ${printable(other.file)}: a fleet has one contract per install (set metadata.install, or rename a file)`);
    }
    byInstall.set(install, { install, file: source.file, source, contract });
  }
  return [...byInstall.values()].sort((a, b) => byCodeUnit(a.install, b.install));
}

function packsRootOnce(): string | undefined {
  try {
    return packsRoot();
  } catch {
    return undefined;
  }
}

/** `now` is the planned apply time when the vendor states one, as `countersign evaluate` does. */
function evaluationTime(cs: ChangeSet, now: Date): Date {
  const planned = cs.metadata.plannedApplyAt;
  if (!planned) return now;
  const r = parseIsoTime(planned, TYPED_TIME);
  if (!r.ok) throw new InputError(cs.origin, `plannedApplyAt '${printable(planned)}' ${r.reason}`);
  return r.date;
}

function changeSetLabel(cs: ChangeSet): string {
  const m = cs.metadata;
  const label = [m.vendor, m.app, m.release].filter((s) => s !== '').join(' ');
  return label || basename(cs.origin);
}

/**
 * Evaluates one change set against many contracts, one per install: every verdict is the one
 * `countersign evaluate --contract` gives for that contract (exceptions and approvals are not
 * part of it). The change set is given parsed (once); each distinct policy text compiles once;
 * each distinct (policy, parameters) is evaluated once per resource, in one shared pass; and
 * each distinct configuration's findings are weighed once. Every contract is parsed and
 * compiled, even outside the shard, so each shard refuses a bad contract the same way.
 * Throws InputError (file and line) on a bad contract, before anything is evaluated.
 */
export function evaluateFleet(changeSet: ChangeSet, contracts: readonly FleetContract[], options: EvaluateFleetOptions = {}): FleetMatrix {
  const clock = options.now ?? new Date();
  const at = options.at ?? evaluationTime(changeSet, clock);
  const parseStarted = performance.now();
  if (contracts.length === 0) throw new InputError('contracts', 'the fleet has no contract');
  // Packs resolved once, and the contracts' identical top-level entries (a configuration's spec) parsed once.
  const all = withFleetParseMemo(() => parseInstalls(contracts));
  const shard = options.shard;
  const mine = shard ? all.filter((_, i) => shardOf(i, shard.count) === shard.index) : all;
  // Judged at the later of now and the evaluation time: a publication that runs out before the
  // planned apply is stale now for the release.
  const checkAt = new Date(Math.max(clock.getTime(), at.getTime()));
  const statuses: PublicationStatus[] = mine.map((i) => publicationStatus(i.contract, i.source.publications, options.trusted ?? null, checkAt));
  const parseMs = performance.now() - parseStarted;

  const compiler = new FleetCompiler();
  const compileStarted = performance.now();
  for (const i of all) for (const p of i.contract.policies) compiler.program(p);
  const policyDigests = new Set<string>();
  const configs = new Map<string, readonly Member[]>();
  const configOf: string[] = [];
  const digestOfTuples = new Map<string, string>();
  let checksRepresented = 0;
  for (const i of mine) {
    const members: Member[] = [];
    for (const p of i.contract.policies) {
      policyDigests.add(compiler.program(p).digest);
      if (!p.enabled) continue;
      members.push({ unit: compiler.unit(p, i.contract.parameters[p.id] ?? {}), id: p.id, enforcement: p.enforcement, severity: p.severity, shadow: p.shadow === true });
    }
    checksRepresented += members.length * changeSet.resources.length;
    // Unit indexes differ between runs (shards): the configuration is digested by content.
    const digest = configurationDigest(members, digestOfTuples);
    configOf.push(digest);
    if (!configs.has(digest)) configs.set(digest, members);
  }
  const setupMs = performance.now() - compileStarted;
  const compiledBeforeEvaluation = compiler.compileMs;

  const evaluateStarted = performance.now();
  const used = new Map<number, FleetUnit>();
  for (const members of configs.values()) for (const m of members) used.set(m.unit.index, m.unit);
  const units = [...used.values()].sort((a, b) => a.index - b.index);
  const shared: CompiledContract = { contract: mine[0]?.contract ?? all[0]!.contract, policies: units.map((u) => u.compiled) };
  const evaluation = evaluateChangeSet(changeSet, shared, { at });
  const byUnit = new Map<number, Finding[]>();
  const builtIn: Finding[] = []; // input integrity: the same for every contract
  for (const f of evaluation.findings) {
    const unit = compiler.unitOf(f.policy);
    if (!unit) {
      builtIn.push(f);
      continue;
    }
    const list = byUnit.get(unit.index);
    if (list) list.push(f);
    else byUnit.set(unit.index, [f]);
  }
  const decisions = new Map<string, Decisions>();
  for (const [digest, members] of configs) decisions.set(digest, decisionsOf(weighed(members, byUnit, builtIn)));
  // Pack policies' CEL compiles on its first read, inside the evaluation: counted as compile time.
  const evaluateMs = performance.now() - evaluateStarted - (compiler.compileMs - compiledBeforeEvaluation);
  const compileMs = setupMs - compiledBeforeEvaluation + compiler.compileMs;

  const numbers = new Map<string, number>();
  const rows: FleetRow[] = mine.map((i, n): FleetRow => {
    const digest = configOf[n]!;
    if (!numbers.has(digest)) numbers.set(digest, numbers.size);
    const d = decisions.get(digest)!;
    const status = statuses[n]!;
    return {
      install: i.install,
      contractFile: i.file,
      contractName: i.contract.name,
      contractDigest: i.contract.digest,
      contractStatus: status.status,
      contractStatusDetail: status.detail,
      verdict: d.verdict,
      deny: d.deny,
      approval: d.approval,
      findingsByPolicy: d.findingsByPolicy,
      configuration: numbers.get(digest)!,
      configurationDigest: digest,
    };
  });
  return {
    fleetVersion: 1,
    changeSet: { digest: changeSet.digest, resources: changeSet.resources.length, label: changeSetLabel(changeSet) },
    at: at.toISOString(),
    rows,
    configurations: numbers.size,
    distinctPolicies: policyDigests.size,
    policyDigests: [...policyDigests].sort(byCodeUnit),
    contractSet: { installs: all.length, digest: sha256Digest(all.map((i) => [i.install, i.contract.digest])) },
    trust: options.trusted ? 'trusted-keys' : 'own-roster',
    ...(shard ? { shard: { index: shard.index, count: shard.count } } : {}),
    work: { checksRepresented, checksPerformed: evaluation.summary.checks, distinctEvaluations: units.length },
    timings: { parseMs, compileMs, evaluateMs },
  };
}

/**
 * sha256Digest of the members' [unit digest, id, enforcement, severity, shadow] tuples, sorted
 * by their JSON text: each tuple's text is written once, not once per comparison.
 */
function configurationDigest(members: readonly Member[], known: Map<string, string>): string {
  const tuples = members.map((m) => {
    const tuple = [m.unit.digest, m.id, m.enforcement, m.severity, m.shadow] as const;
    return { tuple, order: JSON.stringify(tuple) };
  });
  tuples.sort((a, b) => byCodeUnit(a.order, b.order));
  // The sorted JSON texts name the tuples exactly: a configuration met before is not digested again.
  const key = tuples.map((t) => t.order).join('\n');
  let digest = known.get(key);
  if (digest === undefined) known.set(key, (digest = sha256Digest(tuples.map((t) => t.tuple))));
  return digest;
}

/** A configuration's findings as its own contract weighs them: its ids, enforcement and shadow flags. */
function* weighed(members: readonly Member[], byUnit: ReadonlyMap<number, readonly Finding[]>, builtIn: readonly Finding[]): Generator<WeighedFinding> {
  yield* builtIn;
  for (const m of members) {
    for (const f of byUnit.get(m.unit.index) ?? []) {
      yield { policy: m.id, status: f.status, enforcement: m.enforcement, ...(m.shadow ? { shadow: true as const } : {}) };
    }
  }
}
