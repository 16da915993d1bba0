/**
 * Runs one fuzz case through the loader and everything after it, and checks the properties:
 * - the result is a verdict, or ONE InputError/UsageError that names the file (never a
 *   TypeError, RangeError, … : those are crashes);
 * - the workspace import agrees with the loader, and writes nothing when it refuses;
 * - no planted secret appears in a report, the change set model, an error message or a
 *   source excerpt.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { importChangeSet, importContract } from '../../core/app';
import { ReviewSession } from '../../core/app/review/review-session';
import { sourceExcerpt } from '../../core/app/review/source-excerpt';
import { compileContract, defaultContract, evaluateChangeSet, explainFindings, loadContractFile } from '../../core/engine';
import type { CompiledContract, ResolvedContract } from '../../core/engine';
import { loadChangeSet } from '../../core/loaders/load-change-set';
import type { ChangeSet } from '../../core/model/changeset';
import type { Finding } from '../../core/model/finding';
import { InputError, UsageError } from '../../core/model/errors';
import { renderReport } from '../../core/reports';
import { readAttestations } from '../../core/signing/attestation-files';
import { initWorkspace } from '../../core/store';
import type { Workspace } from '../../core/store';
import { verifyRelease } from '../../core/verify';
import { attestationBase } from './attestation-cases';
import type { FuzzCase } from './fuzz-case';
import type { LoaderName } from './loaders';
import { parse as parseYaml } from 'yaml';
import { findSecrets } from './planted-secrets';
import { runBackup } from './run-backup-case';
import { runDrift } from './run-drift-case';
import { runFleet } from './run-fleet-case';
import { runReceivedAttestations, runSigningRequest, runVendorSignature } from './run-signoff-case';

/** `unescaped`: a name from the input reached text or JSON output with a raw control or direction-changing character. */
export type ProblemKind = 'crash' | 'unclear-error' | 'leak' | 'workspace-write' | 'disagreement' | 'unescaped';

export interface Problem {
  readonly kind: ProblemKind;
  readonly detail: string;
}

export interface CaseOutcome {
  readonly result: 'verdict' | 'error';
  /** The verdict, or the error's first line. */
  readonly summary: string;
  readonly problems: readonly Problem[];
}

/** The evaluation time: fixed, so a case replays the same way on any day. */
const AT = new Date('2026-03-02T10:00:00Z');
const FRESH_WORKSPACE_EVERY = 100;

interface LoaderWorkspace {
  readonly ws: Workspace;
  uses: number;
}

/** What the cases of one process share: the baseline contract, a change set for contract cases, workspaces. */
export class FuzzContext {
  readonly root = mkdtempSync(join(tmpdir(), 'countersign-fuzz-'));
  private caseCount = 0;
  private readonly workspaces = new Map<LoaderName, LoaderWorkspace>();
  private baselineCache: { resolved: ResolvedContract; compiled: CompiledContract } | undefined;
  contractChangeSet: ChangeSet | undefined;

  baseline(): { resolved: ResolvedContract; compiled: CompiledContract } {
    if (!this.baselineCache) {
      const resolved = defaultContract();
      this.baselineCache = { resolved, compiled: compileContract(resolved) };
    }
    return this.baselineCache;
  }

  /** A workspace of this loader's own (contract cases add revisions), replaced now and then so it stays small. */
  workspace(loader: LoaderName): Workspace {
    let w = this.workspaces.get(loader);
    if (!w || w.uses >= FRESH_WORKSPACE_EVERY) {
      w?.ws.close();
      const dir = mkdtempSync(join(this.root, 'ws-'));
      w = { ws: initWorkspace(join(dir, 'workspace.db'), { actor: 'fuzz', now: () => AT }), uses: 0 };
      this.workspaces.set(loader, w);
    }
    w.uses++;
    return w.ws;
  }

  /** Writes the case's files into a fresh folder. */
  writeCase(c: FuzzCase): string {
    const dir = join(this.root, `case-${++this.caseCount}`);
    mkdirSync(dir);
    for (const f of c.files) {
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      if (f.symlinkTo !== undefined) symlinkSync(f.symlinkTo, path);
      else writeFileSync(path, f.data ?? '');
    }
    return dir;
  }

  close(): void {
    for (const w of this.workspaces.values()) w.ws.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

export async function runCase(loader: LoaderName, c: FuzzCase, ctx: FuzzContext): Promise<CaseOutcome> {
  const dir = ctx.writeCase(c);
  try {
    const input = join(dir, c.input);
    if (loader === 'contract') return await runContract(input, c, dir, ctx);
    if (loader === 'attestation') return await runAttestation(input, c, dir);
    if (loader === 'signing-request') return await runSigningRequest(input, c, dir);
    if (loader === 'received-attestation') return await runReceivedAttestations(input, c, dir);
    if (loader === 'vendor-signature') return await runVendorSignature(input, c, dir);
    if (loader === 'drift') return await runDrift(input, c, dir);
    if (loader === 'fleet') return await runFleet(input, c, dir);
    if (loader === 'backup') return await runBackup(input, c, dir);
    return await runChangeSet(loader, input, c, dir, ctx);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runChangeSet(loader: LoaderName, input: string, c: FuzzCase, dir: string, ctx: FuzzContext): Promise<CaseOutcome> {
  const ws = ctx.workspace(loader);
  let changeSet: ChangeSet;
  try {
    changeSet = await loadChangeSet([input]);
  } catch (err) {
    const problems = errorProblems(err, c, dir);
    problems.push(...(await refusedWithoutWrites(ws, () => importChangeSet(ws, [input]), c, dir)));
    return { result: 'error', summary: firstLine(err), problems };
  }
  const problems: Problem[] = [];
  try {
    const { resolved, compiled } = ctx.baseline();
    const evaluation = evaluateChangeSet(changeSet, compiled, { at: AT });
    problems.push(...disguisedCrashes(evaluation.findings));
    // With the explain stage's output (issue 11): it prints values, so it is searched for secrets too.
    const report = { changeSet, contract: resolved, evaluation, explanations: explainFindings(changeSet, compiled, evaluation.findings, AT) };
    leaks(problems, c, {
      'JSON report': renderReport('json', report),
      'text report': renderReport('text', report),
      'SARIF report': renderReport('sarif', report),
      'change set model': JSON.stringify(changeSet.resources),
    });
    const imported = await importChangeSet(ws, [input]);
    if (c.secrets.length > 0) leaks(problems, c, await excerptsNearSecrets(ws, imported.digest, c));
    return { result: 'verdict', summary: evaluation.verdict, problems };
  } catch (err) {
    problems.push(...errorProblems(err, c, dir));
    if (problems.length === 0) problems.push({ kind: 'disagreement', detail: `loaded, then failed after loading: ${firstLine(err)}` });
    return { result: 'error', summary: firstLine(err), problems };
  }
}

async function runContract(input: string, c: FuzzCase, dir: string, ctx: FuzzContext): Promise<CaseOutcome> {
  const ws = ctx.workspace('contract');
  try {
    const resolved = loadContractFile(input);
    const silent = droppedV4Fields(input, resolved);
    const compiled = compileContract(resolved);
    ctx.contractChangeSet ??= (await attestationBase()).changeSet;
    const evaluation = evaluateChangeSet(ctx.contractChangeSet, compiled, { at: AT });
    renderReport('text', { changeSet: ctx.contractChangeSet, contract: resolved, evaluation, explanations: explainFindings(ctx.contractChangeSet, compiled, evaluation.findings, AT) });
    importContract(ws, input, 'fuzz');
    return { result: 'verdict', summary: evaluation.verdict, problems: silent.map((detail) => ({ kind: 'disagreement', detail })) };
  } catch (err) {
    const problems = errorProblems(err, c, dir);
    // A contract that does not load, compile and evaluate must not become a revision.
    problems.push(...(await refusedWithoutWrites(ws, async () => {
      const saved = importContract(ws, input, 'fuzz');
      evaluateChangeSet(ctx.contractChangeSet ?? (await attestationBase()).changeSet, compileContract(loadContractFile(input)), { at: AT });
      return saved;
    }, c, dir)));
    return { result: 'error', summary: firstLine(err), problems };
  }
}

async function runAttestation(input: string, c: FuzzCase, dir: string): Promise<CaseOutcome> {
  const b = await attestationBase();
  try {
    const attestations = readAttestations(input);
    const result = verifyRelease({ changeSet: b.changeSet, contract: b.contract, attestations, trustedKeys: b.trusted, now: b.now });
    JSON.stringify(result);
    return { result: 'verdict', summary: result.ok ? 'verified' : `not verified (${[...new Set(result.reasons.map((r) => r.code))].join(', ')})`, problems: [] };
  } catch (err) {
    return { result: 'error', summary: firstLine(err), problems: errorProblems(err, c, dir) };
  }
}

/** v4 fields the file sets that the loaded contract does not hold as written (a value read differently, or ignored). */
function droppedV4Fields(input: string, resolved: ResolvedContract): string[] {
  let doc: { spec?: { vendorSignature?: unknown; approvals?: { separationOfDuties?: Record<string, unknown> } } };
  try {
    doc = parseYaml(readFileSync(input, 'utf8')) as typeof doc;
  } catch {
    return [];
  }
  const out: string[] = [];
  const vendor = doc?.spec?.vendorSignature;
  if (vendor !== undefined && vendor !== resolved.vendorSignature) out.push(`spec.vendorSignature ${JSON.stringify(vendor)} loaded as ${resolved.vendorSignature}`);
  const sod = doc?.spec?.approvals?.separationOfDuties;
  for (const [k, v] of Object.entries(sod !== null && typeof sod === 'object' ? sod : {})) {
    const got = (resolved.approvals.separationOfDuties as unknown as Record<string, unknown>)[k];
    if (v !== got) out.push(`separationOfDuties.${k} ${JSON.stringify(v)} loaded as ${JSON.stringify(got)}`);
  }
  return out;
}

/** JavaScript's own errors, caught by the evaluator and shown as an `error` finding: still a crash in the code. */
const INTERNAL_ERROR = /is not (iterable|a function|a constructor)|Cannot (read|set) propert|Maximum call stack|Invalid array length|undefined is not|null is not/;

function disguisedCrashes(findings: readonly Finding[]): Problem[] {
  const f = findings.find((x) => x.status === 'error' && INTERNAL_ERROR.test(x.message));
  return f ? [{ kind: 'crash', detail: `error finding from a JavaScript error: ${f.policy} on ${f.resource.address}: ${f.message}` }] : [];
}

/** The thrown value must be one of the project's input errors, naming a file of the case. */
export function errorProblems(err: unknown, c: FuzzCase, dir: string): Problem[] {
  if (!(err instanceof InputError) && !(err instanceof UsageError)) {
    return [{ kind: 'crash', detail: err instanceof Error ? (err.stack ?? String(err)) : `threw a non-Error: ${String(err)}` }];
  }
  const problems: Problem[] = [];
  if (err instanceof InputError && !namesCaseFile(err.file, c, dir)) {
    problems.push({ kind: 'unclear-error', detail: `names ${JSON.stringify(err.file)}, not a file of the case: ${err.message}` });
  }
  if (!err.message.trim()) problems.push({ kind: 'unclear-error', detail: 'empty message' });
  leaks(problems, c, { 'error message': err.message });
  return problems;
}

function namesCaseFile(file: string, c: FuzzCase, dir: string): boolean {
  if (!file) return false;
  if (file.includes(dir)) return true;
  const names = [c.input, ...c.files.map((f) => f.path)].flatMap((p) => [p, p.split('/').pop()!, p.replace(/^bundle\//, '')]);
  // Bundle errors name the member (as written in the manifest or archive: the label lists them).
  return names.some((n) => n && (file.includes(n) || n.includes(file))) || c.label.includes(file) || /changeset\.yaml/.test(file);
}

/** Runs an import that must refuse; compares every table's row count (audit included) before and after. */
export async function refusedWithoutWrites(ws: Workspace, importIt: () => unknown, c: FuzzCase, dir: string): Promise<Problem[]> {
  const before = rowCounts(ws);
  const problems: Problem[] = [];
  try {
    await importIt();
    problems.push({ kind: 'disagreement', detail: 'the workspace import accepted what the loader refused' });
  } catch (err) {
    problems.push(...errorProblems(err, c, dir).filter((p) => p.kind !== 'unclear-error'));
  }
  const after = rowCounts(ws);
  const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
  if (changed.length > 0) problems.push({ kind: 'workspace-write', detail: `rows changed on error in ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}` });
  return problems;
}

export function rowCounts(ws: Workspace): Record<string, number> {
  const tables = ws.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (ws.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

/**
 * Source excerpts at and around every line of a stored file that holds a planted secret, and the
 * resource details the review stores (issue 11) once their background write has ended (so it
 * never lands in a later case's before/after row counts).
 */
async function excerptsNearSecrets(ws: Workspace, digest: string, c: FuzzCase): Promise<Record<string, string>> {
  const session = new ReviewSession(ws);
  const source = ws.changeSets.getChangeSetSource(digest)!;
  const out: Record<string, string> = {};
  for (const f of source.files) {
    const lines = Buffer.from(f.bytes).toString('utf8').split(/\r?\n/);
    lines.forEach((l, i) => {
      if (findSecrets(l, c.secrets).length === 0) return;
      try {
        out[`source excerpt ${f.path}:${i + 1}`] = sourceExcerpt(session, digest, f.path, i + 1).text;
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
      }
    });
  }
  await session.detailsStored(digest);
  const rows = ws.db.prepare('SELECT detail FROM resource_details WHERE change_set_digest = ?').all(digest) as { detail: Buffer }[];
  // Serialized bytes: searched as Latin-1 and as UTF-16 (V8 writes two-byte strings so).
  out['stored resource details'] = rows.map((r) => `${r.detail.toString('latin1')}\n${r.detail.toString('utf16le')}\n${r.detail.subarray(1).toString('utf16le')}`).join('\n');
  return out;
}

export function leaks(problems: Problem[], c: FuzzCase, outputs: Record<string, string>): void {
  for (const [where, text] of Object.entries(outputs)) {
    const found = findSecrets(text, c.secrets);
    if (found.length > 0) problems.push({ kind: 'leak', detail: `${where} shows planted secret ${found[0]}` });
  }
}

export function firstLine(err: unknown): string {
  return (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n')[0]!.slice(0, 200);
}
