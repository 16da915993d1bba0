// Benchmark: normalizing a ~60 MB, 15k-resource plan (build/bench/generate-inputs.mjs builds it
// from the corpus' real resources). Prints figures; asserts nothing.
// Usage: npx tsx build/bench/normalize-plan.bench.ts [plan.json]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../electron/core/testing/corpus';
import { scanEntryLocations } from '../../electron/core/loaders/terraform/entry-locations';
import { normalizeTerraformPlan } from '../../electron/core/loaders/terraform/normalize-plan';
import { parsePlanJson } from '../../electron/core/loaders/terraform/parse-plan-json';

interface BenchInputs { ensureBenchInputs(root: string, outDir: string): { planFile: string } }

async function planFile(): Promise<string> {
  const given = process.argv[2];
  if (given) return given;
  const generator = join(repoRoot, 'build', 'bench', 'generate-inputs.mjs');
  const { ensureBenchInputs } = (await import(generator)) as BenchInputs;
  return ensureBenchInputs(repoRoot, join(repoRoot, '.bench-data')).planFile;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function time(runs: number, fn: () => void): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const file = await planFile();
if (!existsSync(file)) throw new Error(`no plan at ${file}`);
const text = readFileSync(file, 'utf8');
let plan: unknown;
const parseMs = time(3, () => { plan = parsePlanJson(file, text); });
let count = 0;
const scanMs = time(7, () => { scanEntryLocations(file, text); });
const normalizeMs = time(7, () => { count = normalizeTerraformPlan(file, text, plan).length; });
const mb = (text.length / 1024 / 1024).toFixed(1);
console.log(`terraform plan: ${mb} MB, ${count} resources`);
console.log(`  JSON.parse        ${parseMs.toFixed(1)} ms (median of 3)`);
console.log(`  location scan     ${scanMs.toFixed(1)} ms (median of 7)`);
console.log(`  normalize (total) ${normalizeMs.toFixed(1)} ms (median of 7, excludes JSON.parse)`);
