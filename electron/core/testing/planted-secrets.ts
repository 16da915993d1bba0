/**
 * The planted-secret search: unique marker values are planted in every place a secret can sit
 * in an input (see planted-inputs.ts), and every output is searched for them. One helper for
 * all outputs (API responses, reports, CLI output, logs, the workspace's derived rows), so a
 * new output joins the search by calling `assertNoPlanted` on its text.
 */
import { randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';

/** A planted secret: the value as planted, and where it was planted (for the failure message). */
export interface PlantedSecret {
  readonly value: string;
  readonly style: string;
  /** Its random part: a 10-character piece of it found anywhere counts as a leak. */
  readonly random: string;
}

/** Every marker of one test run, created by `plant`, searched for by `findPlanted`. */
export class PlantedSecrets {
  private readonly planted: PlantedSecret[] = [];
  private readonly run = randomBytes(3).toString('hex').toUpperCase();

  /**
   * A new marker: letters and digits only (so it is valid base64, survives every escaping
   * unchanged and reads the same in YAML, JSON, XML and a terminal), 32 characters, of which
   * the last 20 are random.
   */
  plant(style: string): string {
    const random = randomBytes(10).toString('hex').toUpperCase();
    const value = `PLNT${this.run}${String(this.planted.length).padStart(2, '0')}${random}`;
    this.planted.push({ value, style, random });
    return value;
  }

  /**
   * A marker that is a number to one YAML reader and another number to the next: `0` and 23
   * octal digits (an octal int in YAML 1.1 / go-yaml v2, a decimal int in YAML 1.2). A message
   * about such a scalar must name its place, never quote it.
   */
  plantOctal(style: string): string {
    const random = Array.from(randomBytes(23), (b) => String(b % 8)).join('');
    const value = `0${random}`;
    this.planted.push({ value, style, random });
    return value;
  }

  get all(): readonly PlantedSecret[] {
    return this.planted;
  }

  /**
   * The markers found in `text`: whole, as base64 (a value re-encoded), or any 10-character
   * piece of the random part (a value cut short, or one character escaped as `\u0041` in JSON).
   */
  findIn(text: string): PlantedSecret[] {
    return this.planted.filter((p) => {
      if (text.includes(p.value) || text.includes(Buffer.from(p.value).toString('base64'))) return true;
      for (let i = 0; i + 10 <= p.random.length; i++) if (text.includes(p.random.slice(i, i + 10))) return true;
      return false;
    });
  }
}

/** One output to search: what it is (an API method, a report format, a CLI command) and its text. */
export interface SearchedOutput {
  readonly where: string;
  readonly text: string;
}

/** Fails naming every output and the style of every marker found in it. */
export function assertNoPlanted(secrets: PlantedSecrets, outputs: readonly SearchedOutput[]): void {
  const leaks = outputs.flatMap((o) => secrets.findIn(o.text).map((p) => `${o.where}: the secret planted as ${p.style}`));
  assert.deepEqual(leaks, [], `planted secrets leaked:\n${leaks.join('\n')}`);
}

/** Text of any value for the search (JSON; a Buffer as its bytes, read as latin1). */
export function searchable(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : isBufferJson(v) ? Buffer.from(v.data).toString('latin1') : v)) ?? '';
}

function isBufferJson(v: unknown): v is { type: 'Buffer'; data: number[] } {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data);
}

/**
 * Where a workspace keeps raw input by design: the change set's files, stored whole so a change
 * set can be rebuilt and re-verified from its digest. Everything else in the file is derived
 * (evaluations, findings, audit details, metadata) and must never hold a secret.
 */
export const RAW_INPUT_COLUMNS: ReadonlySet<string> = new Set(['change_set_files.bytes']);

/**
 * Every derived value stored in a workspace file, one output per table: all rows, all columns
 * except RAW_INPUT_COLUMNS. Read through SQLite, so rows still in the WAL are included.
 */
export function workspaceDerivedOutputs(dbPath: string): SearchedOutput[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    return tables.map(({ name }) => {
      const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${name.replaceAll("'", "''")}')`).all()
        .map((c) => c.name).filter((c) => !RAW_INPUT_COLUMNS.has(`${name}.${c}`));
      const quoted = columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
      const rows = columns.length === 0 ? [] : db.prepare(`SELECT ${quoted} FROM "${name.replaceAll('"', '""')}"`).raw().all();
      return { where: `workspace table ${name}`, text: searchable(rows) };
    });
  } finally {
    db.close();
  }
}

/**
 * Captures everything written to the console and to stdout/stderr while `fn` runs (log lines,
 * warnings, errors printed by the code under test), and returns it with fn's result.
 */
export async function captureLogs<T>(fn: () => Promise<T> | T): Promise<{ result: T; logs: string }> {
  const chunks: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m]);
  const savedOut = process.stdout.write.bind(process.stdout);
  const savedErr = process.stderr.write.bind(process.stderr);
  const record = (...args: unknown[]): void => {
    chunks.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack ?? ''}` : searchable(a))).join(' '));
  };
  for (const m of methods) console[m] = record;
  const writer = (original: typeof process.stdout.write) => ((chunk: unknown, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stdout.write = writer(savedOut);
  process.stderr.write = writer(savedErr);
  try {
    const result = await fn();
    return { result, logs: chunks.join('\n') };
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]!));
    process.stdout.write = savedOut;
    process.stderr.write = savedErr;
  }
}
