import { canonicalJson } from '../base/canonical-json';
import { InputError } from '../model/errors';
import { printable } from '../model/printable-text';
import { byCodeUnit } from './decisions';
import type { FleetMatrix, FleetRow } from './fleet-matrix';
import { shardOf } from './shard';

export interface ShardFile {
  /** Where it came from, for messages. */
  readonly file: string;
  readonly matrix: FleetMatrix;
}

/**
 * Combines the shards of one fleet run into the matrix the unsharded run gives. Refused
 * (InputError naming the file): a matrix that is not a shard, shards of another release,
 * evaluation time, contract set, trust or shard count, a shard given twice or missing, an
 * install in two shards, and rows a shard should not hold. Timings and work are per machine
 * and are left out.
 */
export function mergeFleet(shards: readonly ShardFile[]): FleetMatrix {
  const first = shards[0];
  if (!first) throw new InputError('fleet merge', 'no shard given');
  const n = first.matrix.shard?.count;
  const seen = new Map<number, string>();
  for (const { file, matrix } of shards) {
    if (!matrix.shard) throw new InputError(file, 'is a whole fleet matrix, not a shard (made without --shard)');
    const differs = (what: string, mine: unknown, theirs: unknown): void => {
      if (canonicalJson(mine) !== canonicalJson(theirs)) {
        throw new InputError(file, `is of another ${what} than ${printable(first.file)} (${printable(String(mine))} vs ${printable(String(theirs))}): shards of one run only`);
      }
    };
    differs('fleet version', matrix.fleetVersion, first.matrix.fleetVersion);
    differs('release', matrix.changeSet.digest, first.matrix.changeSet.digest);
    differs('release', canonicalJson(matrix.changeSet), canonicalJson(first.matrix.changeSet));
    differs('evaluation time (pass the same --at to every shard)', matrix.at, first.matrix.at);
    differs('contract set', matrix.contractSet.digest, first.matrix.contractSet.digest);
    differs('key trust (--trust)', matrix.trust, first.matrix.trust);
    differs('shard count', matrix.shard.count, n);
    const twice = seen.get(matrix.shard.index);
    if (twice !== undefined) throw new InputError(file, `is shard ${matrix.shard.index}/${n} again (also ${printable(twice)})`);
    seen.set(matrix.shard.index, file);
  }
  const missing = [...Array(n).keys()].map((i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new InputError('fleet merge', `shard${missing.length > 1 ? 's' : ''} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''} of ${n} missing`);

  const origin = new Map<string, { file: string; index: number }>();
  const rows: FleetRow[] = [];
  for (const { file, matrix } of shards) {
    for (const row of matrix.rows) {
      const other = origin.get(row.install);
      if (other) throw new InputError(file, `install "${printable(row.install)}" is also in ${printable(other.file)}: shards overlap`);
      origin.set(row.install, { file, index: matrix.shard!.index });
      rows.push(row);
    }
  }
  rows.sort((a, b) => byCodeUnit(a.install, b.install));
  if (rows.length !== first.matrix.contractSet.installs) {
    throw new InputError('fleet merge', `the shards hold ${rows.length} installs, but the contract set has ${first.matrix.contractSet.installs}`);
  }
  // Each install must sit in the shard the round-robin cut gives it: a row moved between shard files is refused.
  rows.forEach((row, position) => {
    const from = origin.get(row.install)!;
    if (shardOf(position, n!) !== from.index) throw new InputError(from.file, `install "${printable(row.install)}" does not belong to shard ${from.index}/${n}`);
  });

  const numbers = new Map<string, number>();
  const merged = rows.map((row): FleetRow => {
    if (!numbers.has(row.configurationDigest)) numbers.set(row.configurationDigest, numbers.size);
    return { ...row, configuration: numbers.get(row.configurationDigest)! };
  });
  const policyDigests = [...new Set(shards.flatMap((s) => s.matrix.policyDigests))].sort(byCodeUnit);
  const m = first.matrix;
  return {
    fleetVersion: 1,
    changeSet: m.changeSet,
    at: m.at,
    rows: merged,
    configurations: numbers.size,
    distinctPolicies: policyDigests.length,
    policyDigests,
    contractSet: m.contractSet,
    trust: m.trust,
  };
}
