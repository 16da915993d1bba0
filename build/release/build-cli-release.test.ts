// The CLI release a vendor's CI runs: reproducible byte for byte, self-contained (runs with no
// node_modules beside it), checksummed, with an SBOM and a container recipe bound to the tarball.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const tmp = mkdtempSync(join(tmpdir(), 'countersign-release-'));
const first = join(tmp, 'first');
const second = join(tmp, 'second');
const extracted = join(tmp, 'extracted');
const tarball = `countersign-cli-${version}.tgz`;

function release(out: string): void {
  const r = spawnSync(process.execPath, [join(root, 'build/release/build-cli-release.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function cli(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  // Run from the extracted package in a folder with no node_modules on its path: self-contained.
  const r = spawnSync(process.execPath, [join(extracted, 'package/bin/countersign.mjs'), ...args], {
    cwd: tmp, encoding: 'utf8', env: { ...process.env, NODE_PATH: '', COUNTERSIGN_POLICIES: '', COUNTERSIGN_WORKSPACE: '', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  release(first);
  release(second);
  const x = spawnSync('tar', ['xzf', join(first, tarball), '-C', tmp, '--one-top-level=extracted'], { encoding: 'utf8' });
  assert.equal(x.status, 0, x.stderr);
});

describe('CLI release', () => {
  test('two builds of the same commit are byte-identical, and SHA256SUMS covers every file', () => {
    const sums = readFileSync(join(first, 'SHA256SUMS'), 'utf8');
    assert.equal(readFileSync(join(second, 'SHA256SUMS'), 'utf8'), sums);
    const listed = sums.trim().split('\n').map((l) => l.split('  ') as [string, string]);
    assert.deepEqual(listed.map(([, f]) => f).sort(), readdirSync(first).filter((f) => f !== 'SHA256SUMS').sort());
    for (const [digest, file] of listed) assert.equal(createHash('sha256').update(readFileSync(join(first, file))).digest('hex'), digest, file);
  });

  test('the container recipe installs exactly that tarball, checked by digest, with no install scripts', () => {
    const digest = createHash('sha256').update(readFileSync(join(first, tarball))).digest('hex');
    const dockerfile = readFileSync(join(first, 'Dockerfile'), 'utf8');
    assert.ok(dockerfile.includes(`echo "${digest}  /tmp/${tarball}" | sha256sum -c -`));
    assert.match(dockerfile, /npm install --global --omit=optional --ignore-scripts/);
    assert.doesNotMatch(dockerfile, /@[A-Z_]+@/, 'no template placeholder left');
  });

  test('the SBOM is CycloneDX and lists the bundled production dependencies with their versions', () => {
    const sbom = JSON.parse(readFileSync(join(first, `countersign-cli-${version}.cdx.json`), 'utf8')) as {
      bomFormat: string; metadata: { component: { name: string }; timestamp?: string }; components: { name: string; version: string }[];
    };
    assert.equal(sbom.bomFormat, 'CycloneDX');
    assert.equal(sbom.metadata.component.name, 'countersign-cli');
    assert.equal(sbom.metadata.timestamp, undefined);
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    for (const dep of ['@marcbachmann/cel-js', 'js-yaml', 'zod', 're2js', '@sigstore/core']) {
      const c = sbom.components.find((x) => x.name === dep);
      assert.ok(c, `${dep} is listed`);
      assert.equal(c.version, lock.packages[`node_modules/${dep}`]!.version, dep);
    }
    assert.ok(!sbom.components.some((c) => c.name === 'typescript' || c.name === 'eslint'), 'no dev dependencies');
  });

  test('the package holds the bundle, the policy packs and the launcher, and no sources or test corpus', () => {
    const list = spawnSync('tar', ['tzf', join(first, tarball)], { encoding: 'utf8' }).stdout.trim().split('\n');
    assert.ok(list.includes('package/bin/countersign.mjs'));
    assert.ok(list.includes('package/out/cli/countersign.mjs'));
    assert.ok(list.includes('package/out/cli/packs.json'));
    assert.ok(list.some((f) => f.startsWith('package/policies/baseline/')));
    assert.deepEqual(list.filter((f) => /\.ts$|\.map$|electron\/|corpus|node_modules/.test(f)), []);
  });

  test('the extracted package evaluates and verifies with no node_modules, and says what the workspace commands need', () => {
    const bundle = join(root, 'electron/demo/bundles/acme-2.13.3-peering');
    const fixture = join(root, 'electron/testing/fixtures/workspace-0.1.0');
    const evaluated = cli(['evaluate', bundle]);
    assert.equal(evaluated.code, 1, evaluated.stderr);
    assert.match(evaluated.stdout, /NEEDS APPROVAL/);
    const verified = cli(['verify', '--changeset', bundle, '--contract', join(fixture, 'contract.yaml'),
      '--attestations', join(fixture, 'outbox-peering'), '--trust', join(fixture, 'alice.pem')]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /VERIFIED/);
    const ws = cli(['workspace', 'init', '--workspace', join(tmp, 'ws.db')]);
    assert.equal(ws.code, 2);
    assert.match(ws.stderr, /need the optional native module better-sqlite3.*npm install better-sqlite3@12/);
  });
});
