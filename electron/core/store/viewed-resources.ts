import { InputError } from '../model/errors';
import type { Db } from './open-database';
import { writeTransaction } from './write-transaction';

/** Most resources one call may mark (a 15k-resource plan marked at once stays one call). */
export const MAX_VIEWED_PER_CALL = 50_000;

/**
 * Which resources of a change set a reviewer marked "Viewed" (table viewed_resources). Review
 * progress, not a decision: nothing reads it but the review screen, so it is not audited. A
 * change set is immutable by its digest, so a resource index names the same resource forever.
 */
export class ViewedResourceRepository {
  private readonly list;
  private readonly insert;
  private readonly remove;

  constructor(private readonly db: Db, private readonly now: () => Date) {
    this.list = db.prepare<[string, string], { resource_index: number }>(
      'SELECT resource_index FROM viewed_resources WHERE change_set_digest = ? AND reviewer = ? ORDER BY resource_index',
    );
    this.insert = db.prepare<[string, string, number, string]>(
      'INSERT INTO viewed_resources (change_set_digest, reviewer, resource_index, viewed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.remove = db.prepare<[string, string, number]>('DELETE FROM viewed_resources WHERE change_set_digest = ? AND reviewer = ? AND resource_index = ?');
  }

  /** The indexes `reviewer` marked viewed in the change set, ascending. */
  viewed(digest: string, reviewer: string): number[] {
    return this.list.all(digest, reviewer).map((r) => r.resource_index);
  }

  /** Marks (or unmarks) resources, all or none; returns the indexes viewed afterwards. */
  mark(digest: string, reviewer: string, indexes: readonly number[], viewed: boolean): number[] {
    if (reviewer.trim() === '') throw new InputError('viewed resources', 'no reviewer to record them for');
    if (indexes.length > MAX_VIEWED_PER_CALL) throw new InputError('viewed resources', `at most ${MAX_VIEWED_PER_CALL} resources at once`);
    for (const i of indexes) {
      if (!Number.isSafeInteger(i) || i < 0) throw new InputError('viewed resources', `resource index ${String(i).slice(0, 40)} is not a whole number ≥ 0`);
    }
    const at = this.now().toISOString();
    return writeTransaction(this.db, () => {
      for (const i of indexes) {
        if (viewed) this.insert.run(digest, reviewer, i, at);
        else this.remove.run(digest, reviewer, i);
      }
      return this.viewed(digest, reviewer);
    });
  }
}
