import { childPath } from '../loaders/terraform/field-paths';
import { printable, terminalSafeJson } from '../model/printable-text';
import type { Finding } from '../model/finding';
import type { DriftItem, DriftKind, DriftReport, FieldDrift } from './drift-types';

/**
 * Drift items that count for the exit code and the inbox: not acknowledged, and not changed
 * only by other field managers (an HPA's replicas is no vendor drift).
 */
export function openDriftItems(report: DriftReport, acknowledged: ReadonlySet<string>): readonly DriftItem[] {
  return report.items.filter((i) => !i.otherManagersOnly && !acknowledged.has(i.key));
}

/** `countersign drift --format json`: the reports as they are, and which items are acknowledged. */
export function renderDriftJson(reports: readonly DriftReport[], acknowledged: ReadonlySet<string>): string {
  const keys = reports.flatMap((r) => r.items.map((i) => i.key)).filter((k) => acknowledged.has(k));
  const open = reports.reduce((n, r) => n + openDriftItems(r, acknowledged).length, 0);
  // Escapes what JSON leaves raw but a terminal acts on (C1, bidi overrides).
  return `${terminalSafeJson(JSON.stringify({ driftReports: reports, acknowledged: [...new Set(keys)].sort(), unacknowledged: open }, null, 2))}\n`;
}

const KIND_LABEL: Readonly<Record<DriftKind, string>> = {
  changed: 'changed',
  added: 'added outside the pipeline',
  removed: 'removed (missing live)',
};

/** `countersign drift` text: every item with its field diffs, then the contract's findings. Every vendor string is escaped. */
export function renderDriftText(reports: readonly DriftReport[], acknowledged: ReadonlySet<string>): string {
  const out: string[] = [];
  for (const r of reports) {
    out.push(`Drift of install ${quote(r.install)} from ${printable(r.snapshot.file)} (${r.snapshot.kind}, sha256 ${r.snapshot.sha256.slice(0, 12)})`);
    out.push(r.approvedChangeSet ? `  compared with the approved change set ${r.approvedChangeSet}` : '  compared with the state Terraform last recorded (refresh-only plan)');
    const open = openDriftItems(r, acknowledged).length;
    if (r.items.length === 0) out.push('  no drift');
    else out.push(`  ${count(r.items.length, 'drifted resource')}: ${summary(r.items)}; ${open} unacknowledged`);
    for (const item of r.items) out.push(...itemLines(item, acknowledged.has(item.key)));
    out.push(`  contract ${r.contractDigest.slice(0, 19)}: verdict ${r.evaluation.verdict} on the live state, ${count(r.evaluation.findings.length, 'finding')}`);
    for (const f of r.evaluation.findings) out.push(findingLine(f));
    out.push('');
  }
  return `${out.join('\n')}`;
}

function itemLines(item: DriftItem, acknowledged: boolean): string[] {
  const where = item.location ? ` (${printable(item.location.file)}:${item.location.line}:${item.location.column})` : '';
  const tags = [acknowledged ? 'acknowledged' : '', item.otherManagersOnly ? 'changed by other field managers' : ''].filter(Boolean);
  const lines = [`  - ${KIND_LABEL[item.kind]}: ${printable(item.address)}${where}${tags.length ? ` [${tags.join(', ')}]` : ''}`];
  lines.push(`    key ${item.key}`);
  for (const f of item.fields) lines.push(`    ${fieldLine(f)}`);
  return lines;
}

function fieldLine(f: FieldDrift): string {
  const by = f.changedBy !== undefined ? ` (changed by ${printable(f.changedBy)})` : '';
  return `${printable(pathText(f.path))}: ${printable(f.approved)} -> ${printable(f.live)}${by}`;
}

/** A field path as policies write it: ingress[0].cidr_blocks[0], tags["kubernetes.io/role"]. */
export function pathText(path: readonly (string | number)[]): string {
  const text = path.reduce<string>((p, step) => childPath(p, step), '');
  return text === '' ? '(whole resource)' : text;
}

function findingLine(f: Finding): string {
  return `    ${f.severity} ${f.enforcement} ${f.status} ${printable(f.policy)} on ${printable(f.resource.address)}: ${printable(f.message)}`;
}

function summary(items: readonly DriftItem[]): string {
  const n = (k: DriftKind): number => items.filter((i) => i.kind === k).length;
  return [`${n('changed')} changed`, `${n('added')} added outside the pipeline`, `${n('removed')} removed`].join(', ');
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function quote(s: string): string {
  return s === '' ? '(none)' : printable(s);
}
