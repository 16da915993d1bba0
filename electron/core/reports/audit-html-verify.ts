import type { AuditReport } from './audit-report-model';
import { escapeXmlAttribute } from './xml-escape';

const h = (s: string | number): string => escapeXmlAttribute(String(s));

/**
 * The evidence bundle's layout as the report describes it. R2's evidence bundle
 * (core/app/audit-report/evidence-bundle.ts) writes these names: change one here and there together.
 */
export const EVIDENCE_BUNDLE_LAYOUT = {
  report: 'report.html',
  json: 'report.json',
  auditHead: 'audit-head.json',
  sums: 'SHA256SUMS',
  keys: 'keys',
  /** One folder per install (its name escaped as in the outbox) of signed drift acknowledgements. */
  drift: 'drift',
  /** One folder per change set, named by the first 12 hex digits of its digest. */
  changeSetFolder: (digest: string): string => `changesets/${digest.replace(/^sha256:/, '').slice(0, 12)}`,
} as const;

/** "How to verify this report offline": the evidence bundle and the `countersign verify` command per change set. */
export function offlineVerificationHtml(report: AuditReport): string {
  const L = EVIDENCE_BUNDLE_LAYOUT;
  const commands = report.changeSets.map((c) => `countersign verify --evidence EVIDENCE-DIR --changeset CHANGE-SET-BUNDLE --trust OWNER.pem`
    + `   # ${c.vendor} ${c.release}: the bundle whose digest is ${c.digest} (files in ${L.changeSetFolder(c.digest)}/)`);
  return `<h2>How to verify this report offline</h2>
<p>This report is a statement of what the workspace held when it was made. Its evidence bundle (<code>countersign report --evidence DIR</code>) lets anyone check it without the workspace, the network or Countersign's servers:</p>
<ul>
<li><code>${h(L.report)}</code> and <code>${h(L.json)}</code>: this report (the JSON is the same report for tools, <code>auditReportVersion</code> ${h(report.auditReportVersion)}).</li>
<li><code>${h(L.changeSetFolder('sha256:<digest>'))}…/</code>: for each change set, the published contract (<code>contract.yaml</code>) with its signed publication (<code>*.publication.json</code>), and every signed approval and exception (<code>*.dsse.json</code>, DSSE/in-toto).</li>
<li><code>${h(L.drift)}/&lt;install&gt;/</code>: every signed drift acknowledgement (<code>drift-acknowledgement/v1</code>, <code>*.dsse.json</code>) of the report's installs.</li>
<li><code>${h(L.keys)}/</code>: the public keys of the reviewers and contract owners who signed.</li>
<li><code>${h(L.sums)}</code>: the SHA-256 of every other file (<code>sha256sum -c ${h(L.sums)}</code>; <code>countersign verify --evidence</code> checks it first).</li>
<li><code>${h(L.auditHead)}</code>: the audit log's head (entry ${h(report.auditChain.head.seq)}, <code>${h(report.auditChain.head.hash)}</code>), which the signed decisions record.</li>
</ul>
<ol class="steps">
<li>Obtain the contract owner's public key from its owner through a channel you trust, and compare its fingerprint with the one in <code>${h(L.keys)}/</code>: the bundle's own keys prove nothing on their own.</li>
<li>Get the change set as the vendor delivered it; its digest must be the one this report names.</li>
<li>Run <code>countersign verify --evidence</code> for each change set: it checks that no file of the bundle changed, then verifies the approvals, exceptions and publication against the key you obtained, and the signature of every drift acknowledgement under <code>${h(L.drift)}/</code> (by that key, or by an approver of the roster the owner's publication vouches for), as <code>countersign verify --drift</code> does (it needs no workspace and no network; exit 0 means they all verify). Without it, <code>countersign verify --contract FOLDER/contract.yaml --attestations FOLDER --trust OWNER.pem --changeset CHANGE-SET-BUNDLE</code> over a change set's folder checks the same signatures.</li>
</ol>
<pre>${commands.length ? commands.map(h).join('\n') : '(no change set in this report)'}</pre>
<p class="muted">A signature that does not verify (a forged or re-signed drift acknowledgement too), a publication by a key the roster does not list, or an exception past its expiry makes the command exit 1 and say why.</p>`;
}
