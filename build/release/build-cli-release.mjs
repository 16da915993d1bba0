// Builds the release a vendor's CI runs: the countersign CLI as an npm package tarball, its
// CycloneDX SBOM, a container recipe that installs exactly that tarball, and SHA256SUMS over
// all three. Reproducible: the same commit gives byte-identical files (npm pack fixes file
// times and modes; the bundle and the SBOM carry no time, path or random id), so a vendor can
// rebuild from the tag and compare digests instead of trusting ours (docs/release.md).
// Usage: node build/release/build-cli-release.mjs [--out DIR]   (default dist/release)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outArg = process.argv.indexOf('--out');
const outDir = resolve(outArg > 0 ? process.argv[outArg + 1] : join(root, 'dist/release'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (r.status !== 0) {
    process.stderr.write(`release: ${cmd} ${args.join(' ')} failed\n${r.stderr}`);
    process.exit(1);
  }
  return r.stdout;
}
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The chunks this build's entry reaches (older builds' chunks may still sit in out/cli/chunks). */
function referencedChunks() {
  const dir = join(root, 'out/cli/chunks');
  const seen = new Set();
  const queue = [readFileSync(join(root, 'out/cli/countersign.mjs'), 'utf8')];
  while (queue.length > 0) {
    for (const m of queue.pop().matchAll(/chunks\/([A-Za-z0-9_-]+\.mjs)|"\.\/([A-Za-z0-9_-]+\.mjs)"/g)) {
      const chunk = m[1] ?? m[2];
      if (seen.has(chunk) || !existsSync(join(dir, chunk))) continue;
      seen.add(chunk);
      queue.push(readFileSync(join(dir, chunk), 'utf8'));
    }
  }
  return [...seen].sort();
}

// 1. The bundle (everything but better-sqlite3 is inside it) and the pack cache.
run(process.execPath, [join(root, 'build/build-cli.mjs')], root);

// 2. The package: bundle, built-in policy packs, launcher. better-sqlite3 is optional: only the
//    workspace commands need it; `evaluate`, `test` and `verify` run without any native code.
const stage = join(outDir, '.stage');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'bin'), { recursive: true });
const chunks = referencedChunks();
mkdirSync(join(stage, 'out/cli/chunks'), { recursive: true });
for (const f of ['countersign.mjs', 'packs.json']) cpSync(join(root, 'out/cli', f), join(stage, 'out/cli', f));
for (const c of chunks) cpSync(join(root, 'out/cli/chunks', c), join(stage, 'out/cli/chunks', c));
cpSync(join(root, 'policies'), join(stage, 'policies'), { recursive: true });
writeFileSync(join(stage, 'bin/countersign.mjs'), "#!/usr/bin/env node\nawait import('../out/cli/countersign.mjs');\n", { mode: 0o755 });
writeFileSync(join(stage, 'README.md'), readFileSync(join(root, 'build/release/CLI-README.md'), 'utf8'));
const sqliteVersion = lock.packages['node_modules/better-sqlite3'].version;
writeFileSync(join(stage, 'package.json'), `${JSON.stringify({
  name: 'countersign-cli',
  version: pkg.version,
  description: 'The countersign CLI for vendor CI: evaluate a change set against a customer contract, verify signed approvals.',
  license: pkg.license,
  type: 'module',
  bin: { countersign: 'bin/countersign.mjs' },
  engines: pkg.engines,
  files: ['bin/', 'out/', 'policies/', 'README.md'],
  optionalDependencies: { 'better-sqlite3': sqliteVersion },
}, null, 2)}\n`);

// 3. The tarball (npm pack: fixed mtimes and modes, sorted entries).
const tarName = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', outDir], stage))[0].filename;

// 4. The SBOM of what the bundle contains: the production dependency tree of the lockfile.
//    npm writes a time and a random serial number; both go, the serial becomes a digest-derived
//    UUID so the file is reproducible and still unique per release content.
const sbom = JSON.parse(run('npm', ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev', '--package-lock-only'], root));
delete sbom.metadata.timestamp;
const tarDigest = sha256(readFileSync(join(outDir, tarName)));
sbom.serialNumber = `urn:uuid:${tarDigest.slice(0, 8)}-${tarDigest.slice(8, 12)}-5${tarDigest.slice(13, 16)}-8${tarDigest.slice(17, 20)}-${tarDigest.slice(20, 32)}`;
sbom.metadata.component = { ...sbom.metadata.component, name: 'countersign-cli', 'bom-ref': `countersign-cli@${pkg.version}`, purl: `pkg:npm/countersign-cli@${pkg.version}` };
const sbomName = `countersign-cli-${pkg.version}.cdx.json`;
writeFileSync(join(outDir, sbomName), `${JSON.stringify(sbom, null, 2)}\n`);

// 5. The container recipe, bound to this tarball by its digest.
const dockerfile = readFileSync(join(root, 'build/release/Dockerfile.template'), 'utf8')
  .replaceAll('@TARBALL@', tarName).replaceAll('@TARBALL_SHA256@', tarDigest).replaceAll('@VERSION@', pkg.version);
writeFileSync(join(outDir, 'Dockerfile'), dockerfile);

// 6. Checksums over everything a vendor downloads.
rmSync(stage, { recursive: true, force: true });
const files = readdirSync(outDir).filter((f) => f !== 'SHA256SUMS' && !f.startsWith('.')).sort();
writeFileSync(join(outDir, 'SHA256SUMS'), files.map((f) => `${sha256(readFileSync(join(outDir, f)))}  ${f}\n`).join(''));
process.stdout.write(readFileSync(join(outDir, 'SHA256SUMS'), 'utf8'));
