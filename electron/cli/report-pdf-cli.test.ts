// `countersign report --format pdf` and `--evidence DIR` with the BUILT CLI (one Chromium launch):
// the PDF a reader opens, exit 2 with how to point at a Chromium when there is none, and an
// evidence bundle that `countersign verify --evidence` accepts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { builtCli, ensureCliBuilt } from '../core/testing/built-cli';
import { repoRoot } from '../core/testing/corpus';
import { auditFixture, DEMO } from '../core/testing/audit-report-fixture';
import type { AuditFixture } from '../core/testing/audit-report-fixture';
import { pageInk, pdfText } from '../core/testing/pdf-checks';

let fx: AuditFixture;
let workspace: string;
/** A PATH with node but no browser. */
const NO_BROWSER_PATH = '/nonexistent-bin';

function cli(args: readonly string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [builtCli, ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: '', COUNTERSIGN_CHROMIUM: '', ...env },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  ensureCliBuilt();
  fx = await auditFixture();
  workspace = join(fx.dir, 'countersign.db');
});
after(() => fx.cleanup());

describe('countersign report: PDF and evidence bundle (built CLI)', () => {
  test('--format pdf: a PDF whose text layer has the headings and whose pages all have ink', () => {
    const out = join(fx.dir, 'report.pdf');
    const r = cli(['report', '--workspace', workspace, '--changeset', fx.digest, '--format', 'pdf', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const pdf = readFileSync(out);
    const text = pdfText(pdf);
    for (const heading of ['Verdict', 'Findings', 'Exceptions', 'Approvals', 'Audit chain', 'How to verify this report offline', 'countersign verify']) assert.ok(text.includes(heading), `${heading} in:\n${text.slice(0, 1500)}`);
    assert.match(text.replace(/\s+/g, ' '), /migration window agreed with the vendor/, 'the exception justification (a table cell may wrap)');
    pageInk(pdf).forEach((ink, i) => assert.ok(ink > 0.002, `page ${i + 1} is blank`));
  });

  test('no Chromium: exit 2 saying how to point at one, and no file written', () => {
    const out = join(fx.dir, 'none.pdf');
    for (const [env, extra] of [
      [{ PATH: NO_BROWSER_PATH }, []],
      [{ PATH: NO_BROWSER_PATH }, ['--chromium', join(fx.dir, 'no-such-chromium')]],
      [{ PATH: NO_BROWSER_PATH, COUNTERSIGN_CHROMIUM: join(fx.dir, 'no-such-chromium') }, []],
    ] as const) {
      const r = cli(['report', '--workspace', workspace, '--changeset', fx.digest, '--format', 'pdf', '--out', out, ...extra], env);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--chromium PATH or COUNTERSIGN_CHROMIUM=PATH/);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line on stderr');
      assert.equal(existsSync(out), false);
    }
  });

  test('--evidence DIR without a Chromium: the bundle without report.pdf (said on stderr), which verify --evidence accepts', () => {
    const dir = join(fx.dir, 'evidence');
    const r = cli(['report', '--workspace', workspace, '--changeset', fx.digest, '--evidence', dir], { PATH: NO_BROWSER_PATH });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /no report\.pdf/);
    assert.match(r.stderr, /countersign verify --evidence/);
    assert.ok(existsSync(join(dir, 'report.html')) && !existsSync(join(dir, 'report.pdf')));
    const key = join(dir, 'keys', readdirSync(join(dir, 'keys'))[0]!);
    const v = cli(['verify', '--evidence', dir, '--changeset', join(DEMO, 'bundles/acme-2.14.0-blocked'), '--trust', key]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const again = cli(['report', '--workspace', workspace, '--changeset', fx.digest, '--evidence', dir], { PATH: NO_BROWSER_PATH });
    assert.equal(again.code, 2, 'an existing bundle is never overwritten');
    assert.match(again.stderr, /is not empty/);
    rmSync(dir, { recursive: true, force: true });
  });
});
