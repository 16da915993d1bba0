// Runs @doyensec/electronegativity over the Electron shell (main, preload, the host code they
// load, the renderer's index.html) and fails on any HIGH finding. Its check for Electron releases
// with security fixes (AvailableSecurityFixesGlobalCheck) is left out: it downloads the release list,
// so the lint would pass or fail with the network; Electron upgrades are tracked by the lockfile
// instead. Part of `npm run lint` / `npm test`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stage = mkdtempSync(join(tmpdir(), 'countersign-electronegativity-'));
const report = join(stage, 'report.csv');
try {
  for (const dir of ['electron/main', 'electron/preload', 'electron/host', 'electron/shared']) cpSync(join(root, dir), join(stage, dir), { recursive: true });
  cpSync(join(root, 'package.json'), join(stage, 'package.json'));
  if (existsSync(join(root, 'renderer', 'index.html'))) cpSync(join(root, 'renderer', 'index.html'), join(stage, 'renderer', 'index.html'));
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const cli = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const r = spawnSync(process.execPath, [cli, '-i', join(stage, 'electron'), '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-r', '-v', 'false', '-o', report], { cwd: stage, encoding: 'utf8', timeout: 300_000 });
  if (!existsSync(report)) {
    console.error(`electronegativity did not run (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
  // One record per finding: ID,"SEVERITY","CONFIDENCE","file","line:col",… (later cells may span lines).
  const findings = [...readFileSync(report, 'utf8').matchAll(/^([A-Z0-9_]+),"([A-Z]+)","([A-Z]+)","([^"]*)","([^"]*)"/gm)].map((m) => m.slice(1, 6));
  const high = findings.filter((f) => /^(HIGH|CRITICAL)$/.test(f[1]));
  for (const f of findings) console.log(`electronegativity: ${f.slice(0, 5).join(' | ')}`);
  if (high.length > 0) {
    console.error(`electronegativity: ${high.length} HIGH finding(s); fix them (see https://github.com/doyensec/electronegativity/wiki)`);
    process.exit(1);
  }
  console.log(`electronegativity: ${findings.length} finding(s), none HIGH`);
  writeFileSync(join(stage, 'done'), '');
} finally {
  rmSync(stage, { recursive: true, force: true });
}
