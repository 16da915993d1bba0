// Shared by the ground-truth tests: evaluate the built-in `baseline` pack on corpus files,
// configured the way a customer would (a contract with `extends: [baseline]` and parameters).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compileContract, evaluateChangeSet, parseContract } from '../engine';
import { livePackVersion } from '../engine/contract/pack-version';
import { packsRoot } from '../io/packs-root';
import type { CompiledContract } from '../engine';
import { isPodBearingKind } from '../base/pod-spec';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import type { Evaluation, Finding } from '../model/finding';
import { corpusPath } from './corpus';

/** Monday 2026-01-05 03:00 UTC: outside the default maintenance window (Tue-Thu 02:00-05:00 UTC). */
export const AT = new Date('2026-01-05T03:00:00Z');

export type Parameters = Readonly<Record<string, Readonly<Record<string, unknown>>>>;
export type Outcome = 'pass' | 'fail' | 'error' | 'unknown';

/**
 * The CURRENT baseline pack (the version in its folder; a v1 contract would mean the frozen
 * version 1) as a contract with these per-policy parameters, validated like a customer's.
 */
export function baselineContract(parameters: Parameters = {}): CompiledContract {
  const text = JSON.stringify({
    apiVersion: 'countersign.dev/v2',
    kind: 'Contract',
    metadata: { name: 'ground-truth' },
    spec: { extends: [{ pack: 'baseline', version: livePackVersion('baseline', packsRoot()) }], parameters },
  });
  return compileContract(parseContract('(ground-truth contract)', text));
}

const loaded = new Map<string, Promise<ChangeSet>>();

/** A corpus file as a change set, loaded once per test process. */
export function corpusChangeSet(dir: 'terraform' | 'kubernetes', file: string): Promise<ChangeSet> {
  const path = corpusPath(dir, file);
  let cs = loaded.get(path);
  if (!cs) {
    cs = loadChangeSet([path]);
    loaded.set(path, cs);
  }
  return cs;
}

export interface PolicyRun {
  readonly changeSet: ChangeSet;
  readonly evaluation: Evaluation;
  /** This policy's findings only. */
  readonly findings: readonly Finding[];
  /** How many resources the policy matched (passing ones included). */
  readonly matched: number;
}

/** Evaluates the baseline pack (with `parameters`) on one corpus file; keeps `policy`'s findings. */
export async function runPolicy(dir: 'terraform' | 'kubernetes', file: string, policy: string, parameters: Parameters = {}): Promise<PolicyRun> {
  const changeSet = await corpusChangeSet(dir, file);
  const evaluation = evaluateChangeSet(changeSet, baselineContract(parameters), { at: AT });
  const matched = evaluation.summary.matchedByPolicy?.[policy];
  if (matched === undefined) throw new Error(`the evaluation does not report matchedByPolicy for ${policy}`);
  return { changeSet, evaluation, findings: evaluation.findings.filter((f) => f.policy === policy), matched };
}

/**
 * Outcome per Kubernetes workload name (Pod, Deployment, CronJob…): `pass` unless the policy
 * reported a finding for it. Image entries and other kinds are left out.
 */
export function workloadOutcomes(run: PolicyRun): Map<string, Outcome> {
  const out = new Map<string, Outcome>();
  for (const r of run.changeSet.resources) {
    if (r.source === 'kubernetes' && isPodBearingKind(r.type)) out.set(r.name, 'pass');
  }
  for (const f of run.findings) {
    const r = run.changeSet.resources.find((x) => x.address === f.resource.address);
    if (r && out.has(r.name)) out.set(r.name, f.status);
  }
  return out;
}

/** Names whose outcome is `outcome`, sorted. */
export function namesWith(outcomes: ReadonlyMap<string, Outcome>, outcome: Outcome): string[] {
  return [...outcomes].filter(([, o]) => o === outcome).map(([n]) => n).sort();
}

/** The finding for one resource address (throws when there is none, naming what there is). */
export function findingFor(run: PolicyRun, address: string): Finding {
  const f = run.findings.find((x) => x.resource.address === address);
  if (!f) throw new Error(`no ${address} finding; findings: ${run.findings.map((x) => x.resource.address).join(', ') || 'none'}`);
  return f;
}

/** An upstream ground-truth file (Kyverno test, Gatekeeper suite/constraint) as data. */
export function groundTruth(...parts: string[]): unknown {
  return parse(readFileSync(corpusPath('ground-truth', ...parts), 'utf8')) as unknown;
}

export interface KyvernoResult {
  readonly kind: string;
  readonly rule: string;
  readonly result: 'pass' | 'fail' | 'skip';
  readonly resources: readonly string[];
}

/** The `results:` of a Kyverno CLI test file (`<policy>.kyverno-test.yaml`). */
export function kyvernoResults(policy: string): KyvernoResult[] {
  const doc = groundTruth('kyverno', `${policy}.kyverno-test.yaml`) as { results?: KyvernoResult[] };
  if (!Array.isArray(doc.results) || doc.results.length === 0) throw new Error(`${policy}: no results in the Kyverno test`);
  return doc.results;
}

/** Resource names upstream expects to `result` (for the given rules, or all rules). */
export function kyvernoNames(policy: string, result: 'pass' | 'fail', rules?: readonly string[]): string[] {
  const names = kyvernoResults(policy)
    .filter((r) => r.result === result && (!rules || rules.includes(r.rule)))
    .flatMap((r) => r.resources);
  return [...new Set(names)].sort();
}
