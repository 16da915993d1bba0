import type {
  AuditChangeSet, AuditChainStatus, AuditDriftSection, AuditReport, AuditSigner,
} from './audit-report-model';
import { AUDIT_REPORT_CSS } from './audit-html-style';
import { offlineVerificationHtml } from './audit-html-verify';
import { escapeXmlAttribute } from './xml-escape';

/**
 * The report's Content-Security-Policy: nothing may be fetched, framed, submitted or run (the
 * inline style sheet is the only thing allowed). An auditor opening the file makes no request.
 */
export const AUDIT_REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * Escapes text for HTML text and attribute values alike (`& < > " '`, and the characters a
 * terminal or an XML reader would act on, see xml-escape.ts). Every value of the report is
 * vendor- or reviewer-written and passes through here; nothing is inserted raw.
 */
export function h(s: string | number | null | undefined): string {
  return escapeXmlAttribute(s === null || s === undefined ? '' : String(s));
}

export interface AuditHtmlOptions {
  /**
   * The workspace's warning period in days (Settings, `exceptionExpiryWarningDays`): an exception
   * in force that lapses within it is flagged, as the inbox and the dashboard flag it. No default
   * here: the setting's own (store/settings.ts) is the one the app passes (auditReportHtml).
   */
  readonly expiryWarningDays: number;
}

/** A self-contained HTML document of the report: inline CSS, no script, no request, prints well. */
export function renderAuditReportHtml(report: AuditReport, options: AuditHtmlOptions): string {
  const warningDays = options.expiryWarningDays;
  const title = report.kind === 'change-set'
    ? `Audit report: ${changeSetName(report.changeSets[0])}`
    : `Audit report: ${report.scope.kind === 'period' ? periodName(report.scope) : ''}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${h(AUDIT_REPORT_CSP)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${AUDIT_REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    header(report, title),
    summary(report),
    ...report.changeSets.map((c) => changeSetHtml(c, report.generatedAt, warningDays)),
    driftHtml(report.drift),
    chainHtml(report.auditChain),
    offlineVerificationHtml(report),
    `<p class="muted">auditReportVersion ${h(report.auditReportVersion)} · ${h(report.generator.tool)} ${h(report.generator.engineVersion)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function changeSetName(c: AuditChangeSet | undefined): string {
  return c ? `${c.vendor} ${c.app} ${c.release} (${c.install})` : '(no change set)';
}

function periodName(s: Extract<AuditReport['scope'], { kind: 'period' }>): string {
  const who = [s.vendor !== null ? `vendor ${s.vendor}` : '', s.install !== null ? `install ${s.install}` : ''].filter(Boolean).join(', ');
  return `${who}, ${s.since.slice(0, 10)} to ${s.until.slice(0, 10)}`;
}

function header(report: AuditReport, title: string): string {
  const scope = report.scope.kind === 'change-set'
    ? `<tr><th>Change set</th><td><code>${h(report.scope.changeSet)}</code></td></tr>`
    : `<tr><th>Vendor</th><td>${h(report.scope.vendor ?? 'any')}</td></tr><tr><th>Install</th><td>${h(report.scope.install ?? 'any')}</td></tr>`
      + `<tr><th>Period</th><td>${h(report.scope.since)} to ${h(report.scope.until)} (change sets received)</td></tr>`;
  return `<header class="report"><h1>${h(title)}</h1>
<table class="facts">${scope}
<tr><th>Generated</th><td>${h(report.generatedAt)}; every status below is as of this time</td></tr>
<tr><th>Audit chain</th><td>${report.auditChain.ok ? state('intact', 'good') : state('BROKEN', 'bad')} ${h(report.auditChain.entries)} entries</td></tr>
</table></header>`;
}

function summary(report: AuditReport): string {
  if (report.changeSets.length === 0) return '<h2>Change sets</h2><p>No change set was received in this period.</p>';
  const rows = report.changeSets.map((c) => `<tr><td>${h(c.vendor)} ${h(c.app)} ${h(c.release)}<br><code>${h(c.digest)}</code></td><td>${h(c.install)}</td><td>${h(c.receivedAt)}</td>`
    + `<td>${verdict(c.verdict)}</td><td>${h(c.approvals.counted)} of ${h(c.approvals.required)} (${h(c.approvals.state)})</td><td>${c.verification.ok ? state('verifies', 'good') : state('does not verify', 'bad')}</td></tr>`);
  return `<h2>Change sets (${h(report.changeSets.length)})</h2>
<table><thead><tr><th>Release</th><th style="width:10%">Install</th><th>Received</th><th>Verdict</th><th>Approvals</th><th>countersign verify</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function changeSetHtml(c: AuditChangeSet, generatedAt: string, warningDays: number): string {
  return `<section class="change-set">
<h2>${h(changeSetName(c))}</h2>
<table class="facts">
<tr><th>Digest</th><td><code>${h(c.digest)}</code></td></tr>
<tr><th>Vendor / app / install</th><td>${h(c.vendor)} / ${h(c.app)} / ${h(c.install)}</td></tr>
<tr><th>Release</th><td>${h(c.release)}${c.previousRelease ? ` (previous ${h(c.previousRelease)})` : ''}</td></tr>
<tr><th>Created / received</th><td>${h(c.createdAt)} / ${h(c.receivedAt)}</td></tr>
<tr><th>State</th><td>${h(c.state)}</td></tr>
<tr><th>Vendor signature</th><td>${h(c.vendorSignature.state)}${signers(c.vendorSignature.signers)}${c.vendorSignature.reasons.map((r) => `<div class="why">${h(r)}</div>`).join('')}</td></tr>
</table>
${contractHtml(c)}
${verdictHtml(c)}
${findingsHtml(c)}
${exceptionsHtml(c, generatedAt, warningDays)}
${approvalsHtml(c)}
</section>`;
}

function contractHtml(c: AuditChangeSet): string {
  const p = c.contract.publication;
  const status = p.status === 'verified' ? state('published, signature verified', 'good')
    : p.status === 'expired' ? state('publication expired', 'warn')
      : p.status === 'unverified' ? state('publication does NOT verify', 'bad') : state('not published', 'warn');
  return `<h3>Contract</h3>
<table class="facts">
<tr><th>Contract</th><td>${h(c.contract.name)}, revision ${h(c.contract.revision ?? 'not held')}</td></tr>
<tr><th>Digest</th><td><code>${h(c.contract.digest)}</code></td></tr>
<tr><th>Publication</th><td>${status}${p.time ? ` signed ${h(p.time)}, valid until ${h(p.notAfter)}` : ''}${signers(p.signers)}</td></tr>
</table>`;
}

function verdictHtml(c: AuditChangeSet): string {
  const counts = Object.entries(c.counts.bySeverity).filter(([, n]) => n > 0).map(([k, n]) => `${h(n)} ${h(k)}`).join(', ') || 'none';
  return `<h3>Verdict</h3>
<table class="facts">
<tr><th>Verdict</th><td>${verdict(c.verdict)} evaluated ${h(c.evaluatedAt)}</td></tr>
<tr><th>Evaluation digest</th><td><code>${h(c.evaluationDigest)}</code></td></tr>
<tr><th>Findings</th><td>${h(c.counts.total)} (${counts})</td></tr>
<tr><th>countersign verify</th><td>${c.verification.ok ? state('verifies: the vendor may apply it', 'good') : state('does not verify', 'bad')}`
    + `${c.verification.reasons.map((r) => `<div class="why"><code>${h(r.code)}</code> ${h(r.message)}</div>`).join('')}</td></tr>
</table>`;
}

function findingsHtml(c: AuditChangeSet): string {
  if (c.findings.length === 0) return '<h3>Findings</h3><p>No findings.</p>';
  const rows = c.findings.map((f) => {
    const flags = [f.waived ? state('waived by an exception', 'good') : '', f.shadow ? state('shadow: weighs nothing', 'warn') : ''].join(' ');
    const at = `${f.location.file}:${f.location.line}:${f.location.column}`;
    return `<tr><td>${h(f.severity)}<br>${h(f.enforcement)} ${flags}</td><td><code>${h(f.policy)}</code><br>${h(f.title)}`
      // Every other policy of a same-control finding, one id each (the report names ids only: its format has no titles).
      + `${f.alsoPolicies.length ? `<div class="why">same control, also reported by ${f.alsoPolicies.map((id) => `<code>${h(id)}</code>`).join(', ')}</div>` : ''}</td>`
      + `<td><code>${h(f.resource.address)}</code><div class="why">${h(at)}${f.location.origin ? ` (template ${h(f.location.origin)})` : ''}</div></td>`
      + `<td>${h(f.message)}${f.explanation ? `<div class="why">Why: ${h(f.explanation)}</div>` : ''}${f.remediation ? `<div class="why">Fix: ${h(f.remediation)}</div>` : ''}</td></tr>`;
  });
  return `<h3>Findings (${h(c.findings.length)})</h3>
<table><thead><tr><th style="width:13%">Severity</th><th style="width:20%">Policy</th><th style="width:27%">Resource and location</th><th>Finding and explanation</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

const DAY_MS = 86_400_000;

/**
 * When an exception lapses, counted from the report's own time (never the reader's clock, so a
 * printed report keeps saying the same): "N days after this report", flagged in words when an
 * exception in force lapses within the warning period of it.
 */
function expiryHtml(expires: string, inForce: boolean, generatedAt: string, warningDays: number): string {
  if (!expires) return 'no expiry';
  const left = Date.parse(expires) - Date.parse(generatedAt);
  if (Number.isNaN(left) || left <= 0) return h(expires);
  const days = Math.floor(left / DAY_MS);
  const after = days === 0 ? 'the day of this report' : `${days} day${days === 1 ? '' : 's'} after this report`;
  const within = warningDays === 7 ? 'a week' : `${warningDays} day${warningDays === 1 ? '' : 's'}`;
  const soon = inForce && left <= warningDays * DAY_MS ? `<br>${state(`expires within ${within}`, 'warn')}` : '';
  return `${h(expires)}<div class="why">${h(after)}</div>${soon}`;
}

function exceptionsHtml(c: AuditChangeSet, generatedAt: string, warningDays: number): string {
  if (c.exceptions.length === 0) return '<h3>Exceptions</h3><p>No exception is held for this change set.</p>';
  const rows = c.exceptions.map((x) => `<tr><td><code>${h(x.policy)}</code><br><code>${h(x.resource)}</code></td><td>${h(x.justification)}<div class="why">requested by ${h(x.requester)}</div></td>`
    + `<td>${expiryHtml(x.expires, x.state === 'in-force', generatedAt, warningDays)}</td><td>${signers(x.signers, true) || 'none verified'}<div class="why">${h(x.persons)} of ${h(x.required)} required</div></td>`
    + `<td>${x.state === 'in-force' ? state('in force', 'good') : state(x.state, 'warn')}<div class="why">${h(x.stateDetail)}</div></td></tr>`);
  return `<h3>Exceptions (${h(c.exceptions.length)})</h3>
<table><thead><tr><th>Waives</th><th>Justification</th><th>Expires</th><th>Verified signers</th><th>State</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function approvalsHtml(c: AuditChangeSet): string {
  const a = c.approvals;
  const head = `<p>${h(a.counted)} of ${h(a.required)} required approvals count; ${h(a.rejections)} rejection(s); decision ${h(a.state)}${a.final ? ' (final)' : ''}.</p>`;
  if (a.signatures.length === 0) return `<h3>Approvals</h3>${head}<p>No signed decision is held.</p>`;
  const rows = a.signatures.map((s) => `<tr><td>${h(s.name)}<div class="why"><code>${h(s.keyId)}</code></div></td><td>${h(s.decision)}</td><td>${h(s.at)}</td>`
    + `<td>${s.verified ? state('verified, counts', 'good') : s.check === 'not-counted' ? state('FAILS verification', 'bad') : state(s.check, 'warn')}<div class="why">${h(s.detail)}</div></td>`
    + `<td>${h(s.comment)}</td></tr>`);
  return `<h3>Approvals</h3>${head}
<table><thead><tr><th>Signer</th><th>Decision</th><th>Signed</th><th>Signature</th><th>Comment</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}

function driftHtml(d: AuditDriftSection): string {
  if (!d.available) return '<h2>Drift</h2><p>Drift is not recorded in this workspace.</p>';
  if (d.reports.length === 0) return '<h2>Drift</h2><p>No drift report in scope.</p>';
  const reports = d.reports.map((r) => {
    const rows = r.items.map((i) => {
      const fields = i.fields.map((f) => `<div><code>${h(f.path)}</code>: ${h(f.approved)} → ${h(f.live)}${f.changedBy ? ` (changed by ${h(f.changedBy)})` : ''}</div>`).join('');
      const ack = i.acknowledgement
        ? `${i.acknowledgement.verified ? state(i.acknowledgement.mode, 'good') : state(`${i.acknowledgement.mode}: signature FAILS verification`, 'bad')}`
          + `<div class="why">${h(i.acknowledgement.note)} (${h(i.acknowledgement.by.name)}, ${h(i.acknowledgement.at)})${i.acknowledgement.verified ? '' : ` ${h(i.acknowledgement.detail)}`}</div>`
        : i.otherManagersOnly ? state('other managers only', 'warn') : state('open', 'bad');
      return `<tr><td><code>${h(i.address)}</code></td><td>${h(i.kind)}</td><td>${fields || '—'}</td><td>${ack}</td></tr>`;
    });
    return `<h3>${h(r.install)}: ${h(r.snapshot.kind)} of ${h(r.createdAt)}</h3>
<p class="muted">Snapshot <code>${h(r.snapshot.file)}</code> (sha256 <code>${h(r.snapshot.sha256)}</code>), compared with <code>${h(r.approvedChangeSet || 'the plan itself')}</code>; verdict ${verdict(r.verdict)} with ${h(r.findingCount)} finding(s).</p>
${rows.length ? `<table><thead><tr><th>Resource</th><th>Drift</th><th>Fields (approved → live)</th><th>Acknowledgement</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>` : '<p>No drift.</p>'}`;
  });
  return `<h2>Drift</h2>${reports.join('\n')}`;
}

function chainHtml(c: AuditChainStatus): string {
  const problems = c.recordedHeads.problems.map((p) => `<div class="why">${h(p)}</div>`).join('');
  return `<h2>Audit chain</h2>
<table class="facts">
<tr><th>Hash chain</th><td>${c.ok ? state('intact', 'good') : state('BROKEN', 'bad')} ${h(c.entries)} entries verified${c.firstBroken ? `; first broken entry ${h(c.firstBroken.seq)}: ${h(c.firstBroken.reason)}` : ''}</td></tr>
<tr><th>Head</th><td>entry ${h(c.head.seq)}, <code>${h(c.head.hash)}</code></td></tr>
<tr><th>First entry</th><td><code>${h(c.head.genesis)}</code></td></tr>
<tr><th>Heads in signed files</th><td>${h(c.recordedHeads.matched)} match this chain; ${h(c.recordedHeads.foreign)} from other workspaces; ${h(c.recordedHeads.problems.length)} problem(s)${problems}</td></tr>
</table>`;
}

function verdict(v: string): string {
  return state(v, v === 'pass' ? 'good' : v === 'blocked' ? 'bad' : 'warn');
}

function state(text: string, tone: 'good' | 'warn' | 'bad'): string {
  return `<span class="state ${tone}">${h(text)}</span>`;
}

function signers(list: readonly AuditSigner[], bare = false): string {
  if (list.length === 0) return '';
  const names = list.map((s) => `${h(s.name)} <code>${h(s.keyId.slice(0, 19))}…</code>`).join(', ');
  return bare ? names : `<div class="why">signed by ${names}</div>`;
}
