import type { Db } from './open-database';
import { writeTransaction } from './write-transaction';

/**
 * Each resource's masked detail (core/app/review/stored-details.ts encodes it), one row per
 * resource of a change set. Derived from the change set's files (immutable by its digest), so a
 * row of another version is replaced, and never audited.
 */
export class ResourceDetailsRepository {
  private readonly getStmt;
  private readonly putStmt;
  private readonly countStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<[string, number, number], { detail: Buffer }>(
      'SELECT detail FROM resource_details WHERE change_set_digest = ? AND resource_index = ? AND version = ?',
    );
    this.putStmt = db.prepare<[string, number, number, Buffer]>(
      `INSERT INTO resource_details (change_set_digest, resource_index, version, detail) VALUES (?, ?, ?, ?)
       ON CONFLICT (change_set_digest, resource_index) DO UPDATE SET version = excluded.version, detail = excluded.detail`,
    );
    this.countStmt = db.prepare<[string, number], { n: number }>(
      'SELECT count(*) AS n FROM resource_details WHERE change_set_digest = ? AND version = ?',
    );
  }

  /** The stored detail of one resource in this version, or null. */
  get(digest: string, index: number, version: number): Buffer | null {
    return this.getStmt.get(digest, index, version)?.detail ?? null;
  }

  /** How many resources of a change set have a detail of this version stored. */
  count(digest: string, version: number): number {
    return this.countStmt.get(digest, version)!.n;
  }

  /** Stores (or replaces) the details of some resources, in one transaction. */
  putMany(digest: string, version: number, rows: readonly (readonly [index: number, detail: Buffer])[]): void {
    writeTransaction(this.db, () => {
      for (const [index, detail] of rows) this.putStmt.run(digest, index, version, detail);
    });
  }
}
