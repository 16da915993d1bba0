import type { Db } from './open-database';

/**
 * Each change set's resource facts (ResourceFactsDto[] of core/app/review), kept as one JSON
 * array per change set. Derived from the change set's files (immutable by its digest), so a row
 * is replaced when the facts' shape changes version, and never audited.
 */
export class ResourceFactsRepository {
  private readonly getStmt;
  private readonly hasStmt;
  private readonly putStmt;
  private readonly headStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string, number], { facts: string; resource_count: number }>(
      'SELECT facts, resource_count FROM resource_facts WHERE change_set_digest = ? AND version = ?',
    );
    this.hasStmt = db.prepare<[string, number], { found: number }>(
      'SELECT 1 AS found FROM resource_facts WHERE change_set_digest = ? AND version = ?',
    );
    this.headStmt = db.prepare<[number, string, number], { head: string }>(
      'SELECT substr(facts, 1, ?) AS head FROM resource_facts WHERE change_set_digest = ? AND version = ?',
    );
    this.putStmt = db.prepare<[string, number, number, string]>(
      `INSERT INTO resource_facts (change_set_digest, version, resource_count, facts) VALUES (?, ?, ?, ?)
       ON CONFLICT (change_set_digest) DO UPDATE SET version = excluded.version, resource_count = excluded.resource_count, facts = excluded.facts`,
    );
  }

  /** The stored facts of this version, or null (none stored, another version, not JSON, or not a whole list). */
  get(digest: string, version: number): readonly unknown[] | null {
    const row = this.getStmt.get(digest, version);
    if (!row) return null;
    let facts: unknown;
    try {
      facts = JSON.parse(row.facts);
    } catch {
      // Derived data: a row someone broke is computed again by the caller, never a failed review.
      return null;
    }
    return Array.isArray(facts) && facts.length === row.resource_count ? facts : null;
  }

  /** The first `chars` characters of the stored list's JSON text (not parsed), or null when none of this version is stored. */
  headText(digest: string, version: number, chars: number): string | null {
    return this.headStmt.get(chars, digest, version)?.head ?? null;
  }

  /** A row of this version is stored (not parsed: readers check it when they read it). */
  has(digest: string, version: number): boolean {
    return this.hasStmt.get(digest, version) !== undefined;
  }

  put(digest: string, version: number, facts: readonly unknown[]): void {
    this.putStmt.run(digest, version, facts.length, JSON.stringify(facts));
  }
}
