import { readFileSync } from 'node:fs';
import { openWorkspaceAt, workspacePathFrom } from '../../core/app';
import { resolveRevision } from '../../core/app/current-contract';
import { contractHeads, selectContract } from '../../core/app/contract-selection';
import { compiledContract } from '../../core/app/compiled-contract';
import { acknowledgedDriftKeys, lastApprovedChangeSet } from '../../core/app/drift';
import { DEFAULT_CONTROLLER_MANAGERS, DEFAULT_VENDOR_MANAGERS, driftReportForSnapshot, loadDriftSnapshot, openDriftItems, renderDriftJson, renderDriftText } from '../../core/drift';
import type { DriftReport, KubernetesDriftOptions } from '../../core/drift';
import { compileContract, defaultContract, loadContractFile } from '../../core/engine';
import type { CompiledContract } from '../../core/engine';
import type { ChangeSet } from '../../core/model/changeset';
import { InputError, UsageError } from '../../core/model/errors';
import type { Workspace } from '../../core/store';
import { parseCommandArgs } from '../parse-args';
import { parseTime } from './evaluate';
import { DRIFT_HELP } from './drift-help';
import { formatOf, need } from './workspace-option';

const OPTIONS = {
  install: { type: 'string' }, workspace: { type: 'string', short: 'w' }, contract: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' }, at: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  namespace: { type: 'string', short: 'n' }, 'vendor-manager': { type: 'string', multiple: true }, 'controller-manager': { type: 'string', multiple: true },
} as const;

/** `countersign drift`: 0 no drift or only acknowledged drift, 1 unacknowledged drift, 2 bad input. */
export async function driftCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, 'drift');
  if (values.help) {
    process.stdout.write(DRIFT_HELP);
    return 0;
  }
  const install = need(values.install, '--install INSTALL', 'drift');
  const format = formatOf(values.format);
  if (positionals.length === 0) throw new UsageError("drift needs a SNAPSHOT: a refresh-only plan, state or a kubectl List (see 'countersign drift --help')");
  const at = values.at !== undefined ? parseTime(values.at) : new Date();
  const kubernetes = kubernetesOptions(values.namespace, values['vendor-manager'], values['controller-manager']);
  // Every snapshot is read and recognised before anything is compared or printed.
  const snapshots = positionals.map((file) => loadDriftSnapshot(file, readBytes(file)));
  const fileContract = values.contract !== undefined ? compileContract(loadContractFile(values.contract)) : undefined;

  const ws = workspaceIfNamed(values.workspace);
  let reports: DriftReport[];
  let acknowledged: ReadonlySet<string>;
  try {
    const last = ws ? lastApprovedChangeSet(ws, install) : null;
    const approved: ChangeSet | null = last?.changeSet ?? null;
    if (!ws && snapshots.some((s) => s.kind !== 'terraform-refresh-plan')) {
      throw new UsageError('comparing state or live Kubernetes objects needs the last approved change set: pass --workspace PATH (or set COUNTERSIGN_WORKSPACE)');
    }
    const contract: CompiledContract = fileContract ?? workspaceContract(ws, approved, install);
    acknowledged = ws ? acknowledgedDriftKeys(ws, install) : new Set();
    reports = snapshots.map((snapshot) => driftReportForSnapshot({ install, snapshot, approvedChangeSet: approved, contract, at, kubernetes }));
  } finally {
    ws?.close();
  }
  // Printed only once every report is built: bad input never leaves half a report behind.
  process.stdout.write(format === 'json' ? renderDriftJson(reports, acknowledged) : renderDriftText(reports, acknowledged));
  return reports.some((r) => openDriftItems(r, acknowledged).length > 0) ? 1 : 0;
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new InputError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** The workspace when one is named (--workspace or $COUNTERSIGN_WORKSPACE), opened read-only; else none. */
function workspaceIfNamed(explicit: string | undefined): Workspace | null {
  if ((explicit === undefined || explicit === '') && !process.env.COUNTERSIGN_WORKSPACE) return null;
  return openWorkspaceAt(workspacePathFrom(explicit), { readonly: true });
}

/** The contract that judges the install in the workspace (its vendor's or install's), else the built-in default. */
function workspaceContract(ws: Workspace | null, approved: ChangeSet | null, install: string): CompiledContract {
  if (!ws) return compileContract(defaultContract());
  // As contractFor chooses, without saving the default into a workspace opened read-only.
  const chosen = selectContract(contractHeads(ws), approved?.metadata ?? { vendor: '', install });
  return chosen ? compiledContract(resolveRevision(chosen.revision).contract) : compileContract(defaultContract());
}

/** Live Kubernetes options: managers named on the command line are added to the built-in ones. */
function kubernetesOptions(namespace: string | undefined, vendor: readonly string[] | undefined, controllers: readonly string[] | undefined): KubernetesDriftOptions {
  for (const name of [...(vendor ?? []), ...(controllers ?? [])]) {
    if (name.trim() === '') throw new UsageError('a field manager name cannot be empty');
  }
  if (namespace !== undefined && namespace.trim() === '') throw new UsageError('--namespace cannot be empty');
  return {
    ...(namespace !== undefined ? { defaultNamespace: namespace } : {}),
    ...(vendor?.length ? { vendorManagers: [...DEFAULT_VENDOR_MANAGERS, ...vendor] } : {}),
    ...(controllers?.length ? { controllerManagers: [...DEFAULT_CONTROLLER_MANAGERS, ...controllers] } : {}),
  };
}
