import type { AuditLog } from './audit-log';
import type { Db } from './open-database';
import { writeTransaction } from './write-transaction';

/** The four display labels of a change set; '' = no label for that field. */
export interface ChangeSetLabels {
  readonly vendor: string;
  readonly app: string;
  readonly install: string;
  readonly release: string;
}

export const LABEL_FIELDS = ['vendor', 'app', 'install', 'release'] as const;
export type LabelField = (typeof LABEL_FIELDS)[number];
export const NO_LABELS: ChangeSetLabels = Object.freeze({ vendor: '', app: '', install: '', release: '' });

interface LabelRow extends ChangeSetLabels {
  readonly digest: string;
}

/**
 * Display labels of change sets (migration 9). Only what the screen shows reads them: the
 * digest, contract selection, policies, verify and the outbox use the stored change set's own
 * metadata. Every change is one audit entry (before and after), in the write that makes it.
 * Values are validated by the caller (core/app/change-set-labels.ts).
 */
export class ChangeSetLabelRepository {
  private readonly getStmt;
  private readonly allStmt;
  private readonly upsertStmt;

  constructor(private readonly db: Db, private readonly audit: AuditLog, private readonly now: () => Date) {
    this.getStmt = db.prepare<[string], LabelRow>('SELECT digest, vendor, app, install, release FROM change_set_labels WHERE digest = ?');
    this.allStmt = db.prepare<[], LabelRow>('SELECT digest, vendor, app, install, release FROM change_set_labels');
    this.upsertStmt = db.prepare(`INSERT INTO change_set_labels (digest, vendor, app, install, release, updated_at)
      VALUES (@digest, @vendor, @app, @install, @release, @at)
      ON CONFLICT (digest) DO UPDATE SET vendor = @vendor, app = @app, install = @install, release = @release, updated_at = @at`);
  }

  get(digest: string): ChangeSetLabels {
    const row = this.getStmt.get(digest);
    return row ? pick(row) : NO_LABELS;
  }

  /** Every labelled change set (the inbox reads them once). */
  all(): ReadonlyMap<string, ChangeSetLabels> {
    return new Map(this.allStmt.all().map((r) => [r.digest, pick(r)]));
  }

  /** Replaces the labels of a stored change set; no entry and no write when nothing changes. */
  set(digest: string, labels: ChangeSetLabels): { readonly changed: boolean; readonly labels: ChangeSetLabels } {
    return writeTransaction(this.db, () => {
      const before = this.get(digest);
      const after = pick(labels);
      if (LABEL_FIELDS.every((f) => before[f] === after[f])) return { changed: false, labels: before };
      this.upsertStmt.run({ digest, ...after, at: this.now().toISOString() });
      this.audit.append({ action: 'changeset.labels', subject: digest, details: { before: { ...before }, after: { ...after } } });
      return { changed: true, labels: after };
    });
  }
}

function pick(l: ChangeSetLabels): ChangeSetLabels {
  return { vendor: l.vendor, app: l.app, install: l.install, release: l.release };
}
