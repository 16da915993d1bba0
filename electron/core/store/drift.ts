// Issue 12 (drift review; owner D3): drift reports, their items and signed acknowledgements.
import { ConflictError, InputError } from '../model/errors';
import { envelopeFields } from './attestations';
import type { Db } from './open-database';
import type { WriteResult } from './types';
import { writeTransaction } from './write-transaction';
import type { Workspace } from './workspace';

export type StoredDriftMode = 'acknowledged' | 'revert-by-vendor';

export interface DriftReportToStore {
  readonly install: string;
  readonly snapshotSha256: string;
  readonly snapshotKind: string;
  readonly snapshotFile: string;
  readonly approvedChangeSet: string;
  readonly contractDigest: string;
  readonly verdict: string;
  readonly findingCount: number;
  /** The masked report as JSON text (DriftReport). */
  readonly report: string;
  readonly items: readonly { readonly key: string; readonly address: string; readonly kind: string; readonly otherManagersOnly: boolean }[];
}

export interface StoredDriftReport {
  readonly id: number;
  readonly install: string;
  readonly snapshotSha256: string;
  readonly snapshotKind: string;
  readonly snapshotFile: string;
  readonly approvedChangeSet: string;
  readonly contractDigest: string;
  readonly verdict: string;
  readonly itemCount: number;
  readonly findingCount: number;
  readonly report: string;
  readonly createdAt: string;
}

export interface StoredDriftAcknowledgement {
  readonly id: number;
  readonly install: string;
  readonly itemKey: string;
  readonly mode: StoredDriftMode;
  readonly note: string;
  readonly keyId: string;
  readonly statementDigest: string;
  readonly envelope: string;
  readonly createdAt: string;
}

interface ReportRow {
  id: number; install: string; snapshot_sha256: string; snapshot_kind: string; snapshot_file: string; approved_change_set: string;
  contract_digest: string; verdict: string; item_count: number; finding_count: number; report: string; created_at: string;
}
interface AckRow {
  id: number; install: string; item_key: string; mode: StoredDriftMode; note: string; key_id: string; statement_digest: string; envelope: string; created_at: string;
}

/** Whether the workspace's schema has the drift tables (a read-only open of an older workspace has not). */
function hasDriftTables(db: Db): boolean {
  return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'drift_acknowledgements'").get()!.n === 1;
}

/** The drift store of a workspace (kept out of Workspace itself: built on its db and audit log). */
export function driftStore(ws: Workspace, now: () => Date = () => new Date()): DriftRepository {
  return new DriftRepository(ws, now);
}

export class DriftRepository {
  private readonly db: Db;
  private readonly present: boolean;

  constructor(private readonly ws: Workspace, private readonly now: () => Date) {
    this.db = ws.db;
    this.present = hasDriftTables(this.db);
  }

  /** Stores a report with its items and audit entry in one transaction; the same snapshot judged the same way again is stored once. */
  recordReport(input: DriftReportToStore, actor?: string): WriteResult<StoredDriftReport> {
    return writeTransaction(this.db, () => {
      const same = this.db.prepare<[string, string, string, string], ReportRow>(
        'SELECT * FROM drift_reports WHERE install = ? AND snapshot_sha256 = ? AND approved_change_set = ? AND contract_digest = ?',
      ).get(input.install, input.snapshotSha256, input.approvedChangeSet, input.contractDigest);
      if (same) return { created: false, value: toReport(same) };
      const { lastInsertRowid } = this.db.prepare(`INSERT INTO drift_reports
        (install, snapshot_sha256, snapshot_kind, snapshot_file, approved_change_set, contract_digest, verdict, item_count, finding_count, report, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        input.install, input.snapshotSha256, input.snapshotKind, input.snapshotFile, input.approvedChangeSet, input.contractDigest,
        input.verdict, input.items.length, input.findingCount, input.report, this.now().toISOString(),
      );
      const id = Number(lastInsertRowid);
      const insertItem = this.db.prepare('INSERT OR IGNORE INTO drift_items (report_id, item_key, address, kind, other_managers_only) VALUES (?, ?, ?, ?, ?)');
      for (const i of input.items) insertItem.run(id, i.key, i.address, i.kind, i.otherManagersOnly ? 1 : 0);
      this.ws.audit.append({
        action: 'drift.import',
        subject: input.install,
        details: {
          reportId: id, snapshotSha256: input.snapshotSha256, snapshotKind: input.snapshotKind, approvedChangeSet: input.approvedChangeSet,
          contractDigest: input.contractDigest, items: input.items.length, findings: input.findingCount, verdict: input.verdict,
        },
        ...(actor === undefined ? {} : { actor }),
      });
      return { created: true, value: toReport(this.db.prepare<[number], ReportRow>('SELECT * FROM drift_reports WHERE id = ?').get(id)!) };
    });
  }

  listReports(install?: string): readonly StoredDriftReport[] {
    if (!this.present) return [];
    const rows = install === undefined
      ? this.db.prepare<[], ReportRow>('SELECT * FROM drift_reports ORDER BY id DESC').all()
      : this.db.prepare<[string], ReportRow>('SELECT * FROM drift_reports WHERE install = ? ORDER BY id DESC').all(install);
    return rows.map(toReport);
  }

  /** The newest report of each install (the inbox reads only these: older ones are history). */
  newestReports(): readonly StoredDriftReport[] {
    if (!this.present) return [];
    return this.db.prepare<[], ReportRow>('SELECT * FROM drift_reports WHERE id IN (SELECT max(id) FROM drift_reports GROUP BY install) ORDER BY install').all().map(toReport);
  }

  getReport(id: number): StoredDriftReport | null {
    if (!this.present) return null;
    const row = this.db.prepare<[number], ReportRow>('SELECT * FROM drift_reports WHERE id = ?').get(id);
    return row ? toReport(row) : null;
  }

  /** The newest report that lists the drift item `key` (null: none does). */
  newestReportWithItem(key: string): StoredDriftReport | null {
    if (!this.present) return null;
    const row = this.db.prepare<[string], ReportRow>(
      'SELECT r.* FROM drift_items i JOIN drift_reports r ON r.id = i.report_id WHERE i.item_key = ? ORDER BY r.id DESC LIMIT 1',
    ).get(key);
    return row ? toReport(row) : null;
  }

  /** Stores a signed acknowledgement with its audit entry; a second one for the same item is refused (ConflictError). */
  recordAcknowledgement(input: Omit<StoredDriftAcknowledgement, 'id' | 'createdAt'>, actor?: string): WriteResult<StoredDriftAcknowledgement> {
    if (input.note.trim() === '') throw new InputError(input.itemKey, 'a drift acknowledgement needs a note');
    return writeTransaction(this.db, () => {
      const same = this.db.prepare<[string], AckRow>('SELECT * FROM drift_acknowledgements WHERE statement_digest = ?').get(input.statementDigest);
      if (same) return { created: false, value: toAck(same) };
      const earlier = this.acknowledgementOf(input.install, input.itemKey);
      if (earlier) throw new ConflictError(input.itemKey, `this drift item was already ${earlier.mode === 'acknowledged' ? 'acknowledged' : 'marked to be reverted by the vendor'} (${earlier.createdAt})`);
      const { lastInsertRowid } = this.db.prepare(`INSERT INTO drift_acknowledgements
        (install, item_key, mode, note, key_id, statement_digest, envelope, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
        input.install, input.itemKey, input.mode, input.note, input.keyId, input.statementDigest, input.envelope, this.now().toISOString(),
      );
      const id = Number(lastInsertRowid);
      this.ws.audit.append({
        action: 'drift.acknowledge',
        subject: input.install,
        details: { acknowledgementId: id, itemKey: input.itemKey, mode: input.mode, note: input.note, keyId: input.keyId, statementDigest: input.statementDigest },
        ...(actor === undefined ? {} : { actor }),
      });
      return { created: true, value: toAck(this.db.prepare<[number], AckRow>('SELECT * FROM drift_acknowledgements WHERE id = ?').get(id)!) };
    });
  }

  acknowledgementOf(install: string, itemKey: string): StoredDriftAcknowledgement | null {
    if (!this.present) return null;
    const row = this.db.prepare<[string, string], AckRow>('SELECT * FROM drift_acknowledgements WHERE install = ? AND item_key = ?').get(install, itemKey);
    return row ? toAck(row) : null;
  }

  listAcknowledgements(install?: string): readonly StoredDriftAcknowledgement[] {
    if (!this.present) return [];
    const rows = install === undefined
      ? this.db.prepare<[], AckRow>('SELECT * FROM drift_acknowledgements ORDER BY id').all()
      : this.db.prepare<[string], AckRow>('SELECT * FROM drift_acknowledgements WHERE install = ? ORDER BY id').all(install);
    return rows.map(toAck);
  }

  /** Whether this exact envelope (same payload, same signatures) is stored: reads the text of an outbox file. */
  holdsEnvelope(text: string): boolean {
    if (!this.present) return false;
    const fields = envelopeFields(text);
    if (!fields) return false;
    return this.db.prepare<[string], { envelope: string }>("SELECT envelope FROM drift_acknowledgements WHERE json_extract(envelope, '$.payload') = ?")
      .all(fields.payload).some((r) => envelopeFields(r.envelope)?.signatures === fields.signatures);
  }
}

function toReport(r: ReportRow): StoredDriftReport {
  return {
    id: r.id, install: r.install, snapshotSha256: r.snapshot_sha256, snapshotKind: r.snapshot_kind, snapshotFile: r.snapshot_file,
    approvedChangeSet: r.approved_change_set, contractDigest: r.contract_digest, verdict: r.verdict, itemCount: r.item_count,
    findingCount: r.finding_count, report: r.report, createdAt: r.created_at,
  };
}

function toAck(r: AckRow): StoredDriftAcknowledgement {
  return {
    id: r.id, install: r.install, itemKey: r.item_key, mode: r.mode, note: r.note, keyId: r.key_id,
    statementDigest: r.statement_digest, envelope: r.envelope, createdAt: r.created_at,
  };
}
