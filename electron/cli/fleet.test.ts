// `countersign fleet` and `fleet merge` with the BUILT CLI: exit codes, nothing half-printed on
// bad input, shards merged by the CLI equal the unsharded run.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { configurationSpec, fleetContractYaml } from '../core/testing/fleet-fixtures';

const BLOCKED = join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked');
const PASSING = join(repoRoot, 'electron/demo/bundles/acme-2.13.2-chart-bump');
const AT = '2026-11-28T03:00:00Z';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-fleet-cli-'));
const FLEET = join(tmp, 'fleet');

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '' },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function withoutRunFields(json: string): unknown {
  const { work: _w, timings: _t, shard: _s, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
}

before(() => {
  ensureCliBuilt();
  mkdirSync(FLEET);
  for (let i = 0; i < 7; i++) writeFileSync(join(FLEET, `customer-${i}.yaml`), fleetContractYaml({ name: `customer-${i}`, ...configurationSpec(i % 3) }));
  writeFileSync(join(FLEET, 'hostile.yaml'), fleetContractYaml({ name: 'h', install: 'evil\u001b]8;;http://x\u0007\u202e<img src=x>' }));
});

describe('countersign fleet (built CLI)', () => {
  test('exit 1 when an install blocks, 0 when none does; the matrix names every install', () => {
    const blocked = cli(['fleet', '--contracts', FLEET, '--at', AT, BLOCKED]);
    assert.equal(blocked.code, 1, blocked.stderr);
    for (let i = 0; i < 7; i++) assert.match(blocked.stdout, new RegExp(`^customer-${i} +blocked `, 'm'));
    assert.match(blocked.stdout, /4 distinct configurations/);
    assert.match(blocked.stdout, /Exceptions and approvals are not applied/);
    assert.ok(!blocked.stdout.includes('\u001b') && !blocked.stdout.includes('\u202e'), 'the hostile install name is escaped');
    assert.match(blocked.stdout, /evil\\x1b\]8;;http:\/\/x\\x07\\u\{202E\}<img src=x>/);
    const passing = cli(['fleet', '--contracts', FLEET, '--at', AT, PASSING]);
    assert.equal(passing.code, 0, passing.stderr);
    assert.equal(cli(['fleet', '--contracts', FLEET, '--at', AT, '--require-signed', PASSING]).code, 1, 'unsigned contracts fail --require-signed');
  });

  test('HTML: one self-contained page, the hostile name escaped', () => {
    const out = join(tmp, 'fleet.html');
    const r = cli(['fleet', '--contracts', FLEET, '--at', AT, '--format', 'html', '--out', out, BLOCKED]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    const page = readFileSync(out, 'utf8');
    assert.match(page, /^<!doctype html>/);
    assert.equal(page.match(/<tr>/g)!.length, 9);
    assert.ok(!page.includes('<img'));
    assert.match(page, /evil\\x1b\]8;;http:\/\/x\\x07\\u\{202E\}&#60;img src=x&#62;/);
  });

  test('shards run by the CLI and merged by `fleet merge` give the unsharded JSON', () => {
    const whole = cli(['fleet', '--contracts', FLEET, '--at', AT, '--format', 'json', BLOCKED]);
    assert.equal(whole.code, 1, whole.stderr);
    const parts = [1, 2, 3].map((i) => {
      const file = join(tmp, `shard-${i}.json`);
      const r = cli(['fleet', '--contracts', FLEET, '--at', AT, '--format', 'json', '--shard', `${i}/3`, '--output', file, BLOCKED]);
      assert.equal(r.code, 1, r.stderr);
      return file;
    });
    const merged = cli(['fleet', 'merge', '--format', 'json', ...[...parts].reverse()]);
    assert.equal(merged.code, 1, merged.stderr);
    assert.deepEqual(withoutRunFields(merged.stdout), withoutRunFields(whole.stdout));
    const missing = cli(['fleet', 'merge', parts[0]!, parts[1]!]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /shard 3 of 3 missing/);
  });

  test('bad input is exit 2 with the file and line, and nothing is printed or written', () => {
    const bad = join(tmp, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'a-good.yaml'), fleetContractYaml({ name: 'good' }));
    writeFileSync(join(bad, 'b-broken.yaml'), 'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata:\n  name: broken\nspec:\n  extends: [{pack: baseline, version: 99}]\n');
    const out = join(tmp, 'never.json');
    for (const format of ['text', 'json', 'html']) {
      const r = cli(['fleet', '--contracts', bad, '--at', AT, '--format', format, BLOCKED]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '', 'nothing half-printed');
      assert.match(r.stderr, /^countersign: .*b-broken\.yaml:6(:\d+)?: /);
    }
    const written = cli(['fleet', '--contracts', bad, '--at', AT, '--output', out, BLOCKED]);
    assert.equal(written.code, 2);
    assert.ok(!existsSync(out), 'no report file is written');
    const usage: readonly (readonly string[])[] = [
      ['fleet', BLOCKED],
      ['fleet', '--contracts', FLEET],
      ['fleet', '--contracts', FLEET, '--shard', '4/3', BLOCKED],
      ['fleet', '--contracts', FLEET, '--format', 'sarif', BLOCKED],
      ['fleet', '--contracts', join(tmp, 'nowhere'), BLOCKED],
      ['fleet', '--contracts', FLEET, join(tmp, 'no-release')],
      ['fleet', 'merge'],
      ['fleet', 'merge', join(FLEET, 'customer-0.yaml')],
    ];
    for (const args of usage) {
      const r = cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^countersign: /);
    }
  });
});
