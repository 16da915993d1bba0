// The evidence bundle with the BUILT CLI: `countersign verify --evidence` (and the plain verify
// command the report prints) pass over a fresh bundle, and any change to it fails: an edited
// report, an added, removed or re-signed file, a forged signature under rewritten checksums.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { builtCli, ensureCliBuilt } from '../../testing/built-cli';
import { repoRoot } from '../../testing/corpus';
import { auditFixture, DEMO } from '../../testing/audit-report-fixture';
import type { AuditFixture } from '../../testing/audit-report-fixture';
import { buildChangeSetAuditReport } from '.';
import { evidenceBundleFiles, sumsText, writeEvidenceBundle } from './evidence-bundle';

const CHANGE_SET = join(DEMO, 'bundles/acme-2.14.0-blocked');
const HOSTILE_VENDOR = '../../etc/\u001b[31mAcme\u202e/..\\CON';
let fx: AuditFixture;
let bundle: string;
let tmp: string;

function verify(args: readonly string[]) {
  const r = spawnSync(process.execPath, [builtCli, 'verify', '--changeset', CHANGE_SET, ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: '' },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, out: r.stdout + r.stderr };
}

/** A copy of the bundle to spoil. */
function copy(name: string): string {
  const dir = join(tmp, name);
  for (const f of allFiles(bundle)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), readFileSync(join(bundle, f)));
  }
  return dir;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/')).sort();
}

const ownerKey = (dir: string) => join(dir, 'keys', readdirSync(join(dir, 'keys'))[0]!);
const evidenceArgs = (dir: string) => ['--evidence', dir, '--trust', ownerKey(dir)];

before(async () => {
  ensureCliBuilt();
  fx = await auditFixture();
  tmp = mkdtempSync(join(tmpdir(), 'countersign-evidence-'));
  bundle = join(tmp, 'evidence');
  writeEvidenceBundle(fx.ws, buildChangeSetAuditReport(fx.ws, fx.digest), bundle, { pdf: Buffer.from('%PDF-1.4 stand-in') });
});
after(() => {
  fx.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

describe('evidence bundle', () => {
  test('holds the report, the published contract, every attestation, the owner key and the audit head; verify --evidence and the plain command pass', () => {
    const files = allFiles(bundle);
    const folder = `changesets/${fx.digest.slice(7, 19)}`;
    for (const f of ['report.html', 'report.json', 'report.pdf', 'audit-head.json', 'SHA256SUMS', `${folder}/contract.yaml`, `${folder}/contract.publication.json`]) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
    assert.equal(files.filter((f) => /\/exception-[0-9a-f]{12}\.dsse\.json$/.test(f)).length, 3);
    assert.equal(files.filter((f) => /\/approval-[0-9a-f]{12}\.dsse\.json$/.test(f)).length, 1);
    assert.deepEqual(files.filter((f) => f.startsWith('keys/')), ['keys/Olivia%20Owner.pem']);
    const head = JSON.parse(readFileSync(join(bundle, 'audit-head.json'), 'utf8')) as { seq: number; hash: string };
    assert.match(head.hash, /^[0-9a-f]{64}$/);
    assert.ok(readFileSync(join(bundle, 'report.html'), 'utf8').includes(head.hash), 'the report names the head the bundle holds');
    const viaEvidence = verify(evidenceArgs(bundle));
    assert.equal(viaEvidence.code, 0, viaEvidence.out);
    assert.match(viaEvidence.out, /VERIFIED/);
    // The command as the report prints it (with the owner's key in place of OWNER.pem).
    const plain = verify(['--contract', join(bundle, folder, 'contract.yaml'), '--attestations', join(bundle, folder), '--trust', ownerKey(bundle)]);
    assert.equal(plain.code, 0, plain.out);
  });

  test('every kind of change to the bundle fails verify --evidence (exit 1, naming the file)', () => {
    const folder = `changesets/${fx.digest.slice(7, 19)}`;
    const approval = () => allFiles(bundle).find((f) => f.includes('/approval-'))!;
    const cases: readonly [string, (dir: string) => void, RegExp][] = [
      ['an edited report', (d) => appendFileSync(join(d, 'report.html'), '<p>all fine</p>'), /report\.html: changed/],
      ['an edited PDF', (d) => appendFileSync(join(d, 'report.pdf'), ' '), /report\.pdf: changed/],
      ['an added attestation', (d) => writeFileSync(join(d, folder, 'approval-000000000000.dsse.json'), readFileSync(join(d, approval()))), /approval-000000000000\.dsse\.json: not listed/],
      ['a removed exception', (d) => unlinkSync(join(d, allFiles(d).find((f) => f.includes('/exception-'))!)), /exception-[0-9a-f]{12}\.dsse\.json: missing/],
      ['an edited contract', (d) => appendFileSync(join(d, folder, 'contract.yaml'), '\n# edited\n'), /contract\.yaml: changed/],
      ['a removed checksum file', (d) => unlinkSync(join(d, 'SHA256SUMS')), /SHA256SUMS: cannot read it/],
      ['a link in place of a file', (d) => { unlinkSync(join(d, 'audit-head.json')); symlinkSync(join(bundle, 'audit-head.json'), join(d, 'audit-head.json')); }, /audit-head\.json: not a plain file/],
    ];
    cases.forEach(([name, spoil, why], i) => {
      const dir = copy(`spoiled-${i}`);
      spoil(dir);
      const r = verify(evidenceArgs(dir));
      assert.equal(r.code, 1, `${name}: ${r.out}`);
      assert.match(r.out, why, name);
    });
  });

  test('another change set than the bundle covers: exit 1 (no evidence for it); --contract with --evidence: exit 2', () => {
    const r = spawnSync(process.execPath, [builtCli, 'verify', '--changeset', join(DEMO, 'bundles/acme-2.13.2-chart-bump'), ...evidenceArgs(bundle)], {
      cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: '' },
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /the bundle holds no evidence for change set sha256:[0-9a-f]{64}/);
    const both = verify([...evidenceArgs(bundle), '--contract', join(bundle, 'report.json')]);
    assert.equal(both.code, 2, both.out);
    assert.match(both.out, /give no --contract or --attestations/);
  });

  test('a forged approval under rewritten checksums: the checksums pass, the signatures do not (exit 1)', () => {
    const dir = copy('forged');
    const file = join(dir, allFiles(dir).find((f) => f.includes('/approval-'))!);
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicate: { comment?: string } };
    statement.predicate.comment = 'forged';
    envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    writeFileSync(file, JSON.stringify(envelope));
    const listed = allFiles(dir).filter((f) => f !== 'SHA256SUMS').map((f) => ({ path: f, bytes: readFileSync(join(dir, f)) }));
    writeFileSync(join(dir, 'SHA256SUMS'), sumsText(listed));
    const r = verify(evidenceArgs(dir));
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /quorum-not-met/);
    assert.doesNotMatch(r.out, /SHA256SUMS|changed/);
  });

  test('names from the vendor never form a path, and the bundle is written only into an empty folder', async () => {
    const hostile = await auditFixture({ vendor: HOSTILE_VENDOR });
    try {
      const files = evidenceBundleFiles(hostile.ws, buildChangeSetAuditReport(hostile.ws, hostile.digest));
      for (const f of files) assert.match(f.path, /^(?:[A-Za-z0-9_%~-][A-Za-z0-9._%~-]*\/)*[A-Za-z0-9_%~-][A-Za-z0-9._%~-]*$/, f.path);
      assert.ok(files.some((f) => f.path === 'report.html' && Buffer.from(f.bytes).toString('utf8').includes('Acme')));
      assert.throws(() => writeEvidenceBundle(hostile.ws, buildChangeSetAuditReport(hostile.ws, hostile.digest), bundle), /is not empty/);
    } finally {
      hostile.cleanup();
    }
  });
});

describe('evidence bundle: drift acknowledgements', () => {
  test('each signed acknowledgement of an install in the report is a file under drift/<escaped install>/, covered by the checksums; others are left out', () => {
    const envelope = (n: string) => JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(`{"n":"${n}"}`).toString('base64'), signatures: [{ keyid: 'k', sig: 'c2ln' }] });
    const report = buildChangeSetAuditReport(fx.ws, fx.digest);
    const install = report.changeSets[0]!.install;
    const files = evidenceBundleFiles(fx.ws, report, {
      driftAcknowledgements: [
        { install, statementDigest: `sha256:${'a'.repeat(64)}`, envelope: envelope('mine') },
        { install: '../other install', statementDigest: `sha256:${'b'.repeat(64)}`, envelope: envelope('other') },
      ],
    });
    const drift = files.filter((f) => f.path.startsWith('drift/'));
    assert.deepEqual(drift.map((f) => f.path), [`drift/${install}/drift-acknowledgement-aaaaaaaaaaaa.dsse.json`]);
    assert.match(Buffer.from(files.at(-1)!.bytes).toString('utf8'), /drift\/.*drift-acknowledgement-aaaaaaaaaaaa\.dsse\.json/);
    assert.throws(() => evidenceBundleFiles(fx.ws, report, { driftAcknowledgements: [{ install, statementDigest: '../x', envelope: envelope('bad') }] }), /not a drift acknowledgement statement digest/);
  });
});
