/**
 * One drift snapshot case (issue 12), as `countersign drift` and the workspace import read it:
 * - a report, or ONE InputError/UsageError naming the snapshot (never a TypeError…);
 * - the workspace import agrees, and on error stores nothing (no row in any table);
 * - no planted secret (the snapshot's, or the approved change sets') in the text or JSON
 *   report, the report model, the stored report, an error message;
 * - the text report holds no raw control or direction-changing character, nor the JSON one
 *   anything a terminal acts on (names are escaped).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { importChangeSet } from '../../core/app';
import { importDriftSnapshot, lastApprovedChangeSet } from '../../core/app/drift';
import { driftReportForSnapshot, loadDriftSnapshot, renderDriftJson, renderDriftText } from '../../core/drift';
import type { DriftReport } from '../../core/drift';
import { compileContract, defaultContract } from '../../core/engine';
import type { CompiledContract } from '../../core/engine';
import { writeApprovedBundle } from '../../core/testing/drift-fixtures';
import { writeApprovedKubernetesBundle } from '../../core/testing/drift-workspace-fixtures';
import { initWorkspace } from '../../core/store';
import type { Workspace } from '../../core/store';
import { APPROVED_SECRETS, KUBERNETES_INSTALL, TERRAFORM_INSTALL } from './drift-cases';
import type { FuzzCase } from './fuzz-case';
import { errorProblems, firstLine, leaks, refusedWithoutWrites } from './run-case';
import type { CaseOutcome, Problem } from './run-case';

const AT = new Date('2026-03-02T10:00:00Z');

interface DriftBase {
  readonly ws: Workspace;
  readonly contract: CompiledContract;
}

let base: Promise<DriftBase> | undefined;

/** A workspace where each install has an approved change set (built once per process; reports accumulate, deduplicated by snapshot). */
export function driftBase(): Promise<DriftBase> {
  base ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-fuzz-drift-'));
    const ws = initWorkspace(join(dir, 'ws', 'countersign.db'), { actor: 'fuzz', now: () => AT });
    const plain = { approvedPassword: APPROVED_SECRETS.approvedPassword, livePassword: 'unused', liveToken: 'unused' };
    const k8s = { approvedSecret: APPROVED_SECRETS.approvedSecret, liveSecret: 'unused', addedSecret: 'unused' };
    for (const bundle of [writeApprovedBundle(join(dir, 'tf'), plain, TERRAFORM_INSTALL), writeApprovedKubernetesBundle(join(dir, 'k8s'), k8s, KUBERNETES_INSTALL)]) {
      const { digest } = await importChangeSet(ws, [bundle]);
      ws.changeSets.setChangeSetState(digest, 'approved', { reason: 'fuzz: the approved release' });
    }
    process.once('exit', () => ws.close());
    return { ws, contract: compileContract(defaultContract()) };
  })();
  return base;
}

/** Raw C0 (but the line feed), DEL, C1, format characters (bidi…), separators, lone surrogates. */
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

export function unescaped(problems: Problem[], outputs: Record<string, string>): void {
  for (const [where, text] of Object.entries(outputs)) {
    const m = RAW_UNSAFE.exec(text);
    if (m) problems.push({ kind: 'unescaped', detail: `${where} holds raw U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 20))}` });
  }
}

export async function runDrift(input: string, c: FuzzCase, dir: string): Promise<CaseOutcome> {
  const { ws, contract } = await driftBase();
  const install = basename(dirname(input));
  const bytes = readFileSync(input);
  const importIt = () => importDriftSnapshot(ws, { install, files: [{ name: basename(input), bytes }], now: AT });
  let report: DriftReport;
  try {
    const snapshot = loadDriftSnapshot(input, bytes);
    const approved = lastApprovedChangeSet(ws, install)?.changeSet ?? null;
    report = driftReportForSnapshot({ install, snapshot, approvedChangeSet: approved, contract, at: AT });
  } catch (err) {
    const problems = errorProblems(err, c, dir);
    problems.push(...(await refusedWithoutWrites(ws, importIt, c, dir)));
    return { result: 'error', summary: firstLine(err), problems };
  }
  const problems: Problem[] = [];
  const text = renderDriftText([report], new Set());
  const json = renderDriftJson([report], new Set());
  leaks(problems, c, { 'drift text report': text, 'drift JSON report': json, 'drift report model': JSON.stringify(report) });
  unescaped(problems, { 'drift text report': text, 'drift JSON report': json });
  try {
    const [imported] = importIt();
    const stored = ws.db.prepare('SELECT report FROM drift_reports WHERE id = ?').get(imported!.stored.id) as { report: string };
    const audit = ws.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    leaks(problems, c, { 'stored drift report': stored.report, 'audit entry': JSON.stringify(audit) });
    if (imported!.report.items.length !== report.items.length) {
      problems.push({ kind: 'disagreement', detail: `the workspace import found ${imported!.report.items.length} drifted resources, the CLI path ${report.items.length}` });
    }
  } catch (err) {
    problems.push({ kind: 'disagreement', detail: `the workspace import refused what the CLI path read: ${firstLine(err)}` });
  }
  const verdict = `${report.snapshot.kind}: ${report.items.length} items, ${report.evaluation.verdict}`;
  return { result: 'verdict', summary: verdict, problems };
}
