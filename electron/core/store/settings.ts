import { InputError } from '../model/errors';
import type { AuditLog } from './audit-log';
import type { Db } from './open-database';
import { writeTransaction } from './write-transaction';

/** The workspace's settings (table `settings`, one JSON value a key). */
export interface WorkspaceSettings {
  /** Exceptions expiring within this many days are shown in the inbox (1..90). */
  readonly exceptionExpiryWarningDays: number;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = Object.freeze({ exceptionExpiryWarningDays: 7 });

/** Each setting's rule: the problem with a value, or null when it is acceptable. */
const RULES: { readonly [K in keyof WorkspaceSettings]: (value: unknown) => string | null } = {
  exceptionExpiryWarningDays: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 90 ? null : 'must be a whole number of days from 1 to 90'),
};

const KEYS = Object.keys(RULES) as (keyof WorkspaceSettings)[];

/** Workspace settings: read with defaults, written one validated key at a time (audited). */
export class SettingsRepository {
  private readonly readAll;
  private readonly upsert;

  constructor(private readonly db: Db, private readonly audit: AuditLog) {
    this.readAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  /**
   * The settings in force. A stored value this build does not accept (written by hand or by
   * another build) is not used: its default applies, so a warning period is never 0 or absurd.
   */
  get(): WorkspaceSettings {
    const stored = new Map(this.readAll.all().map((r) => [r.key, r.value]));
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      const text = stored.get(key);
      if (text === undefined) continue;
      const value = JSON.parse(text) as unknown;
      if (RULES[key](value) === null) settings[key] = value;
    }
    return settings as unknown as WorkspaceSettings;
  }

  /** Validates every key given (an unknown key or a bad value changes nothing), stores them and audits the change. */
  update(patch: Partial<Record<string, unknown>>): WorkspaceSettings {
    for (const [key, value] of Object.entries(patch)) {
      const rule = (RULES as Record<string, ((v: unknown) => string | null) | undefined>)[key];
      if (!rule) throw new InputError(`setting ${key.slice(0, 100)}`, `unknown setting (known: ${KEYS.join(', ')})`);
      const problem = rule(value);
      if (problem !== null) throw new InputError(`setting ${key}`, problem);
    }
    return writeTransaction(this.db, () => {
      const before = this.get();
      const changed = KEYS.filter((k) => k in patch && patch[k] !== before[k]);
      for (const key of changed) this.upsert.run(key, JSON.stringify(patch[key]));
      if (changed.length > 0) {
        this.audit.append({
          action: 'settings.update',
          subject: 'settings',
          details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: patch[k] as number }])),
        });
      }
      return this.get();
    });
  }
}
