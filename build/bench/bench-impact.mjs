// Impact replay benchmark (issue 9): an unsaved contract edit replayed over stored change sets.
//  1. 20 corpus files (10 Kubernetes releases, 10 Terraform plans; listed below) stored in a
//     temporary workspace under the demo contract; one edit (the approved registries list,
//     a new value each run) replayed cold (fresh caches) and warm (median). Target < 150 ms warm.
//  2. The same 20 plus a generated 1,500-resource Terraform plan and a ~1,500-object Kubernetes
//     release (real corpus shapes, renamed), for the top of the 10–1,500 resource range.
//  3. 1,000 stored change sets (the 20 files under varied metadata: vendor, release, planned
//     apply time, state), replayed with progress: total time and time per change set.
// Figures are printed, never asserted.
// Usage: node build/bench/bench-impact.mjs [--change-sets N] [--keep]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { generateKubernetesRelease, generateTerraformPlan } from './generate-inputs.mjs';

register();
const root = fileURLToPath(new URL('../..', import.meta.url));
const store = await import('../../electron/core/store/index.ts');
const engine = await import('../../electron/core/engine/index.ts');
const bundle = await import('../../electron/core/loaders/bundle/index.ts');
const app = await import('../../electron/core/app/index.ts');
const impact = await import('../../electron/core/app/impact/index.ts');

const { values } = parseArgs({ options: { 'change-sets': { type: 'string', default: '1000' }, keep: { type: 'boolean', default: false } } });
const MANY = Number(values['change-sets']);
const WARM_RUNS = 9;

const CORPUS = join(root, 'electron/testing/corpus');
const FILES = [
  ['kubernetes', 'argocd-install-large.yaml'],
  ['kubernetes', 'helm-render-linkerd-control-plane-ha.yaml'],
  ['kubernetes', 'helm-template-ingress-nginx-4.0.15-cloud.yaml'],
  ['kubernetes', 'helm-render-linkerd-cni-daemonset-hostpath.yaml'],
  ['kubernetes', 'kyverno-disallow-host-namespaces.resources.yaml'],
  ['kubernetes', 'kyverno-disallow-host-path.resources.yaml'],
  ['kubernetes', 'kyverno-disallow-latest-tag.resources.yaml'],
  ['kubernetes', 'kyverno-disallow-privileged-containers.resources.yaml'],
  ['kubernetes', 'kyverno-require-run-as-nonroot.resources.yaml'],
  ['kubernetes', 'kyverno-restrict-image-registries.resources.yaml'],
  ['terraform', 'checkov-terragoat-aws-55-resources-rds-public-sg-open.tfplan.json'],
  ['terraform', 'infracost-rds-ec2-nested-modules-tf014.tfplan.json'],
  ['terraform', 'tfcompliance-alb-asg-iam-modules-update.tfplan.json'],
  ['terraform', 'tfcompliance-lambda-deletes-with-drift-tf100.tfplan.json'],
  ['terraform', 'tfsummarize-github-for-each-drift-minified.tfplan.json'],
  ['terraform', 'checkov-github-oidc-iam-roles-data-read.tfplan.json'],
  ['terraform', 'checkov-s3-nested-child-modules.tfplan.json'],
  ['terraform', 'tfcompliance-open-ingress-db-redshift-sg.tfplan.json'],
  ['terraform', 'checkov-iam-policies-wildcard-actions.tfplan.json'],
  ['terraform', 'checkov-for-each-module-sg-open-ingress.tfplan.json'],
];
const STATES = ['pending', 'approved', 'rejected', 'superseded'];

const figure = (label, value, note = '') => console.log(`  ${label.padEnd(58)} ${String(value).padStart(12)}  ${note}`);
const ms = (x) => `${x.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The demo contract as the workspace's default contract (no vendor): it judges every stored
// change set, whatever vendor its metadata names.
const contractText = readFileSync(join(root, 'electron/demo/contract.yaml'), 'utf8').replace(/^  vendor: .*\n/m, '');
const CONTRACT = 'acme-prod-eu';
/** The demo contract with one edit: the approved registries list. */
const edit = (registries) => contractText.replace('  approvals:', `  parameters: {images-approved-registries: {registries: ${JSON.stringify(registries)}}}\n  approvals:`);

const dir = mkdtempSync(join(tmpdir(), 'countersign-bench-impact-'));
try {
  console.log(`impact replay benchmark in ${dir}`);
  const ws = store.initWorkspace(join(dir, 'workspace.db'), { actor: 'bench' });
  writeFileSync(join(dir, 'contract.yaml'), contractText);
  app.importContract(ws, join(dir, 'contract.yaml'), 'bench');
  const active = app.currentContract(ws);
  const compiled = engine.compileContract(active.contract);
  const artifacts = FILES.map(([kind, file]) => ({ kind: kind === 'kubernetes' ? 'kubernetes' : 'terraform-plan', path: `${kind}/${file}`, bytes: readFileSync(join(CORPUS, kind, file)) }));

  /** Stores one change set of these artifacts with this metadata, evaluated as an import would be. */
  const storeChangeSet = (files, metadata, state = 'pending') => {
    const manifestText = [
      'apiVersion: countersign.dev/v1', 'kind: ChangeSet', `metadata: ${JSON.stringify(metadata)}`, 'artifacts:',
      ...files.map((f) => `  - {kind: ${f.kind}, path: ${JSON.stringify(f.path)}}`), '',
    ].join('\n');
    const manifestBytes = Buffer.from(manifestText);
    const source = { origin: 'bench', manifest: bundle.parseChangeSetManifest('changeset.yaml', manifestText), files: [{ path: 'changeset.yaml', bytes: manifestBytes }, ...files.map((f) => ({ path: f.path, bytes: f.bytes }))] };
    const changeSet = bundle.buildChangeSet(source);
    ws.changeSets.importChangeSet(source, changeSet);
    const evaluation = engine.evaluateChangeSet(changeSet, compiled, { at: new Date(metadata.plannedApplyAt) });
    ws.evaluations.recordEvaluation({ changeSetDigest: changeSet.digest, contractDigest: active.revision.digest, evaluation });
    if (state !== 'pending') ws.changeSets.setChangeSetState(changeSet.digest, state);
    return changeSet;
  };
  const metadataOf = (n, name) => ({ vendor: `Vendor ${n % 7}`, app: name.replace(/\..*$/, ''), release: `1.${n}.0`, plannedApplyAt: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString() });

  let resources = 0;
  artifacts.forEach((a, i) => {
    resources += storeChangeSet([a], metadataOf(i, a.path.split('/')[1])).resources.length;
  });

  /** Runs one replay to the end; polls as a host would (every turn), returns ms and the last page. */
  const replay = async (text, options) => {
    const t0 = performance.now();
    const started = impact.startImpactJob(ws, { contract: CONTRACT, text }, options);
    if (!started.ok) throw new Error(started.problem.message);
    let page = started.job.poll();
    let lastShown = 0;
    while (!page.done) {
      await new Promise((r) => setImmediate(r));
      page = started.job.poll(page.nextCursor);
      if (options?.progress && page.progress.done - lastShown >= page.progress.total / 4) {
        lastShown = page.progress.done;
        console.log(`    progress ${page.progress.done}/${page.progress.total} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
    return { ms: performance.now() - t0, page: started.job.poll(0, 1) };
  };

  const measure = async (label) => {
    const cold = await replay(edit(['ghcr.io/acme/']), { policyCache: new impact.PolicyCompileCache(), changeSetCache: new impact.ChangeSetCache() });
    await replay(edit(['ghcr.io/warmup/'])); // fills the shared caches
    await replay(edit(['ghcr.io/warmup2/']));
    const warm = [];
    let last;
    for (let i = 0; i < WARM_RUNS; i++) {
      last = await replay(edit([`registry-${i}.example.com/`, 'ghcr.io/acme/']));
      warm.push(last.ms);
    }
    const again = [];
    for (let i = 0; i < 3; i++) again.push((await replay(edit([`registry-${WARM_RUNS - 1}.example.com/`, 'ghcr.io/acme/']))).ms);
    const unchanged = median(again);
    console.log(`\n${label}`);
    figure('cold (fresh compile and change-set caches)', ms(cold.ms));
    figure(`warm, one registry-list edit (median of ${WARM_RUNS})`, ms(median(warm)), 'target < 150 ms');
    figure('warm, the same draft again (median of 3)', ms(unchanged));
    const s = last.page.summary;
    figure('rows: appear / disappear / changed / verdict flips', `${s.appear}/${s.disappear}/${s.changed}/${s.verdictFlips}`);
    figure('change sets evaluated / could not be', `${s.evaluated}/${s.errors}`);
  };

  console.log(`  20 corpus change sets, ${resources} resources in all:`);
  for (const [kind, file] of FILES) console.log(`    ${kind}/${file}`);
  await measure('20 corpus change sets');

  const planBytes = Buffer.from(generateTerraformPlan(CORPUS, 1500));
  const releaseBytes = Buffer.from(generateKubernetesRelease(CORPUS, 12 * 2_040_000));
  const plan = storeChangeSet([{ kind: 'terraform-plan', path: 'generated/plan.json', bytes: planBytes }], metadataOf(100, 'generated-plan'));
  const release = storeChangeSet([{ kind: 'kubernetes', path: 'generated/release.yaml', bytes: releaseBytes }], metadataOf(101, 'generated-release'));
  await measure(`22 change sets: the 20 + a generated ${plan.resources.length}-resource plan and ${release.resources.length}-resource release`);

  // 3. Many stored change sets: the 20 files again under other metadata (other digests).
  const many = Math.max(0, MANY - 22);
  const t0 = performance.now();
  for (let start = 0; start < many; start += 100) {
    ws.db.transaction(() => {
      for (let n = start; n < Math.min(many, start + 100); n++) {
        const a = artifacts[n % artifacts.length];
        storeChangeSet([a], metadataOf(1000 + n, a.path.split('/')[1]), STATES[n % STATES.length]);
      }
    })();
  }
  console.log(`\n${MANY} stored change sets (stored in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const runs = [];
  for (const [label, registries] of [['first replay', ['ghcr.io/acme/']], ['second replay (another edit)', ['ghcr.io/acme/', 'docker.io/library/']], ['third replay (another edit)', ['quay.io/']]]) {
    const { changeSetCache } = impact.sharedImpactCaches();
    const hits = changeSetCache.hits;
    const kept = changeSetCache.size;
    const run = await replay(edit(registries), { progress: true });
    runs.push([label, run, `${changeSetCache.hits - hits} of ${kept} kept parsed change sets reused`]);
  }
  for (const [label, run, hits] of runs) {
    figure(`${label}: total`, `${(run.ms / 1000).toFixed(2)} s`);
    figure(`${label}: per change set`, ms(run.ms / run.page.progress.total), hits);
  }
  const cache = impact.sharedImpactCaches();
  figure('parsed change-set cache: entries / stored bytes kept', `${cache.changeSetCache.size} / ${(cache.changeSetCache.sourceBytes / 1e6).toFixed(1)} MB`);
  figure('heap used', `${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  ws.close();
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
