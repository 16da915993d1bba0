// In-process phase timings for `npm run bench` (bundled by run-bench.mjs with esbuild).
// Prints one JSON object per input on stdout: read, decode, parse, normalize, images, digest,
// compile, evaluate times and checks per second.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeText } from '../../electron/core/io/decode-text';
import { compileContract, defaultContract, evaluateChangeSet, explainFindings } from '../../electron/core/engine';
import { extractImages } from '../../electron/core/loaders/images';
import { loadKubernetesManifests } from '../../electron/core/loaders/kubernetes';
import { normalizeTerraformPlan, parsePlanJson } from '../../electron/core/loaders/terraform';
import { changeSetDigest, listFiles } from '../../electron/core/loaders/bundle';
import { EMPTY_METADATA } from '../../electron/core/model/changeset';
import type { ChangeSet } from '../../electron/core/model/changeset';
import type { ResourceChange } from '../../electron/core/model/resource-change';

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

function run(kind: 'terraform' | 'kubernetes', file: string) {
  const [bytes, readMs] = time(() => readFileSync(file));
  const [text, decodeMs] = time(() => decodeText(bytes, file));
  let parseMs = 0;
  let normalizeMs: number;
  let resources: ResourceChange[];
  if (kind === 'terraform') {
    const [plan, p] = time(() => parsePlanJson(file, text));
    parseMs = p;
    [resources, normalizeMs] = time(() => normalizeTerraformPlan(file, text, plan));
  } else {
    // YAML parsing with positions and normalization are one step for Kubernetes.
    [resources, normalizeMs] = time(() => loadKubernetesManifests(file, text));
  }
  const [images, imagesMs] = time(() => extractImages(resources));
  const [digest, digestMs] = time(() => changeSetDigest(listFiles([{ path: basename(file), bytes }])));
  const changeSet: ChangeSet = {
    digest, metadata: EMPTY_METADATA, artifacts: [], files: [], origin: file,
    resources: [...resources, ...images],
  };
  const [compiled, compileMs] = time(() => compileContract(defaultContract()));
  // The first evaluation (what one CLI run pays: the JIT is cold), then the median of 3.
  const [first, evaluateFirstMs] = time(() => evaluateChangeSet(changeSet, compiled, { at: new Date('2026-11-28T03:00:00Z') }));
  // Explaining every finding (`evaluate --format json|text` does it), first time.
  const [, explainFirstMs] = time(() => explainFindings(changeSet, compiled, first.findings, new Date('2026-11-28T03:00:00Z')));
  const runs: number[] = [];
  let evaluation = evaluateChangeSet(changeSet, compiled, { at: new Date('2026-11-28T03:00:00Z') });
  for (let i = 0; i < 3; i++) {
    const [e, ms] = time(() => evaluateChangeSet(changeSet, compiled, { at: new Date('2026-11-28T03:00:00Z') }));
    evaluation = e;
    runs.push(ms);
  }
  runs.sort((a, b) => a - b);
  const evaluateMs = runs[1]!;
  return {
    kind, file, bytes: bytes.length, resources: changeSet.resources.length, policies: compiled.policies.length,
    readMs, decodeMs, parseMs, normalizeMs, imagesMs, digestMs, compileMs, evaluateMs, evaluateFirstMs, explainFirstMs,
    checks: evaluation.summary.checks, evaluations: evaluation.summary.evaluations, findings: evaluation.findings.length,
    checksPerSecond: evaluation.summary.checks / (evaluateMs / 1000),
    celEvaluationsPerSecond: evaluation.summary.evaluations / (evaluateMs / 1000),
    yamlMBps: kind === 'kubernetes' ? bytes.length / 1e6 / (normalizeMs / 1000) : undefined,
  };
}

const [kind, file] = process.argv.slice(2) as ['terraform' | 'kubernetes', string];
process.stdout.write(`${JSON.stringify(run(kind, file))}\n`);
