// Issue 12: `countersign report` over the BUILT CLI: every text format of a change set and of a
// period, to stdout and to a file, and bad usage as exit 2 with a clear message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditFixture } from '../core/testing/audit-report-fixture';
import type { AuditFixture } from '../core/testing/audit-report-fixture';
import { builtCli, ensureCliBuilt } from '../core/testing/built-cli';
import { assertValidSarif } from '../core/testing/sarif-schema';

let f: AuditFixture;
before(async () => {
  ensureCliBuilt();
  f = await auditFixture();
});
after(() => f.cleanup());

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [builtCli, 'report', '--workspace', f.dir, ...args], { encoding: 'utf8', env: { ...process.env, COUNTERSIGN_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('countersign report', () => {
  test('writes a change set\'s report in every text format', () => {
    const html = cli('--changeset', f.digest.slice(0, 19), '--format', 'html');
    assert.equal(html.code, 0, html.stderr);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    assert.ok(html.stdout.includes('How to verify this report offline'));
    const json = cli('--changeset', f.digest, '--format', 'json');
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { auditReportVersion: number; changeSets: { digest: string; approvals: { counted: number } }[] };
    assert.equal(report.auditReportVersion, 1);
    assert.equal(report.changeSets[0]!.digest, f.digest);
    assert.equal(report.changeSets[0]!.approvals.counted, 1);
    const sarif = cli('--changeset', f.digest, '--format', 'sarif');
    assert.equal(sarif.code, 0, sarif.stderr);
    assertValidSarif(JSON.parse(sarif.stdout));
    const junit = cli('--changeset', f.digest, '--format', 'junit');
    assert.equal(junit.code, 0, junit.stderr);
    assert.match(junit.stdout, /<testsuites name="countersign audit"/);
  });

  test('writes a period report to --out', () => {
    const out = join(f.dir, 'period.html');
    const r = cli('--install', 'prod-eu', '--since', '2000-01-01', '--format', 'html', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /wrote the html audit report to/);
    assert.ok(readFileSync(out, 'utf8').includes(f.digest));
  });

  test('bad usage exits 2 and says what is missing, writing nothing', () => {
    const out = join(f.dir, 'never.html');
    const cases: [string[], RegExp][] = [
      [['--changeset', f.digest], /needs --format/],
      [['--changeset', f.digest, '--format', 'docx'], /unknown format 'docx' \(expected html, pdf, json, sarif, junit\)/],
      [['--format', 'html'], /needs --changeset DIGEST, or --install NAME/],
      [['--changeset', f.digest, '--install', 'prod-eu', '--since', '2000-01-01', '--format', 'html'], /not both/],
      [['--install', 'prod-eu', '--format', 'html', '--out', out], /needs --since DATE/],
      [['--since', '2000-01-01', '--format', 'html'], /needs --install NAME or --vendor NAME/],
      [['--install', 'prod-eu', '--since', 'last week', '--format', 'html', '--out', out], /since: 'last week' is not a date/],
      [['--changeset', 'sha256:0000', '--format', 'html', '--out', out], /sha256:0000/],
      [['--changeset', f.digest, '--format', 'pdf'], /--format pdf needs --out FILE/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
    assert.equal(existsSync(out), false);
  });
});
