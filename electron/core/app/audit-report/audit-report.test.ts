// Issue 12: the audit report of a change set and of a period, built from a real workspace (a
// published contract, a blocked release with exceptions in force, one waived finding and more,
// and a signed approval), in every text format.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditFixture } from '../../testing/audit-report-fixture';
import type { AuditFixture } from '../../testing/audit-report-fixture';
import { assertValidSarif } from '../../testing/sarif-schema';
import { InputError, UsageError } from '../../model/errors';
import { buildChangeSetAuditReport, buildPeriodAuditReport, driftSectionOf, renderAuditReportText } from './index';
import type { DriftRowInput } from './index';
import type { AuditReport, DriftSource } from './index';

let f: AuditFixture;
before(async () => {
  f = await auditFixture();
});
after(() => f.cleanup());

const html = (r: AuditReport): string => renderAuditReportText(f.ws, r, 'html');

describe('the audit report of a change set', () => {
  test('covers the contract and its publication, the verdict, every finding, the exceptions, the approvals and the audit chain', () => {
    const r = buildChangeSetAuditReport(f.ws, f.digest);
    assert.equal(r.auditReportVersion, 1);
    assert.equal(r.changeSets.length, 1);
    const c = r.changeSets[0]!;
    assert.equal(c.contract.name, 'acme-prod-eu');
    assert.equal(c.contract.revision, 1);
    assert.match(c.contract.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(c.contract.publication.status, 'verified');
    assert.deepEqual(c.contract.publication.signers.map((s) => s.name), ['Olivia Owner']);
    assert.equal(c.verdict, 'blocked');
    assert.equal(c.findings.length, c.counts.total);
    const db = c.findings.find((x) => x.policy === 'db-no-replace')!;
    assert.equal(db.waived, true);
    assert.equal(db.location.file, 'infra/plan.json');
    assert.ok(db.location.line > 0);
    assert.match(db.explanation ?? '', /saw resource\.action = "replace"/);
    assert.ok(c.findings.some((x) => !x.waived), 'findings that need approval are listed, not waived');
    assert.equal(c.exceptions.length, 3);
    for (const x of c.exceptions) {
      assert.equal(x.state, 'in-force');
      assert.equal(x.justification, 'migration window agreed with the vendor');
      assert.deepEqual(x.signers.map((s) => s.name), ['Alice']);
      assert.ok(Date.parse(x.expires) > Date.now());
    }
    assert.equal(c.approvals.counted, 1);
    assert.deepEqual(c.approvals.signatures.map((s) => [s.name, s.decision, s.verified, s.comment]), [['Alice', 'approve', true, 'reviewed with the DBA']]);
    assert.equal(c.verification.ok, true);
    assert.equal(r.auditChain.ok, true);
    assert.ok(r.auditChain.entries > 0);
    assert.ok(r.auditChain.recordedHeads.matched >= 4, 'the approval and the exceptions record heads of this chain');
    assert.equal(r.drift.available, true, 'the workspace records drift');
    assert.deepEqual(r.drift.reports, [], 'no drift snapshot imported for this install');

    const page = html(r);
    for (const heading of ['Contract', 'Verdict', 'Findings (5)', 'Exceptions (3)', 'Approvals', 'Drift', 'Audit chain', 'How to verify this report offline']) {
      assert.ok(page.includes(`>${heading}</h`), `section ${heading}`);
    }
    assert.ok(page.includes('published, signature verified'));
    assert.ok(page.includes('waived by an exception'));
    assert.ok(page.includes('infra/plan.json:13:9'));
    assert.ok(page.includes('countersign verify --evidence EVIDENCE-DIR --changeset CHANGE-SET-BUNDLE --trust OWNER.pem'));
    assert.ok(page.includes(c.contract.digest) && page.includes(c.evaluationDigest) && page.includes(r.auditChain.head.hash));
  });

  test('a forged approval (payload edited after signing) shows as failing verification and does not count', () => {
    const real = f.ws.attestations.listApprovals(f.digest)[0]!;
    const envelope = JSON.parse(real.envelope) as { payload: string; signatures: unknown[]; payloadType: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicate: { comment: string } };
    statement.predicate.comment = 'forged: approved by nobody';
    const forged = JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') });
    // Approvals are never deleted: the forged row stays for the rest of this file (it never counts).
    f.ws.attestations.recordApproval({ kind: 'approve', changeSetDigest: f.digest, contractDigest: real.contractDigest, evaluationDigest: real.evaluationDigest, keyId: real.keyId, envelope: forged });
    const c = buildChangeSetAuditReport(f.ws, f.digest).changeSets[0]!;
    const shown = c.approvals.signatures.find((s) => s.comment.startsWith('forged'));
    assert.ok(shown, 'the forged decision is listed');
    assert.equal(shown.verified, false);
    assert.notEqual(shown.check, 'counted');
    assert.match(shown.detail, /does not verify \(payload or payloadType altered, or forged\)/);
    assert.equal(c.approvals.counted, 1, 'only the real approval counts');
    assert.ok(html(buildChangeSetAuditReport(f.ws, f.digest)).includes('FAILS verification'));
  });

  test('drift reports in scope are listed with their acknowledgements', () => {
    const drift: DriftSource = () => ({
      available: true,
      reports: [{
        install: 'prod-eu', createdAt: new Date().toISOString(), snapshot: { kind: 'terraform-refresh-plan', file: 'drift/refresh.json', sha256: 'a'.repeat(64) },
        approvedChangeSet: f.digest, verdict: 'blocked', findingCount: 1,
        items: [
          { key: 'sha256:1', address: 'aws_security_group.web', kind: 'changed', otherManagersOnly: false, fields: [{ path: 'ingress.0.cidr_blocks', approved: '["10.0.0.0/8"]', live: '["0.0.0.0/0"]', changedBy: null }], acknowledgement: null },
          { key: 'sha256:2', address: 'aws_s3_bucket.logs', kind: 'added', otherManagersOnly: false, fields: [], acknowledgement: { mode: 'revert-by-vendor', note: 'vendor reverts in 2.15', by: { keyId: f.aliceId, name: 'Alice' }, at: new Date().toISOString(), verified: true, detail: '' } },
        ],
      }, { install: 'other-install', createdAt: new Date().toISOString(), snapshot: { kind: 'kubernetes-live', file: 'x', sha256: 'b'.repeat(64) }, approvedChangeSet: '', verdict: 'pass', findingCount: 0, items: [] }],
    });
    const r = buildChangeSetAuditReport(f.ws, f.digest, { drift });
    assert.deepEqual(r.drift.reports.map((d) => d.install), ['prod-eu'], 'only the change set\'s install');
    const page = html(r);
    assert.ok(page.includes('aws_security_group.web') && page.includes('&quot;0.0.0.0/0&quot;') && page.includes('vendor reverts in 2.15') && page.includes('revert-by-vendor'));
  });
});

describe('drift rows from the workspace (D3\'s listDriftReports rows)', () => {
  test('items keep their field paths, and an acknowledgement whose signature fails is shown as failing', () => {
    const ack = (note: string) => ({ mode: 'acknowledged', note, keyId: f.aliceId, envelope: note, createdAt: '2026-12-01T00:00:00.000Z' });
    const row: DriftRowInput = {
      stored: { install: 'prod-eu', createdAt: new Date().toISOString(), snapshotKind: 'kubernetes-live', snapshotFile: 'live.yaml', snapshotSha256: 'c'.repeat(64), approvedChangeSet: f.digest, verdict: 'pass', findingCount: 0 },
      report: { items: [
        { key: 'k1', source: 'kubernetes', address: 'Deployment/acme/api', type: 'Deployment', kind: 'changed', otherManagersOnly: false, fields: [{ path: ['spec', 'replicas'], approved: '2', live: '5', changedBy: 'kubectl-edit' }] },
        { key: 'k2', source: 'kubernetes', address: 'ConfigMap/acme/cfg', type: 'ConfigMap', kind: 'removed', otherManagersOnly: false, fields: [] },
        { key: 'k3', source: 'kubernetes', address: 'Secret/acme/x', type: 'Secret', kind: 'added', otherManagersOnly: false, fields: [] },
      ] },
      acknowledgements: new Map([['k1', ack('signed')], ['k2', ack('forged')]]),
    };
    const section = driftSectionOf(f.ws, [row], (envelope) => (envelope === 'signed' ? { verified: true, detail: '' } : { verified: false, detail: 'the signature does not verify: it is forged' }));
    const items = section.reports[0]!.items;
    assert.deepEqual(items.map((i) => [i.key, i.acknowledgement?.verified ?? null]), [['k1', true], ['k2', false], ['k3', null]]);
    assert.deepEqual(items[0]!.fields, [{ path: 'spec.replicas', approved: '2', live: '5', changedBy: 'kubectl-edit' }]);
    assert.equal(items[0]!.acknowledgement!.by.name, 'Alice');
    const page = html(buildChangeSetAuditReport(f.ws, f.digest, { drift: () => section }));
    assert.ok(page.includes('acknowledged: signature FAILS verification') && page.includes('it is forged'));
    assert.ok(page.includes('changed by kubectl-edit') && page.includes('>open</span>'));
  });
});

describe('the audit report of a period', () => {
  test('lists the change sets received for the install in the period, and none outside it', () => {
    const r = buildPeriodAuditReport(f.ws, { install: 'prod-eu', since: '2000-01-01' });
    assert.equal(r.kind, 'period');
    assert.deepEqual(r.changeSets.map((c) => c.digest), [f.digest]);
    assert.equal(buildPeriodAuditReport(f.ws, { vendor: 'Acme Analytics', since: '2000-01-01' }).changeSets.length, 1);
    assert.equal(buildPeriodAuditReport(f.ws, { install: 'another', since: '2000-01-01' }).changeSets.length, 0);
    assert.equal(buildPeriodAuditReport(f.ws, { install: 'prod-eu', since: '2000-01-01', until: '2000-12-31' }).changeSets.length, 0);
    assert.ok(html(buildPeriodAuditReport(f.ws, { install: 'another', since: '2000-01-01' })).includes('No change set was received in this period.'));
  });

  test('refuses a period without an install or vendor, and bounds that are not times', () => {
    assert.throws(() => buildPeriodAuditReport(f.ws, { since: '2000-01-01' }), UsageError);
    for (const since of ['yesterday', '2026-02-30', '2026-01-01T00:00:00', '']) {
      assert.throws(() => buildPeriodAuditReport(f.ws, { install: 'prod-eu', since }), InputError, since);
    }
    assert.throws(() => buildPeriodAuditReport(f.ws, { install: 'prod-eu', since: '2026-01-02', until: '2026-01-01' }), UsageError);
  });
});

describe('the audit report as JSON, SARIF and JUnit', () => {
  test('JSON is the report (auditReportVersion 1)', () => {
    const r = buildChangeSetAuditReport(f.ws, f.digest);
    assert.deepEqual(JSON.parse(renderAuditReportText(f.ws, r, 'json')), JSON.parse(JSON.stringify(r)));
  });

  test('SARIF 2.1.0 validates against the schema, with locations, and waived findings as accepted suppressions', () => {
    const r = buildPeriodAuditReport(f.ws, { install: 'prod-eu', since: '2000-01-01' });
    const log = JSON.parse(renderAuditReportText(f.ws, r, 'sarif')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; suppressions?: { status: string; justification: string }[] }[] }[] };
    assertValidSarif(log);
    assert.equal(log.runs.length, 1);
    const results = log.runs[0]!.results;
    assert.equal(results.length, r.changeSets[0]!.findings.length);
    for (const res of results) assert.ok(res.locations[0]!.physicalLocation.region.startLine > 0);
    const db = results.find((x) => x.ruleId === 'db-no-replace')!;
    assert.deepEqual(db.suppressions?.map((s) => [s.status, s.justification]), [['accepted', 'migration window agreed with the vendor']]);
    assert.ok(results.some((x) => x.suppressions === undefined), 'findings that are not waived are not suppressed');
  });

  test('JUnit holds each change set\'s suites, named by release', () => {
    const xml = renderAuditReportText(f.ws, buildChangeSetAuditReport(f.ws, f.digest), 'junit');
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="countersign audit" tests="\d+" failures="5" errors="0">/);
    assert.match(xml, /<testsuite name="Acme Analytics 2\.14\.0 \([0-9a-f]{12}\) \/ db-no-replace"/);
    assert.equal((xml.match(/<testsuite /g) ?? []).length, (xml.match(/<\/testsuite>/g) ?? []).length);
  });
});
