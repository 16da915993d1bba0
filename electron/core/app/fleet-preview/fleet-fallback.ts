// fallback until F lands: a tiny stand-in for electron/core/fleet (evaluateFleet,
// loadFleetContracts, the HTML/JSON renderings), so the Fleet preview can be built and tested
// before the core fleet evaluator is merged. One evaluation per contract, no sharing of
// compiled policies, and a publication is never checked here: a contract with one beside it
// is reported `bad-signature` ("not checked"), never `signed` (fail closed).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonicalJson, compileContract, evaluateChangeSet, loadContractFile } from '../../engine';
import type { FleetMatrix, FleetRow } from '../../fleet/fleet-matrix';
import type { ChangeSet } from '../../model/changeset';
import { InputError } from '../../model/errors';

export interface FleetContract {
  readonly file: string;
  readonly path: string;
}

const CONTRACT_FILE = /\.(ya?ml|json)$/i;
const PUBLICATION_FILE = /\.publication\.json$/i;

export function loadFleetContracts(paths: readonly string[]): FleetContract[] {
  const out: FleetContract[] = [];
  for (const p of paths) {
    if (!statSync(p).isDirectory()) {
      out.push({ file: basename(p), path: p });
      continue;
    }
    for (const name of readdirSync(p).sort()) {
      if (CONTRACT_FILE.test(name) && !PUBLICATION_FILE.test(name) && statSync(join(p, name)).isFile()) out.push({ file: name, path: join(p, name) });
    }
  }
  if (out.length === 0) throw new InputError(paths.join(', '), 'holds no contract files (*.yaml, *.yml or *.json)');
  return out;
}

export function evaluateFleet(changeSet: ChangeSet, contracts: readonly FleetContract[]): FleetMatrix {
  const rows: FleetRow[] = contracts.map((c, configuration) => {
    const contract = loadContractFile(c.path);
    const evaluation = evaluateChangeSet(changeSet, compileContract(contract), { at: new Date() });
    const byPolicy: Record<string, number> = {};
    const deny = new Set<string>();
    const approval = new Set<string>();
    for (const f of evaluation.findings) {
      if (f.shadow) continue;
      byPolicy[f.policy] = (byPolicy[f.policy] ?? 0) + 1;
      if (f.enforcement === 'deny') deny.add(f.policy);
      else if (f.enforcement === 'approval' || f.status !== 'fail') approval.add(f.policy);
    }
    const publication = c.path.replace(/\.contract\.ya?ml$|\.ya?ml$|\.json$/i, '.publication.json');
    const published = publication !== c.path && existsSync(publication);
    return {
      install: contract.install || c.file.replace(/(\.contract)?\.(ya?ml|json)$/i, ''),
      contractFile: c.file, contractName: contract.name, contractDigest: contract.digest,
      contractStatus: published ? 'bad-signature' : 'unsigned',
      contractStatusDetail: published ? 'publication not checked (fleet evaluator not merged yet)' : 'no publication beside the contract',
      verdict: evaluation.verdict, deny: [...deny].sort(), approval: [...approval].sort(), findingsByPolicy: byPolicy, configuration,
    };
  });
  rows.sort((a, b) => (a.install < b.install ? -1 : a.install > b.install ? 1 : 0));
  return {
    fleetVersion: 1, changeSet: { digest: changeSet.digest, resources: changeSet.resources.length, label: changeSet.metadata.release ?? '' },
    rows, configurations: rows.length, distinctPolicies: 0,
  };
}

export function renderFleetJson(matrix: FleetMatrix): string {
  return `${canonicalJson(matrix)}\n`;
}

export function renderFleetHtml(matrix: FleetMatrix): string {
  const cell = (s: string) => `<td>${s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</td>`;
  const rows = matrix.rows.map((r) => `<tr>${[r.install, r.verdict, r.deny.join(', '), r.approval.join(', '), r.contractStatus].map(cell).join('')}</tr>`);
  return `<!doctype html><meta charset="utf-8"><title>Fleet matrix</title><table><tr><th>Install</th><th>Verdict</th><th>Deny</th><th>Approval</th><th>Contract</th></tr>${rows.join('')}</table>\n`;
}
