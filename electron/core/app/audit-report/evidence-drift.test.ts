// Issue 12 (day-2 gaps), the BUILT CLI: `countersign verify --evidence` verifies the signature of
// every drift acknowledgement in the bundle (drift-acknowledgement/v1, as `verify --drift` does),
// not only its checksum: a forged or re-signed acknowledgement under recomputed SHA256SUMS fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { builtCli, ensureCliBuilt } from '../../testing/built-cli';
import { repoRoot } from '../../testing/corpus';
import { auditFixture, DEMO, PASS } from '../../testing/audit-report-fixture';
import type { AuditFixture } from '../../testing/audit-report-fixture';
import { createEnvelope } from '../../signing/dsse';
import { generateReviewerKey, keyIdOf } from '../../signing/keys';
import { acknowledgeDrift, importDriftSnapshot } from '../drift';
import { buildChangeSetAuditReport } from '.';
import { sumsText, writeEvidenceBundle } from './evidence-bundle';

const CHANGE_SET = join(DEMO, 'bundles/acme-2.14.0-blocked');
let fx: AuditFixture;
let bundle: string;
let tmp: string;

function verify(args: readonly string[]) {
  const r = spawnSync(process.execPath, [builtCli, 'verify', '--changeset', CHANGE_SET, ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: '' },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/')).sort();
}

/** A copy of the bundle, spoiled by `spoil`, with SHA256SUMS recomputed: only the signatures can tell. */
function spoiled(name: string, spoil: (dir: string) => void): string {
  const dir = join(tmp, name);
  for (const f of allFiles(bundle)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), readFileSync(join(bundle, f)));
  }
  spoil(dir);
  const listed = allFiles(dir).filter((f) => f !== 'SHA256SUMS').map((f) => ({ path: f, bytes: readFileSync(join(dir, f)) }));
  writeFileSync(join(dir, 'SHA256SUMS'), sumsText(listed));
  return dir;
}

const ownerKey = (dir: string) => join(dir, 'keys', readdirSync(join(dir, 'keys'))[0]!);
const evidenceArgs = (dir: string) => ['--evidence', dir, '--trust', ownerKey(dir)];
const ackFiles = (dir: string) => allFiles(dir).filter((f) => f.startsWith('drift/'));

type Statement = { predicate: { note: string; mode: string; reviewer: { keyId: string; name: string } } };
function readAck(file: string): { envelope: { payloadType: string; payload: string; signatures: unknown[] }; statement: Statement } {
  const envelope = JSON.parse(readFileSync(file, 'utf8')) as { payloadType: string; payload: string; signatures: unknown[] };
  return { envelope, statement: JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Statement };
}

before(async () => {
  ensureCliBuilt();
  fx = await auditFixture();
  tmp = mkdtempSync(join(tmpdir(), 'countersign-evidence-drift-'));
  // The demo's refresh-only plan of prod-eu (the fixture's install): two items, signed by Alice, an approver of the published roster.
  const [r] = importDriftSnapshot(fx.ws, { install: 'prod-eu', files: [{ name: 'refresh-plan.json', bytes: readFileSync(join(DEMO, 'drift/prod-eu/refresh-plan.json')) }] });
  const items = r!.report.items;
  assert.ok(items.length >= 1, 'the demo snapshot drifts');
  for (const [i, item] of items.slice(0, 2).entries()) {
    await acknowledgeDrift(fx.ws, { key: item.key, note: `console change ${i} agreed with the vendor`, mode: i === 0 ? 'acknowledged' : 'revert-by-vendor', outboxDir: fx.outboxDir }, { keyId: fx.aliceId, passphrase: PASS });
  }
  bundle = join(tmp, 'evidence');
  writeEvidenceBundle(fx.ws, buildChangeSetAuditReport(fx.ws, fx.digest), bundle);
});
after(() => {
  fx?.cleanup();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('verify --evidence: drift acknowledgements', () => {
  test('the bundle holds the workspace\'s signed acknowledgements; verify --evidence checks and lists them (exit 0)', () => {
    const files = ackFiles(bundle);
    assert.ok(files.length >= 1, allFiles(bundle).join(', '));
    for (const f of files) assert.match(f, /^drift\/prod-eu\/drift-acknowledgement-[0-9a-f]{12}\.dsse\.json$/);
    const r = verify(evidenceArgs(bundle));
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`drift acks  ${files.length} of ${files.length} file\\(s\\) under drift/ verified\\n`));
    assert.match(r.out, /acknowledged: .* \(install prod-eu\) by Alice/);
    const json = JSON.parse(verify([...evidenceArgs(bundle), '--format', 'json']).stdout) as { ok: boolean; driftAcknowledgements: { ok: boolean; verified: unknown[] } };
    assert.equal(json.ok, true);
    assert.equal(json.driftAcknowledgements.ok, true);
    assert.equal(json.driftAcknowledgements.verified.length, files.length);
    // The report in the bundle says that verify checks them.
    assert.match(readFileSync(join(bundle, 'report.html'), 'utf8'), /every drift acknowledgement under <code>drift\/<\/code>/);
  });

  const first = (dir: string) => join(dir, ackFiles(dir)[0]!);
  const spoils: readonly (readonly [string, (dir: string) => void, RegExp?])[] = [
    ['a forged note (payload edited, signature kept)', (d) => {
      const { envelope, statement } = readAck(first(d));
      statement.predicate.note = 'all fine, nothing to revert';
      envelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
      writeFileSync(first(d), JSON.stringify(envelope));
    }, /bad-signature: .*drift-acknowledgement-[0-9a-f]{12}\.dsse\.json/],
    ['re-signed by an unknown key, naming it as the reviewer', (d) => {
      const { envelope, statement } = readAck(first(d));
      const thief = generateReviewerKey();
      statement.predicate.mode = 'acknowledged';
      statement.predicate.reviewer = { keyId: keyIdOf(thief.privateKey), name: 'Alice' };
      writeFileSync(first(d), JSON.stringify(createEnvelope(envelope.payloadType, Buffer.from(JSON.stringify(statement)), thief.privateKey)));
    }, /untrusted-key: .*drift-acknowledgement-[0-9a-f]{12}\.dsse\.json/],
    ['re-signed by an unknown key, still naming Alice', (d) => {
      const { envelope, statement } = readAck(first(d));
      statement.predicate.note = 'accepted';
      writeFileSync(first(d), JSON.stringify(createEnvelope(envelope.payloadType, Buffer.from(JSON.stringify(statement)), generateReviewerKey().privateKey)));
    }, /untrusted-key: .*drift-acknowledgement/],
    ['an acknowledgement filed under another install', (d) => {
      mkdirSync(join(d, 'drift', 'prod-us'));
      const f = first(d);
      renameSync(f, join(d, 'drift', 'prod-us', f.split('/').at(-1)!));
    }, /evidence-misfiled: .*prod-us.*filed under another install's folder/],
    ['another file under drift/', (d) => writeFileSync(join(d, 'drift', 'prod-eu', 'notes.txt'), 'fine'), /evidence-misfiled: drift\/prod-eu\/notes\.txt: is not a drift acknowledgement file/],
  ];
  const cases = spoils.map(([n, spoil, re]) => [n, spoil, re!] as const);

  cases.forEach(([name, spoil, why], i) => {
    test(`${name}, SHA256SUMS recomputed: exit 1, naming the file and why`, () => {
      const dir = spoiled(`spoiled-${i}`, spoil);
      const r = verify(evidenceArgs(dir));
      assert.equal(r.code, 1, `${name}: ${r.out}`);
      assert.match(r.out, /^Countersign verify: NOT VERIFIED/);
      assert.match(r.out, why);
      assert.doesNotMatch(r.out, /SHA256SUMS|not as it was written/);
      // The change set's own signatures still verify: the approval counts, only the drift file fails.
      assert.match(r.out, /approvals {3}1 of 1/);
    });
  });

  test('without a valid publication the roster vouches for no one: Alice\'s acknowledgements do not verify either', () => {
    const dir = spoiled('unpublished', (d) => unlinkSync(join(d, allFiles(d).find((f) => f.endsWith('contract.publication.json'))!)));
    const r = verify(evidenceArgs(dir));
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /no-valid-publication/);
    assert.match(r.out, /untrusted-key: .*drift\/prod-eu\/drift-acknowledgement/);
  });
});
