// `npm run bench -- fleet`: one release against a fleet of contracts (issue 13).
//  - 500 contracts drawn from 10 configurations vs a 2,000-resource release: time ≤ 3× one contract;
//  - 500 all-distinct contracts: checks/s the same as one evaluation, and time no worse than linear.
// "One contract" is what `countersign evaluate --contract` does in-process after the release is
// loaded: parse, compile, evaluate. The fleet time is everything evaluateFleet does for N
// contracts: parse them, check their publications, compile, evaluate, weigh. Figures are
// printed, never asserted; the targets are shown beside them.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { compileContract, evaluateChangeSet, parseContract } from '../../electron/core/engine';
import { evaluateFleet } from '../../electron/core/fleet';
import type { FleetContract, FleetMatrix } from '../../electron/core/fleet';
import { loadChangeSet } from '../../electron/core/loaders/load-change-set';
import type { ChangeSet } from '../../electron/core/model/changeset';
import { configurationSpec, fleetContractYaml, ownPolicy } from '../../electron/core/testing/fleet-fixtures';
// @ts-expect-error: a plain .mjs module without types (the bench input generator)
import { corpusDir, generateTerraformPlan } from './generate-inputs.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const AT = new Date('2026-11-28T03:00:00Z');
const RESOURCES = 2000;
const FLEET = 500;

const line = (label: string, value: string, target = ''): void => console.log(`  ${label.padEnd(52)} ${value.padStart(14)}  ${target}`);
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const perSecond = (n: number): string => `${(n / 1e6).toFixed(2)} M/s`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Contract `i` of a fleet whose configuration is `k`: parameters, overrides and an own policy all follow k. */
function contract(i: number, k: number): FleetContract {
  return {
    file: `fleet/customer-${i}.yaml`,
    text: fleetContractYaml({ name: `customer-${i}`, install: `install-${String(i).padStart(4, '0')}`, ...configurationSpec(k), policies: [ownPolicy('customer-rule', `k${k}`)] }),
  };
}

/** CPU time (user + system) of this process since `from`, in ms: the work done, whatever else loads the machine. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

function timeOne(cs: ChangeSet, text: string): { ms: number; cpu: number; checks: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const evaluation = evaluateChangeSet(cs, compileContract(parseContract('one.yaml', text)), { at: AT });
  return { ms: performance.now() - t0, cpu: cpuMs(c0), checks: evaluation.summary.checks };
}

function timeFleet(cs: ChangeSet, contracts: readonly FleetContract[]): { ms: number; cpu: number; m: FleetMatrix } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const m = evaluateFleet(cs, contracts, { at: AT, now: AT });
  return { ms: performance.now() - t0, cpu: cpuMs(c0), m };
}

const dataDir = join(root, '.bench-data');
mkdirSync(dataDir, { recursive: true });
const planFile = join(dataDir, `fleet-plan-${RESOURCES}.json`);
if (!existsSync(planFile)) writeFileSync(planFile, (generateTerraformPlan as (corpus: string, n: number) => string)((corpusDir as (r: string) => string)(root), RESOURCES));
const t0 = performance.now();
const cs = await loadChangeSet([planFile]);
const loadMs = performance.now() - t0;

console.log(`fleet: one ${cs.resources.length}-resource release (${planFile.replace(root, '')}, read once in ${ms(loadMs)})`);
// Warm-up: the first evaluation in a process pays for JIT and CEL compilation of the pack.
timeOne(cs, contract(0, 0).text);
evaluateFleet(cs, [contract(0, 0), contract(1, 1)], { at: AT, now: AT });
const one = [0, 1, 2].map(() => timeOne(cs, contract(0, 0).text));
const oneMs = median(one.map((r) => r.ms));
const oneCpu = median(one.map((r) => r.cpu));
const oneChecks = one[0]!.checks;
line('one contract: parse + compile + evaluate (median of 3)', ms(oneMs), `CPU ${ms(oneCpu)}`);
line('one contract: policy×resource checks per second', perSecond(oneChecks / (oneMs / 1000)), `(${oneChecks} checks)`);

const tenConfigs = [...Array(FLEET).keys()].map((i) => contract(i, i % 10));
const ten = [0, 1, 2].map(() => timeFleet(cs, tenConfigs));
const tenMs = median(ten.map((r) => r.ms));
const tenCpu = median(ten.map((r) => r.cpu));
const tm = ten.find((r) => r.ms === tenMs)!.m;
console.log(`\n  ${FLEET} contracts from 10 configurations`);
line('fleet time (median of 3)', ms(tenMs), `CPU ${ms(tenCpu)}`);
line('  contracts (parse + publications)', ms(tm.timings!.parseMs));
line('  compile', ms(tm.timings!.compileMs), `(${tm.distinctPolicies} distinct policies)`);
line('  evaluate', ms(tm.timings!.evaluateMs), `(${tm.configurations} distinct configurations)`);
line('checks made / represented', `${tm.work!.checksPerformed} / ${tm.work!.checksRepresented}`);
line('ratio fleet / one contract', (tenMs / oneMs).toFixed(2), 'target ≤ 3');
// On a loaded machine wall time measures the other processes too; CPU time is this work's.
line('ratio fleet / one contract, CPU time', (tenCpu / oneCpu).toFixed(2), 'target ≤ 3');

console.log(`\n  all-distinct contracts (own policy text, parameters and overrides differ per contract)`);
const perInstall: number[] = [];
let last: { ms: number; m: FleetMatrix } | undefined;
const SIZES = [50, 250, FLEET];
for (const n of SIZES) {
  const contracts = [...Array(n).keys()].map((i) => contract(i, i));
  const runs = [0, 1, 2].map(() => timeFleet(cs, contracts));
  const t = median(runs.map((r) => r.ms));
  last = runs.find((r) => r.ms === t)!;
  perInstall.push(t / n);
  line(`${n} contracts: time (median of 3), per install`, `${ms(t)}, ${ms(t / n)}`, `(${last.m.configurations} configurations, compile ${ms(last.m.timings!.compileMs)})`);
}
const m = last!.m;
const distinctMs = last!.ms;
const fleetRate = m.work!.checksRepresented / (distinctMs / 1000);
line(`${FLEET} all-distinct: checks per second (represented)`, perSecond(fleetRate), `one contract: ${perSecond(oneChecks / (oneMs / 1000))}`);
line(`${FLEET} all-distinct: checks/s ratio to one contract`, (fleetRate / (oneChecks / (oneMs / 1000))).toFixed(2), 'target ≥ 1');
line(`${FLEET} all-distinct: time / (${FLEET} × one contract)`, (distinctMs / (FLEET * oneMs)).toFixed(2), 'target ≤ 1 (no worse than linear)');
line(`per-install time, ${FLEET} vs ${SIZES[0]} contracts`, (perInstall[perInstall.length - 1]! / perInstall[0]!).toFixed(2), 'target ≤ 1 (linear or better)');
