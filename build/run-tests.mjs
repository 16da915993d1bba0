// Runs every *.test.ts (core, CLI, policies, UI) with Node's own test runner through tsx.
// Usage: node build/run-tests.mjs [--fast] [substring-filter...]
//   --fast: unit and property tests only (no UI, no spawned CLI, no SIGKILL crash runs),
//           property tests at a fifth of their runs: the quick loop while editing. `npm test`
//           runs everything, as CI does. Both run the unit files grouped into one process per
//           core; the others (UI, CLI, crash runs, fuzz, a file that sets the environment) get a
//           process each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findChromium, missingChromiumMessage } from './chromium-path.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = ['electron', 'build', 'e2e'];
const args = process.argv.slice(2);
const fast = args.includes('--fast');
const filters = args.filter((a) => a !== '--fast');
/**
 * `npm test` only: tests that spawn the built CLI, a browser, SIGKILL loops or child-process
 * pools (the seeded fuzz pass), lint the repository's configuration, or build release artifacts.
 */
const SLOW = [
  /^e2e\/(?!unit\/)/, /^electron\/cli\//, /crash-safety\.test\.ts$/, /^electron\/testing\/fuzz\//,
  /^build\/chromium-path\.test\.ts$/, /^build\/lint-layering\.test\.ts$/, /^build\/release\//,
];
// e2e/unit: the renderer's logic under Node (no browser); the rest of e2e/ drives Chromium.
const isUiTest = (f) => f.startsWith('e2e/') && !f.startsWith('e2e/unit/');
const needsCli = (f) => f.startsWith('electron/cli/') || isUiTest(f);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const selected = roots.flatMap((r) => walk(join(root, r), []))
  .map((f) => f.split('\\').join('/'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .filter((f) => !fast || !SLOW.some((re) => re.test(f)))
  .sort();
// Without Chromium the UI tests cannot run: say so once, run the rest, and still fail the run
// (unless the UI tests are skipped on purpose), instead of a wall of launch failures.
const skipRequested = process.env.COUNTERSIGN_SKIP_UI_TESTS === '1';
const uiSelected = selected.some(isUiTest);
const chromiumMissing = uiSelected && !skipRequested && findChromium() === null;
const files = skipRequested || chromiumMissing ? selected.filter((f) => !isUiTest(f)) : selected;
if (chromiumMissing) console.error(`countersign tests: ${missingChromiumMessage()}`);
else if (skipRequested && uiSelected) console.error('countersign tests: UI tests (e2e/) skipped: COUNTERSIGN_SKIP_UI_TESTS=1');
if (files.length === 0 && uiSelected) process.exit(chromiumMissing ? 1 : 0);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const env = { ...process.env, NODE_ENV: 'test', ...(fast ? { COUNTERSIGN_FAST_TESTS: '1' } : {}) };
// One CLI build per run (the CLI tests spawn out/cli as a user runs it), not one per test file.
if (files.some(needsCli)) {
  const build = spawnSync(process.execPath, [join(root, 'build/build-cli.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  env.COUNTERSIGN_CLI_BUILT = '1';
}
/**
 * The unit files run in one process per core (each group file imports its share), not one
 * process each: starting Node + tsx and loading the core costs ~0.6 s per file, more than most
 * files' tests (~330 files: grouping took CI's headless phase from ~12 to ~8 minutes on a slow
 * 2-core machine). The quick loop has always run them so; the slow files keep a process each.
 */
function groupFiles(list, groups) {
  const dir = join(root, 'out', 'test-groups');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Largest first onto the lightest group: the groups end at about the same time.
  const load = Array.from({ length: groups }, () => ({ bytes: 0, files: [] }));
  for (const f of [...list].sort((a, b) => statSync(join(root, b)).size - statSync(join(root, a)).size)) {
    const lightest = load.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.bytes += statSync(join(root, f)).size;
    lightest.files.push(f);
  }
  return load.filter((g) => g.files.length > 0).map((g, i) => {
    const file = join(dir, `group-${i + 1}.test.mjs`);
    writeFileSync(file, `${g.files.sort().map((f) => `await import(${JSON.stringify(pathToFileURL(join(root, f)).href)});`).join('\n')}\n`);
    return file;
  });
}
const cores = Math.max(2, availableParallelism());
const concurrency = fast ? [`--test-concurrency=${cores}`] : [];
// A file that sets a process-wide environment variable (a packs folder, say) would change the
// other files of its group while they run: it keeps a process of its own.
const setsEnv = (f) => /process\.env\.[A-Z_]+\s*=[^=]/.test(readFileSync(join(root, f), 'utf8'));
// The slow files (UI, CLI, crash runs, fuzz, release builds) keep a process each: they spawn
// processes, kill them, or drive a browser, and are what a process of their own isolates.
const alone = (f) => setsEnv(f) || SLOW.some((re) => re.test(f));
const runFiles = [...groupFiles(files.filter((f) => !alone(f)), cores), ...files.filter(alone)];
/**
 * Property tests run on one fixed seed by default: CI gives the same verdict for the same
 * commit, never a red run from a rare draw. `FC_SEED=random` explores new draws (print the
 * seed, replay with FC_SEED=<seed>); `FC_SEED=<integer>` replays one.
 */
const FIXED_PROPERTY_SEED = 20261202;
const seedText = process.env.FC_SEED ?? '';
if (seedText !== '' && seedText !== 'random' && !(/^-?\d+$/.test(seedText) && Number.isSafeInteger(Number(seedText)))) {
  console.error(`countersign tests: FC_SEED must be an integer or "random", got ${JSON.stringify(seedText)}`);
  process.exit(2);
}
const propertySeed = seedText === 'random' ? Math.floor(Math.random() * 2 ** 31) : seedText !== '' ? Number(seedText) : FIXED_PROPERTY_SEED;
env.FC_SEED = String(propertySeed);
console.log(`countersign tests: property tests use seed ${propertySeed}${seedText === '' ? ' (fixed; FC_SEED=random explores)' : ''}`);
const runTests = (list, extra) => spawnSync(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(join(root, 'build/property-seed.mjs')).href, '--test', '--test-reporter=spec', ...extra, ...list], {
  cwd: root,
  stdio: 'inherit',
  env,
});
/**
 * `npm test`: Node's runner defaults to one file at a time on 2 cores (parallelism − 1). The
 * files that do not drive a browser (the unit groups, then the slow files) run one per core (at
 * least two at a time); the UI files then run one at a time, so a browser test never waits on a
 * CPU-bound neighbour.
 */
function runFull() {
  const headless = runFiles.filter((f) => !isUiTest(f));
  const ui = runFiles.filter(isUiTest);
  const first = headless.length > 0 ? runTests(headless, [`--test-concurrency=${cores}`]) : { status: 0 };
  const second = ui.length > 0 ? runTests(ui, ['--test-concurrency=1']) : { status: 0 };
  return { status: first.status !== 0 ? (first.status ?? 1) : second.status };
}
const result = fast ? runTests(runFiles, concurrency) : runFull();
if (chromiumMissing) {
  console.error(`countersign tests: the UI tests did not run. ${missingChromiumMessage()}`);
  process.exit(result.status || 1);
}
process.exit(result.status ?? 1);
