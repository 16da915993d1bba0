import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import { InputError } from '../model/errors';
import { repoRoot } from '../testing/corpus';
import { configurationSpec, fleetContractYaml } from '../testing/fleet-fixtures';
import { evaluateFleet } from './evaluate-fleet';
import type { FleetMatrix } from './fleet-matrix';
import { mergeFleet } from './merge-fleet';
import { parseShard, shardOf } from './shard';

const AT = new Date('2026-11-28T03:00:00Z');
let cs: ChangeSet;
let other: ChangeSet;
before(async () => {
  cs = await loadChangeSet([`${repoRoot}electron/demo/bundles/acme-2.14.0-blocked`]);
  other = await loadChangeSet([`${repoRoot}electron/demo/bundles/acme-2.13.3-peering`]);
});

const contracts = (n: number) => [...Array(n).keys()].map((i) => ({ file: `c${i}.yaml`, text: fleetContractYaml({ name: `c${i}`, install: `i${i}`, ...configurationSpec(i % 2) }) }));
const shards = (n: number, count: number, release = () => cs, at = AT): FleetMatrix[] =>
  [...Array(count).keys()].map((i) => evaluateFleet(release(), contracts(n), { at, shard: { index: i + 1, count } }));
const files = (ms: readonly FleetMatrix[]) => ms.map((matrix, i) => ({ file: `s${i + 1}.json`, matrix }));
const refused = (pattern: RegExp) => (e: unknown) => e instanceof InputError && pattern.test(e.message);

describe('fleet merge refuses what one run could not have made', () => {
  test('a missing shard, a shard given twice, an unsharded matrix', () => {
    const [a, b, c] = shards(5, 3);
    assert.throws(() => mergeFleet(files([a!, b!])), refused(/shard 3 of 3 missing/));
    assert.throws(() => mergeFleet(files([a!, b!, b!])), refused(/s3\.json: is shard 2\/3 again \(also s2\.json\)/));
    assert.throws(() => mergeFleet(files([a!, b!, c!, evaluateFleet(cs, contracts(5), { at: AT })])), refused(/not a shard/));
    assert.throws(() => mergeFleet([]), refused(/no shard/));
  });

  test('shards of another release, time, contract set or shard count', () => {
    const [a] = shards(4, 2);
    assert.throws(() => mergeFleet(files([a!, shards(4, 2, () => other)[1]!])), refused(/another release/));
    assert.throws(() => mergeFleet(files([a!, shards(4, 2, () => cs, new Date('2026-11-29T00:00:00Z'))[1]!])), refused(/another evaluation time/));
    assert.throws(() => mergeFleet(files([a!, shards(5, 2)[1]!])), refused(/another contract set/));
    assert.throws(() => mergeFleet(files([a!, shards(4, 3)[1]!])), refused(/another (contract set|shard count)/));
  });

  test('an install in two shards, or moved to another shard, is refused', () => {
    const [a, b] = shards(4, 2);
    const moved: FleetMatrix = { ...b!, rows: [...b!.rows, a!.rows[0]!] };
    assert.throws(() => mergeFleet(files([a!, moved])), refused(/also in s1\.json: shards overlap/));
    const stolen: FleetMatrix = { ...a!, rows: a!.rows.slice(1) };
    assert.throws(() => mergeFleet(files([stolen, { ...b!, rows: [...b!.rows, a!.rows[0]!] }])), refused(/does not belong to shard 2\/2/));
    assert.throws(() => mergeFleet(files([stolen, b!])), refused(/hold 3 installs, but the contract set has 4/));
  });

  test('--shard is i/n with 1 ≤ i ≤ n; the cut is round-robin over install order, balanced within one', () => {
    assert.deepEqual(parseShard('2/8'), { index: 2, count: 8 });
    for (const bad of ['0/2', '3/2', '1/0', '1', '1/2/3', ' 1/2', '01/2', '1/2x', '-1/2', '1/99999']) assert.throws(() => parseShard(bad), /must be i\/n/, bad);
    for (const count of [1, 2, 3, 7]) {
      const sizes = Array<number>(count).fill(0);
      for (let i = 0; i < 20; i++) sizes[shardOf(i, count) - 1]!++;
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
    }
  });
});
