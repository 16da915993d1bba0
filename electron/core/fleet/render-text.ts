import { printable } from '../model/printable-text';
import type { FleetMatrix } from './fleet-matrix';
import { FLEET_SCOPE_NOTE, fleetCounts, plural, topPolicies, trustNote } from './fleet-summary';

/** Longest install name shown in the table before it is cut (the full name is in JSON and HTML). */
const MAX_NAME = 48;

/** A name from a contract, safe for a terminal (printable) and cut to `max` characters. */
function cell(s: string, max: number): string {
  const safe = [...printable(s)];
  return safe.length > max ? `${safe.slice(0, max - 1).join('')}…` : safe.join('');
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - [...s].length));
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

/**
 * The matrix as a terminal table, one row per install. Every name that comes from a contract
 * or the release (install, file, contract name, label, status detail) is escaped: customers
 * write contracts, the vendor writes the release, and neither may drive the terminal.
 */
export function renderFleetText(m: FleetMatrix): string {
  const c = fleetCounts(m);
  const out: string[] = [];
  const shard = m.shard ? ` (shard ${m.shard.index}/${m.shard.count} of ${plural(m.contractSet.installs, 'install')})` : '';
  out.push(`Fleet: ${printable(m.changeSet.label)} ${m.changeSet.digest}, ${m.changeSet.resources} resources, evaluated at ${m.at}`);
  out.push(`${plural(c.installs, 'install')}${shard}: ${c.blocked} blocked, ${c.needsApproval} need approval, ${c.pass} pass`);
  out.push(`${plural(m.configurations, 'distinct configuration')}, ${plural(m.distinctPolicies, 'distinct policy', 'distinct policies')}`);
  const s = c.status;
  out.push(`Contracts: ${s.signed} signed, ${s.unsigned} unsigned, ${s.stale} stale, ${s['bad-signature']} bad signature`);
  out.push(FLEET_SCOPE_NOTE);
  out.push(trustNote(m));
  out.push('');
  const table = m.rows.map((r) => {
    const top = topPolicies(r, 3);
    return [
      cell(r.install, MAX_NAME), r.verdict, r.contractStatus, String(r.deny.length), String(r.approval.length), String(r.configuration + 1),
      top.shown.join(', ') + (top.more > 0 ? ` (+${top.more})` : ''),
    ];
  });
  const head = ['INSTALL', 'VERDICT', 'CONTRACT', 'DENY', 'APPROVAL', 'CONFIG', 'TOP POLICIES'];
  const widths = head.map((h, i) => Math.max([...h].length, ...table.map((row) => [...row[i]!].length)));
  for (const row of [head, ...table]) out.push(row.map((v, i) => (i === row.length - 1 ? v : pad(v, widths[i]!))).join('  ').trimEnd());
  const flagged = m.rows.filter((r) => r.contractStatus !== 'signed');
  if (flagged.length > 0) {
    out.push('', 'Contract signatures:');
    for (const r of flagged) out.push(`  ${cell(r.install, MAX_NAME)} (${cell(r.contractFile, 200)}): ${r.contractStatus}: ${cell(r.contractStatusDetail, 400)}`);
  }
  const t = m.timings;
  const w = m.work;
  if (t || w) out.push('');
  if (t) out.push(`Timings: ${t.loadMs !== undefined ? `release ${ms(t.loadMs)}, ` : ''}contracts ${ms(t.parseMs)}, compile ${ms(t.compileMs)}, evaluate ${ms(t.evaluateMs)}`);
  if (w) out.push(`Work: ${w.checksPerformed} policy×resource checks made for ${w.checksRepresented} represented (${w.distinctEvaluations} distinct policy+parameter evaluations)`);
  return `${out.join('\n')}\n`;
}
