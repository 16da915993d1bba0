import type { ArtifactInfo, ChangeSet } from '../model/changeset';
import { InputError, NotFoundError } from '../model/errors';
import type { ChangeSetManifest, ChangeSetSource } from '../loaders/bundle/types';
import { changeSetDigest, listFiles } from '../loaders/bundle/digest';
import type { AuditLog } from './audit-log';
import type { Db } from './open-database';
import { CHANGE_SET_STATES } from './types';
import type { ChangeSetState, JsonObject, StoredChangeSet, WriteResult } from './types';
import type { VendorRepository } from './vendors';
import { writeTransaction } from './write-transaction';

/** What the store keeps of a built change set (a `ChangeSet` from buildChangeSet fits). */
export type ChangeSetToStore = Pick<ChangeSet, 'digest' | 'metadata' | 'artifacts'> & { readonly resources: readonly unknown[] };

interface ChangeSetRow {
  readonly digest: string;
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
  readonly previous_release: string;
  readonly created_at: string;
  readonly planned_apply_at: string;
  readonly description: string;
  readonly origin: string;
  readonly manifest: string | null;
  readonly artifacts: string;
  readonly received_at: string;
  readonly state: ChangeSetState;
  readonly state_changed_at: string;
  readonly resource_count: number;
  readonly total_bytes: number;
}

interface FileRow {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface SetStateOptions {
  /** Why (kept in the audit entry). */
  readonly reason?: string;
}

/** Change sets, stored whole (every file as a BLOB) under their digest. */
export class ChangeSetRepository {
  private readonly getStmt;
  private readonly filesStmt;
  private readonly bytesStmt;
  private readonly insertStmt;
  private readonly insertFileStmt;
  private readonly setStateStmt;
  private readonly prefixStmt;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly vendors: VendorRepository,
    private readonly now: () => Date,
  ) {
    this.getStmt = db.prepare<[string], ChangeSetRow>('SELECT * FROM change_sets WHERE digest = ?');
    this.filesStmt = db.prepare<[string], FileRow>('SELECT path, sha256, size FROM change_set_files WHERE digest = ? ORDER BY path');
    this.bytesStmt = db.prepare<[string], { path: string; bytes: Buffer }>('SELECT path, bytes FROM change_set_files WHERE digest = ? ORDER BY ordinal');
    this.insertStmt = db.prepare(`INSERT INTO change_sets (digest, vendor, app, install, release, previous_release, created_at,
      planned_apply_at, description, install_id, origin, manifest, artifacts, received_at, state, state_changed_at,
      resource_count, file_count, total_bytes)
      VALUES (@digest, @vendor, @app, @install, @release, @previous_release, @created_at, @planned_apply_at, @description,
      @install_id, @origin, @manifest, @artifacts, @received_at, 'pending', @received_at, @resource_count, @file_count, @total_bytes)`);
    this.insertFileStmt = db.prepare<[string, number, string, string, number, Uint8Array]>(
      'INSERT INTO change_set_files (digest, ordinal, path, sha256, size, bytes) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.setStateStmt = db.prepare<[string, string, string]>('UPDATE change_sets SET state = ?, state_changed_at = ? WHERE digest = ?');
    this.prefixStmt = db.prepare<[string, string], { digest: string }>('SELECT digest FROM change_sets WHERE digest >= ? AND digest < ? LIMIT 2');
  }

  /**
   * Stores a change set whole: its metadata and every file's bytes, with one audit entry, in
   * one transaction. The files must be the ones the digest was computed over (checked here, so a
   * stored change set always rebuilds to the same digest). Importing a digest already stored
   * changes nothing and returns `created: false`.
   */
  importChangeSet(source: ChangeSetSource, changeSet: ChangeSetToStore): WriteResult<StoredChangeSet> {
    const listing = listFiles(source.files);
    for (let i = 1; i < listing.length; i++) {
      if (listing[i]!.path === listing[i - 1]!.path) throw new InputError(source.origin, `the change set holds ${listing[i]!.path} twice`);
    }
    if (changeSetDigest(listing) !== changeSet.digest) {
      throw new InputError(source.origin, `its files do not match the change-set digest ${changeSet.digest}`);
    }
    return writeTransaction(this.db, () => {
      const existing = this.getChangeSet(changeSet.digest);
      if (existing) return { created: false, value: existing };
      const at = this.now().toISOString();
      const m = changeSet.metadata;
      const totalBytes = listing.reduce((n, f) => n + f.bytes, 0);
      this.insertStmt.run({
        digest: changeSet.digest,
        vendor: m.vendor,
        app: m.app,
        install: m.install,
        release: m.release,
        previous_release: m.previousRelease,
        created_at: m.createdAt,
        planned_apply_at: m.plannedApplyAt,
        description: m.description,
        install_id: this.vendors.ensureInstall(m.vendor, m.app, m.install, at),
        origin: source.origin,
        manifest: source.manifest ? JSON.stringify(source.manifest) : null,
        artifacts: JSON.stringify(changeSet.artifacts),
        received_at: at,
        resource_count: changeSet.resources.length,
        file_count: listing.length,
        total_bytes: totalBytes,
      });
      const sha = new Map(listing.map((f) => [f.path, f.sha256]));
      source.files.forEach((f, i) => this.insertFileStmt.run(changeSet.digest, i, f.path, sha.get(f.path)!, f.bytes.length, f.bytes));
      this.audit.append({
        action: 'changeset.import',
        subject: changeSet.digest,
        details: {
          vendor: m.vendor,
          app: m.app,
          install: m.install,
          release: m.release,
          origin: source.origin,
          files: listing.length,
          bytes: totalBytes,
          resources: changeSet.resources.length,
        },
      });
      return { created: true, value: this.getChangeSet(changeSet.digest)! };
    });
  }

  getChangeSet(digest: string): StoredChangeSet | null {
    const row = this.getStmt.get(digest);
    return row ? this.toStored(row) : null;
  }

  /** The stored files, in their original order: what buildChangeSet needs to rebuild the change set. */
  getChangeSetSource(digest: string): ChangeSetSource | null {
    const row = this.getStmt.get(digest);
    if (!row) return null;
    return {
      origin: row.origin,
      manifest: row.manifest === null ? null : (JSON.parse(row.manifest) as ChangeSetManifest),
      files: this.bytesStmt.all(digest).map((f) => ({ path: f.path, bytes: new Uint8Array(f.bytes) })),
    };
  }

  /** The full digest for a unique prefix (`sha256:ab12`, or the hex alone) the user typed. */
  resolveDigest(prefix: string): string {
    const p = prefix.startsWith('sha256:') ? prefix : `sha256:${prefix}`;
    if (!/^sha256:[0-9a-f]{4,64}$/.test(p)) throw new InputError(prefix, 'is not a change-set digest (sha256:<hex>, at least 4 hex digits)');
    const hits = this.prefixStmt.all(p, `${p}\u{10ffff}`);
    if (hits.length === 0) throw new NotFoundError(prefix, 'no change set with this digest in the workspace');
    if (hits.length > 1) throw new InputError(prefix, 'names more than one change set: give more digits');
    return hits[0]!.digest;
  }

  /** Moves a change set to `state` with an audit entry; a no-op (no entry) when already there. */
  setChangeSetState(digest: string, state: ChangeSetState, options: SetStateOptions = {}): WriteResult<StoredChangeSet> {
    if (!CHANGE_SET_STATES.includes(state)) throw new InputError(digest, `unknown change-set state "${String(state)}"`);
    return writeTransaction(this.db, () => {
      const current = this.getChangeSet(digest);
      if (!current) throw new NotFoundError(digest, 'no change set with this digest in the workspace');
      if (current.state === state) return { created: false, value: current };
      this.setStateStmt.run(state, this.now().toISOString(), digest);
      const details: JsonObject = options.reason ? { from: current.state, to: state, reason: options.reason } : { from: current.state, to: state };
      this.audit.append({ action: 'changeset.state', subject: digest, details });
      return { created: true, value: this.getChangeSet(digest)! };
    });
  }

  private toStored(row: ChangeSetRow): StoredChangeSet {
    return {
      digest: row.digest,
      metadata: {
        vendor: row.vendor,
        app: row.app,
        install: row.install,
        release: row.release,
        previousRelease: row.previous_release,
        createdAt: row.created_at,
        plannedApplyAt: row.planned_apply_at,
        description: row.description,
      },
      origin: row.origin,
      manifest: row.manifest === null ? null : (JSON.parse(row.manifest) as ChangeSetManifest),
      artifacts: JSON.parse(row.artifacts) as ArtifactInfo[],
      files: this.filesStmt.all(row.digest).map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.size })),
      receivedAt: row.received_at,
      state: row.state,
      stateChangedAt: row.state_changed_at,
      resourceCount: row.resource_count,
      totalBytes: row.total_bytes,
    };
  }
}
