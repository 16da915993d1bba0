/**
 * One workspace backup case (issue 12): `workspace restore` of the case's file into
 * `target/countersign.db` (over an existing workspace, or into an empty folder).
 * - a refused restore is ONE InputError/UsageError naming the file, and the target folder is
 *   exactly as it was (same names, same bytes: nothing written, replaced or left behind);
 * - a damaged file or a wrong passphrase is always refused; the backup as written always restores;
 * - a restore that succeeds leaves a workspace whose audit chain verifies, the previous one kept
 *   aside byte for byte, and no clear temporary copy.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { restoreWorkspace } from '../../core/app';
import { initWorkspace, verifyAuditChain } from '../../core/store';
import type { FuzzCase } from './fuzz-case';
import { errorProblems, firstLine } from './run-case';
import type { CaseOutcome, Problem } from './run-case';

const AT = new Date('2026-03-02T10:00:00Z');

let guards: string[] | undefined;

/** Name and SQL of every trigger (the append-only and immutability guards) a workspace of this build has. */
function triggers(db: Database.Database): string[] {
  return db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all().map((t) => `${t.name}: ${t.sql}`);
}

function freshGuards(): string[] {
  if (!guards) {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-fuzz-guards-'));
    const ws = initWorkspace(join(dir, 'countersign.db'));
    guards = triggers(ws.db);
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return guards;
}

/** Every file of the folder with the sha256 of its bytes. */
function folderState(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((n) => [n, createHash('sha256').update(readFileSync(join(dir, n))).digest('hex')]));
}

function describeChange(before: Map<string, string>, after: Map<string, string>): string | null {
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((n) => before.get(n) !== after.get(n));
  return changed.length === 0 ? null : changed.map((n) => `${n} ${!before.has(n) ? 'created' : !after.has(n) ? 'removed' : 'changed'}`).join(', ');
}

export async function runBackup(input: string, c: FuzzCase, dir: string): Promise<CaseOutcome> {
  const spec = c.restore!;
  const folder = join(dir, 'target');
  const target = join(folder, 'countersign.db');
  const before = folderState(folder);
  const problems: Problem[] = [];
  let restored;
  try {
    restored = await restoreWorkspace({ file: input, target, passphrase: spec.passphrase, force: spec.force, now: () => AT });
  } catch (err) {
    problems.push(...errorProblems(err, c, dir));
    const change = describeChange(before, folderState(folder));
    if (change) problems.push({ kind: 'workspace-write', detail: `a refused restore changed the target folder: ${change}` });
    if (spec.expect === 'succeed') problems.push({ kind: 'disagreement', detail: `the backup as written was refused: ${firstLine(err)}` });
    return { result: 'error', summary: firstLine(err), problems };
  }
  if (spec.expect === 'fail') problems.push({ kind: 'disagreement', detail: 'a damaged backup, a wrong passphrase or an existing workspace without force was restored' });
  const db = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const chain = verifyAuditChain(db);
    if (!chain.ok) problems.push({ kind: 'disagreement', detail: `the restored workspace's audit chain is broken at ${chain.firstBroken.seq}: ${chain.firstBroken.reason}` });
    // A copy without the append-only guards, or with a trigger of its own, would run in the customer's workspace from now on.
    const have = triggers(db);
    const odd = [...have.filter((t) => !freshGuards().includes(t)).map((t) => `extra ${t.slice(0, 60)}`), ...freshGuards().filter((t) => !have.includes(t)).map((t) => `missing ${t.split(':')[0]}`)];
    if (odd.length > 0) problems.push({ kind: 'disagreement', detail: `the restored workspace's triggers differ from this build's: ${odd.join('; ')}` });
  } finally {
    db.close();
  }
  const previous = before.get('countersign.db');
  if (previous !== undefined) {
    const kept = restored.previous ? folderState(folder).get(restored.previous.slice(folder.length + 1)) : undefined;
    if (kept !== previous) problems.push({ kind: 'workspace-write', detail: `the workspace that was there is not kept aside byte for byte (${restored.previous ?? 'no previous'})` });
  }
  const temps = readdirSync(folder).filter((n) => n.startsWith('.countersign-'));
  if (temps.length > 0) problems.push({ kind: 'leak', detail: `a clear temporary copy is left: ${temps.join(', ')}` });
  return { result: 'verdict', summary: `restored (${restored.auditEntries} audit entries, ${restored.headsMatched} heads matched)`, problems };
}
