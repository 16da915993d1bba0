import { UsageError } from '../model/errors';

/** One of `count` parts of a fleet (1-based `index`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Shards a fleet may be cut into: more than installs is allowed (a shard may be empty), not unbounded. */
export const MAX_SHARDS = 10_000;

/** `i/n`, e.g. `2/8`: whole numbers, 1 ≤ i ≤ n ≤ MAX_SHARDS. */
export function parseShard(text: string): Shard {
  const m = /^([1-9][0-9]{0,4})\/([1-9][0-9]{0,4})$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index > count || count > MAX_SHARDS) {
    throw new UsageError(`--shard '${text.slice(0, 40)}' must be i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (e.g. 2/8)`);
  }
  return { index, count };
}

/**
 * The shard of the install at `position` in the install-name order: round-robin, so every
 * shard gets the same number of installs (±1) and the cut depends only on the contract set,
 * never on the machine, the file order or the run.
 */
export function shardOf(position: number, count: number): number {
  return (position % count) + 1;
}
