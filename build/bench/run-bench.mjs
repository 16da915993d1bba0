// `npm run bench`: generates inputs from real corpus shapes and prints figures.
//   1. engine phases in-process (load, normalize, evaluate; checks/s; YAML MB/s)
//   2. `countersign evaluate` end to end vs a bare read + JSON.parse of the same file,
//      both as fresh Node processes, measured in the same run
//   3. the other benchmark scripts in build/bench (store, desktop API, UI, impact replay) when
//      present: the desktop API and UI figures are ratios to a bare read + JSON.parse of the
//      same plan measured in the same run
//   4. `fleet`: one 2,000-resource release against 500 contracts (build/bench/bench-fleet.ts)
// Figures are printed, never asserted: targets are shown next to them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ensureBenchInputs } from './generate-inputs.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, '.bench-data');
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeProcess(args, runs = 3) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    last = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(times), status: last.status, stderr: last.stderr };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const line = (label, value, target = '') => console.log(`  ${label.padEnd(44)} ${String(value).padStart(14)}  ${target}`);

console.log('countersign benchmark');
console.log(`  node ${process.version}, ${process.platform}/${process.arch}`);
mkdirSync(dataDir, { recursive: true });
const t0 = Date.now();
const { planFile, k8sFile } = ensureBenchInputs(root, dataDir);
console.log(`  inputs in ${dataDir} (${((Date.now() - t0) / 1000).toFixed(1)} s to generate or reuse)`);

if (!existsSync(join(root, 'out/cli/countersign.mjs'))) {
  spawnSync(process.execPath, ['build/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
}

if (want('engine')) {
  await build({
    absWorkingDir: root, entryPoints: ['build/bench/bench-engine.ts'], outfile: 'out/bench/bench-engine.mjs',
    bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    external: ['better-sqlite3', 'electron'],
  });
  for (const [kind, file] of [['terraform', planFile], ['kubernetes', k8sFile]]) {
    const r = spawnSync(process.execPath, ['out/bench/bench-engine.mjs', kind, file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) { console.log(`  ${kind}: FAILED\n${r.stderr}`); continue; }
    const m = JSON.parse(r.stdout);
    console.log(`\n${kind}: ${(m.bytes / 1e6).toFixed(1)} MB, ${m.resources} resources, ${m.policies} policies`);
    line('read file', fmt(m.readMs));
    line('decode text', fmt(m.decodeMs));
    if (kind === 'terraform') line('JSON.parse', fmt(m.parseMs));
    line(kind === 'terraform' ? 'normalize' : 'YAML parse with positions + normalize', fmt(m.normalizeMs));
    if (m.yamlMBps !== undefined) line('Kubernetes YAML with positions', `${m.yamlMBps.toFixed(1)} MB/s`, 'target ≥ 8 MB/s');
    line('extract images', fmt(m.imagesMs));
    line('digest (sha256)', fmt(m.digestMs));
    line('compile contract', fmt(m.compileMs));
    line('evaluate (median of 3)', fmt(m.evaluateMs));
    line('policy×resource checks', m.checks);
    line('checks per second', `${(m.checksPerSecond / 1e6).toFixed(2)} M/s`, 'target ≥ 2 M/s');
    line('CEL evaluations per second', `${(m.celEvaluationsPerSecond / 1e6).toFixed(2)} M/s`, `(${m.evaluations} reached CEL)`);
    line('findings', m.findings);
  }
}

if (want('e2e')) {
  console.log(`\nend to end (fresh processes, median of 3): ${(statSync(planFile).size / 1e6).toFixed(1)} MB plan`);
  const bare = timeProcess(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(planFile)}, 'utf8'))`]);
  const out = join(dataDir, 'evaluate-output.json');
  const cli = timeProcess(['electron/cli/countersign.mjs', 'evaluate', '--format', 'json', '--output', out, planFile]);
  if (cli.status !== 0 && cli.status !== 1) console.log(`  evaluate FAILED (exit ${cli.status}): ${cli.stderr}`);
  line('node: read + JSON.parse', fmt(bare.ms));
  line('countersign evaluate --format json', fmt(cli.ms), `exit ${cli.status}`);
  line('ratio evaluate / (read + JSON.parse)', (cli.ms / bare.ms).toFixed(2), 'target ≤ 1.5');
}

for (const [name, script] of [['store', 'build/bench/bench-store.mjs'], ['api', 'build/bench/bench-desktop-api.ts'], ['ui', 'build/bench/bench-ui.mjs'], ['impact', 'build/bench/bench-impact.mjs'], ['inbox', 'build/bench/bench-inbox-state.mjs'], ['fleet', 'build/bench/bench-fleet.ts']]) {
  if (!want(name) || !existsSync(join(root, script))) continue;
  console.log('');
  const r = spawnSync(process.execPath, [...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`  ${name} benchmark FAILED (exit ${r.status})`);
}
