/**
 * One fleet folder case (issue 12), as `countersign fleet --contracts DIR` reads it:
 * - a matrix, or ONE InputError/UsageError naming a file of the case or the folder;
 * - two contracts naming one install are refused (when the generator knows they do);
 * - names are escaped: the text and JSON matrices hold no raw control or direction-changing
 *   character, the HTML one no markup planted in a name;
 * - the JSON matrix is read back by `fleet merge` (parseFleetJson): what a shard writes, a merge reads;
 * - the desktop Fleet preview, given the folder's files as dropped, shows the same rows (install,
 *   verdict, publication status, blocking policies) or refuses too.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { droppedFleetContracts } from '../../core/app/fleet-preview/preview-fleet';
import { evaluateFleet, fleetJson, loadFleetContracts, parseFleetJson, renderFleetHtml, renderFleetText } from '../../core/fleet';
import type { FleetMatrix } from '../../core/fleet';
import { loadChangeSet } from '../../core/loaders/load-change-set';
import type { ChangeSet } from '../../core/model/changeset';
import { repoRoot } from '../../core/testing/corpus';
import { FLEET_AT, MARKUP_TAG } from './fleet-cases';
import type { FuzzCase } from './fuzz-case';
import { errorProblems, firstLine } from './run-case';
import type { CaseOutcome, Problem } from './run-case';
import { unescaped } from './run-drift-case';

let release: Promise<ChangeSet> | undefined;

/** The demo release (Terraform and Kubernetes), read once per process. */
function fleetRelease(): Promise<ChangeSet> {
  release ??= loadChangeSet([join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked')]);
  return release;
}

/** The rows as both paths must show them. */
function rows(m: FleetMatrix): string {
  return JSON.stringify(m.rows.map((r) => [r.install, r.verdict, r.contractStatus, r.deny, r.approval]));
}

/** The preview's matrix of the same files, dropped as the folder `fleet/`, or its error's first line. */
function preview(changeSet: ChangeSet, input: string): FleetMatrix | string {
  try {
    const files = readdirSync(input).map((name) => ({ name: `fleet/${name}`, path: join(input, name) }));
    return evaluateFleet(changeSet, droppedFleetContracts(files), { at: FLEET_AT, now: FLEET_AT });
  } catch (err) {
    return firstLine(err);
  }
}

export async function runFleet(input: string, c: FuzzCase, dir: string): Promise<CaseOutcome> {
  const changeSet = await fleetRelease();
  const dropped = preview(changeSet, input);
  let matrix: FleetMatrix;
  try {
    matrix = evaluateFleet(changeSet, loadFleetContracts([input]), { at: FLEET_AT, now: FLEET_AT });
  } catch (err) {
    const problems = errorProblems(err, c, dir);
    if (typeof dropped !== 'string') problems.push({ kind: 'disagreement', detail: `the CLI refuses the folder (${firstLine(err)}) but the desktop preview shows ${dropped.rows.length} rows` });
    return { result: 'error', summary: firstLine(err), problems };
  }
  const problems: Problem[] = [];
  if (typeof dropped === 'string') problems.push({ kind: 'disagreement', detail: `the desktop preview refuses what the CLI reads: ${dropped}` });
  else if (rows(dropped) !== rows(matrix)) problems.push({ kind: 'disagreement', detail: `the desktop preview shows ${rows(dropped).slice(0, 300)}, the CLI ${rows(matrix).slice(0, 300)}` });
  if (c.mustRefuse) problems.push({ kind: 'disagreement', detail: `a matrix of ${matrix.rows.length} rows, but ${c.mustRefuse}` });
  const json = fleetJson(matrix);
  const html = renderFleetHtml(matrix);
  unescaped(problems, { 'fleet text matrix': renderFleetText(matrix), 'fleet JSON matrix': json, 'fleet HTML matrix': html });
  const tag = html.toLowerCase().indexOf(MARKUP_TAG);
  if (tag >= 0) problems.push({ kind: 'unescaped', detail: `fleet HTML matrix holds markup from a name: ${JSON.stringify(html.slice(Math.max(0, tag - 40), tag + 40))}` });
  try {
    parseFleetJson(json, 'shard.json');
  } catch (err) {
    problems.push({ kind: 'disagreement', detail: `fleet merge refuses the JSON matrix the fleet wrote: ${firstLine(err)}` });
  }
  const verdicts = matrix.rows.map((r) => `${r.verdict}/${r.contractStatus}`).join(' ');
  return { result: 'verdict', summary: `${matrix.rows.length} installs: ${verdicts}`, problems };
}
