// `npm run bench`: generates inputs from real corpus shapes and prints figures.
//   1. engine phases in-process (load, normalize, evaluate; checks/s; YAML MB/s)
//   2. `countersign evaluate` end to end vs a bare read + JSON.parse of the same file,
//      both as fresh Node processes, measured in the same run: cold (the plan's and the CLI's
//      files dropped from the OS file cache before each run; the CLI keeps no other cache
//      between runs) and warm, with where the CLI's time goes (COUNTERSIGN_PHASE_TIMES) and a
//      check that its report is still the golden one (electron/testing/golden)
//   3. the other benchmark scripts in build/bench (store, desktop API, UI, impact replay) when
//      present: the desktop API and UI figures are ratios to a bare read + JSON.parse of the
//      same plan measured in the same run
//   4. `fleet`: one 2,000-resource release against 500 contracts (build/bench/bench-fleet.ts)
//   5. `dashboard`: the dashboard's queries at 10,000 change sets and 1M findings (build/bench/bench-dashboard.ts)
// Figures are printed, never asserted: targets are shown next to them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/**
 * Drops files from the OS file cache (GNU dd's nocache: posix_fadvise DONTNEED, no root
 * needed): a cold run reads them from disk, as a fresh CI runner does.
 */
function dropFromFileCache(files) {
  for (const f of files) spawnSync('dd', [`if=${f}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
}

/** Median wall time of `runs` fresh processes; `before` runs ahead of each (untimed). */
function timeProcess(args, { runs = 3, before = () => undefined, env = {} } = {}) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    before(i);
    const t0 = process.hrtime.bigint();
    last = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...(typeof env === 'function' ? env(i) : env) } });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const ms = median(times);
  return { ms, times, medianRun: times.indexOf(ms), status: last.status, stderr: last.stderr };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const line = (label, value, target = '') => console.log(`  ${label.padEnd(44)} ${String(value).padStart(14)}  ${target}`);

console.log('countersign benchmark');
console.log(`  node ${process.version}, ${process.platform}/${process.arch}`);
mkdirSync(dataDir, { recursive: true });
const t0 = Date.now();
const { planFile, k8sFile, k8sObjectsFile } = ensureBenchInputs(root, dataDir);
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
  for (const [kind, file] of [['terraform', planFile], ['kubernetes', k8sFile], ['kubernetes', k8sObjectsFile]]) {
    const r = spawnSync(process.execPath, ['out/bench/bench-engine.mjs', kind, file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) { console.log(`  ${kind}: FAILED\n${r.stderr}`); continue; }
    const m = JSON.parse(r.stdout);
    console.log(`\n${kind}: ${(m.bytes / 1e6).toFixed(1)} MB, ${m.resources} resources, ${m.policies} policies (${file.split('/').pop()})`);
    line('read file', fmt(m.readMs));
    line('decode text', fmt(m.decodeMs));
    if (kind === 'terraform') line('JSON.parse', fmt(m.parseMs));
    line(kind === 'terraform' ? 'normalize' : 'YAML parse with positions + normalize', fmt(m.normalizeMs));
    if (m.yamlMBps !== undefined) line('Kubernetes YAML with positions', `${m.yamlMBps.toFixed(1)} MB/s`, 'target ≥ 8 MB/s');
    line('extract images', fmt(m.imagesMs));
    line('digest (sha256)', fmt(m.digestMs));
    line('compile contract', fmt(m.compileMs));
    line('evaluate, first run (cold JIT, as in the CLI)', fmt(m.evaluateFirstMs));
    line('evaluate (median of 3 later runs)', fmt(m.evaluateMs));
    line('explain every finding, first run', fmt(m.explainFirstMs));
    line('policy×resource checks', m.checks);
    line('checks per second', `${(m.checksPerSecond / 1e6).toFixed(2)} M/s`, 'target ≥ 2 M/s');
    line('CEL evaluations per second', `${(m.celEvaluationsPerSecond / 1e6).toFixed(2)} M/s`, `(${m.evaluations} reached CEL)`);
    line('findings', m.findings);
  }
}

if (want('e2e')) {
  console.log(`\nend to end (fresh processes, median of 3): ${(statSync(planFile).size / 1e6).toFixed(1)} MB plan`);
  const cliFiles = [join(root, 'out/cli/countersign.mjs'), join(root, 'out/cli/packs.json'), ...readdirSync(join(root, 'out/cli/chunks')).filter((f) => f.endsWith('.mjs')).map((f) => join(root, 'out/cli/chunks', f))];
  const cold = { before: () => dropFromFileCache([planFile, ...cliFiles]) };
  const bareArgs = ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(planFile)}, 'utf8'))`];
  const out = join(dataDir, 'evaluate-output.json');
  const phaseFiles = [0, 1, 2].map((i) => join(dataDir, `evaluate-phases-${i}.json`));
  const cliArgs = ['electron/cli/countersign.mjs', 'evaluate', '--format', 'json', '--at', '2026-01-05T03:00:00Z', '--output', out, planFile];
  const phasesEnv = (i) => ({ COUNTERSIGN_PHASE_TIMES: phaseFiles[i] });
  // Back to back, alternating, so that load from other processes hits both alike.
  const bareCold = timeProcess(bareArgs, cold);
  const cliCold = timeProcess(cliArgs, { ...cold, env: phasesEnv });
  // A CLI older than COUNTERSIGN_PHASE_TIMES writes none: no breakdown then.
  const readPhases = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { marks: [], gcMs: 0, gcCount: 0 });
  const coldPhases = readPhases(phaseFiles[cliCold.medianRun]);
  timeProcess(bareArgs, { runs: 1 });
  const bareWarm = timeProcess(bareArgs);
  const cliWarm = timeProcess(cliArgs, { env: phasesEnv });
  const warmPhases = readPhases(phaseFiles[cliWarm.medianRun]);
  for (const f of phaseFiles) rmSync(f, { force: true });
  if (cliWarm.status !== 0 && cliWarm.status !== 1) console.log(`  evaluate FAILED (exit ${cliWarm.status}): ${cliWarm.stderr}`);
  line('', 'cold', '          warm');
  const both = (label, c, w, target = '') => console.log(`  ${label.padEnd(44)} ${String(c).padStart(14)}  ${String(w).padStart(14)}  ${target}`);
  both('node: read + JSON.parse', fmt(bareCold.ms), fmt(bareWarm.ms));
  both('countersign evaluate --format json', fmt(cliCold.ms), fmt(cliWarm.ms), `exit ${cliWarm.status}`);
  both('ratio evaluate / (read + JSON.parse)', (cliCold.ms / bareCold.ms).toFixed(2), (cliWarm.ms / bareWarm.ms).toFixed(2), 'target ≤ 1.5 (cold)');
  console.log('  evaluate phases (median run; ms of wall time, and of CPU on all threads):');
  let [pc, pcc, pw, pwc] = [0, 0, 0, 0];
  for (let i = 0; i < coldPhases.marks.length; i++) {
    const [name, c, ccpu] = coldPhases.marks[i];
    const [, w, wcpu] = warmPhases.marks[i] ?? [name, pw, pwc];
    both(`  ${i === 0 ? 'process start → ' : '→ '}${name}`, `${(c - pc).toFixed(0)} (${(ccpu - pcc).toFixed(0)} cpu)`, `${(w - pw).toFixed(0)} (${(wcpu - pwc).toFixed(0)} cpu)`);
    [pc, pcc, pw, pwc] = [c, ccpu, w, wcpu];
  }
  both('  garbage collection (main thread, in the above)', `${coldPhases.gcMs.toFixed(0)} (${coldPhases.gcCount}×)`, `${warmPhases.gcMs.toFixed(0)} (${warmPhases.gcCount}×)`);
  // The report must still be the golden one (same verdict, findings, explanations, bytes).
  const golden = JSON.parse(readFileSync(join(root, 'electron/testing/golden/golden.json'), 'utf8')).bench['large-plan.json'];
  const report = readFileSync(out, 'utf8').split(`${dataDir}/`).join('<root>/');
  const same = createHash('sha256').update(report).digest('hex') === golden.reportSha256;
  line('report identical to the golden report', same ? 'yes' : 'NO', same ? '' : 'the engine output changed (electron/testing/golden)');
}

for (const [name, script] of [['store', 'build/bench/bench-store.mjs'], ['api', 'build/bench/bench-desktop-api.ts'], ['ui', 'build/bench/bench-ui.mjs'], ['impact', 'build/bench/bench-impact.mjs'], ['inbox', 'build/bench/bench-inbox-state.mjs'], ['fleet', 'build/bench/bench-fleet.ts'], ['dashboard', 'build/bench/bench-dashboard.ts']]) {
  if (!want(name) || !existsSync(join(root, script))) continue;
  console.log('');
  const r = spawnSync(process.execPath, [...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`  ${name} benchmark FAILED (exit ${r.status})`);
}
