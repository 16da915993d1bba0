import { printable } from '../model/printable-text';
import type { FleetMatrix, FleetRow } from './fleet-matrix';
import { FLEET_SCOPE_NOTE, fleetCounts, plural, topPolicies, trustNote } from './fleet-summary';

/**
 * Text from a contract or the release, for HTML: control and format characters first become
 * visible escapes (printable: a bidi override would reorder what the reader sees even as a
 * character reference), then the five HTML-special characters become references, so no name
 * can open a tag, leave an attribute or start a script.
 */
export function html(s: string): string {
  return printable(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light dark; --line: #8884; --blocked: #c62828; --approval: #b26a00; --pass: #2e7d32; --flag: #6a1b9a; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
p { margin: 2px 0; }
.muted { opacity: .75; }
table { border-collapse: collapse; margin-top: 16px; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: Canvas; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict-blocked { color: var(--blocked); font-weight: 600; }
.verdict-needs-approval { color: var(--approval); font-weight: 600; }
.verdict-pass { color: var(--pass); }
.status-unsigned, .status-stale, .status-bad-signature { color: var(--flag); font-weight: 600; }
code { font: 12px ui-monospace, monospace; overflow-wrap: anywhere; }
`;

function row(r: FleetRow): string {
  const top = topPolicies(r, 5);
  const policies = top.shown.map((p) => `<code>${html(p)}</code>`).join(', ') + (top.more > 0 ? ` <span class="muted">+${top.more}</span>` : '');
  const detail = r.contractStatusDetail ? `<div class="muted">${html(r.contractStatusDetail)}</div>` : '';
  return `<tr><td>${html(r.install)}<div class="muted"><code>${html(r.contractFile)}</code></div></td>` +
    `<td class="verdict-${r.verdict}">${r.verdict}</td>` +
    `<td class="status-${r.contractStatus}">${r.contractStatus}${detail}</td>` +
    `<td class="num">${r.deny.length}</td><td class="num">${r.approval.length}</td>` +
    `<td>${policies}</td><td class="num">${r.configuration + 1}</td></tr>`;
}

/**
 * The matrix as one self-contained HTML page: inline style, no script, and a Content Security
 * Policy that forbids every request, so opening it never reaches the network.
 */
export function renderFleetHtml(m: FleetMatrix): string {
  const c = fleetCounts(m);
  const s = c.status;
  const shard = m.shard ? ` (shard ${m.shard.index}/${m.shard.count} of ${plural(m.contractSet.installs, 'install')})` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>Fleet: ${html(m.changeSet.label)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Fleet: ${html(m.changeSet.label)}</h1>
<p class="muted"><code>${html(m.changeSet.digest)}</code>, ${m.changeSet.resources} resources, evaluated at ${html(m.at)}</p>
<p>${plural(c.installs, 'install')}${shard}: <span class="verdict-blocked">${c.blocked} blocked</span>, <span class="verdict-needs-approval">${c.needsApproval} need approval</span>, <span class="verdict-pass">${c.pass} pass</span>; ${plural(m.configurations, 'distinct configuration')}, ${plural(m.distinctPolicies, 'distinct policy', 'distinct policies')}</p>
<p>Contracts: ${s.signed} signed, ${s.unsigned} unsigned, ${s.stale} stale, ${s['bad-signature']} bad signature</p>
<p class="muted">${html(FLEET_SCOPE_NOTE)} ${html(trustNote(m))}</p>
<table>
<thead><tr><th>Install</th><th>Verdict</th><th>Contract</th><th>Deny</th><th>Approval</th><th>Top policies</th><th>Config</th></tr></thead>
<tbody>
${m.rows.map(row).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
