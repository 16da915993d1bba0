// Generates the benchmark inputs from REAL resource shapes in electron/testing/corpus/:
//  - a ~15k-resource Terraform plan (~60 MB, minified like `terraform show -json`), whose
//    resource_changes, planned_values and prior_state are copies of the corpus plans' own
//    resources under renamed module instances;
//  - a large Kubernetes release (multi-document YAML) made of the corpus' real rendered
//    manifests (Argo CD, ingress-nginx, linkerd) with renamed objects;
//  - a Kubernetes release of >= 10,000 objects (issue 13: the first one, 1,305 objects, is
//    mostly CRD bytes and too small to measure checks/s): every object of every corpus
//    manifest except CustomResourceDefinitions, copied under renamed objects.
// Deterministic: the same corpus gives the same bytes.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

function decode(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  const s = new TextDecoder().decode(bytes);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export function corpusDir(root) {
  return join(root, 'electron', 'testing', 'corpus');
}

/** Real resource_changes (with their prior-state/planned values) from every corpus plan. */
function templates(corpus) {
  const dir = join(corpus, 'terraform');
  const out = [];
  for (const f of readdirSync(dir).sort()) {
    const plan = JSON.parse(decode(readFileSync(join(dir, f))));
    for (const rc of plan.resource_changes ?? []) {
      if (!rc.change || rc.mode === 'data') continue;
      out.push(rc);
    }
  }
  return out;
}

export function generateTerraformPlan(corpus, targetResources = 15000) {
  const shapes = templates(corpus);
  const changes = [];
  const planned = [];
  const prior = [];
  const configured = [];
  for (let i = 0; i < targetResources; i++) {
    const t = shapes[i % shapes.length];
    const mod = `module.svc_${Math.floor(i / shapes.length)}`;
    const localAddr = t.address.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/, '');
    const address = `${mod}.${localAddr}`;
    const rc = { ...t, address, module_address: mod, index: undefined };
    changes.push(rc);
    if (rc.change.after) planned.push({ address, mode: rc.mode, type: rc.type, name: rc.name, provider_name: rc.provider_name, schema_version: 0, values: rc.change.after, sensitive_values: rc.change.after_sensitive || {} });
    // The configuration block of a real plan repeats each attribute as an expression.
    const expressions = {};
    for (const [k, v] of Object.entries(rc.change.after ?? rc.change.before ?? {})) {
      if (v !== null) expressions[k] = { constant_value: v, references: [`var.${k}`, `local.${k}`, `local.settings.${k}`, `module.shared.outputs.${k}`] };
    }
    configured.push({ address: localAddr, mode: rc.mode, type: rc.type, name: rc.name, provider_config_key: `${mod}:aws`, expressions, schema_version: 0 });
    if (rc.change.before) prior.push({ address, mode: rc.mode, type: rc.type, name: rc.name, provider_name: rc.provider_name, schema_version: 0, values: rc.change.before, sensitive_values: rc.change.before_sensitive || {} });
  }
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { child_modules: [{ address: 'module.svc', resources: planned }] } },
    resource_changes: changes,
    prior_state: { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: { child_modules: [{ address: 'module.svc', resources: prior }] } } },
    configuration: { provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws' } }, root_module: { module_calls: { svc: { source: './modules/svc', module: { resources: configured } } } } },
    timestamp: '2026-11-01T00:00:00Z',
  };
  return JSON.stringify(plan);
}

export function generateKubernetesRelease(corpus, targetBytes = 20 * 1024 * 1024) {
  const dir = join(corpus, 'kubernetes');
  const sources = ['argocd-install-large.yaml', 'helm-template-ingress-nginx-4.0.15-cloud.yaml', 'helm-render-linkerd-control-plane-ha.yaml']
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const parts = [];
  let bytes = 0;
  for (let copy = 0; bytes < targetBytes; copy++) {
    for (const text of sources) {
      // Rename every object (metadata name) so each copy is a distinct object.
      const renamed = text.replace(/^(  name: )([A-Za-z0-9.-]+)$/gm, (_m, p, n) => `${p}${n}-c${copy}`);
      parts.push(renamed.endsWith('\n') ? renamed : `${renamed}\n`);
      bytes += renamed.length;
    }
  }
  return parts.join('---\n');
}

/**
 * Every document of the corpus manifests, in file order, without CustomResourceDefinitions
 * (schemas: bytes the policies never read), copied with each object renamed (`-k<copy>`) until
 * the release holds at least `targetObjects` objects.
 */
export function generateKubernetesObjects(corpus, targetObjects = 10000) {
  const dir = join(corpus, 'kubernetes');
  const docs = [];
  for (const f of readdirSync(dir).sort()) {
    for (const doc of readFileSync(join(dir, f), 'utf8').split(/^---[^\n]*\n/m)) {
      if (!/^kind: /m.test(doc) || /^kind: CustomResourceDefinition$/m.test(doc)) continue;
      docs.push(doc.endsWith('\n') ? doc : `${doc}\n`);
    }
  }
  const parts = [];
  for (let copy = 0; parts.length < targetObjects; copy++) {
    for (const doc of docs) parts.push(doc.replace(/^(  name: )([A-Za-z0-9.-]+)$/gm, (_m, p, n) => `${p}${n}-k${copy}`));
  }
  return parts.join('---\n');
}

export function ensureBenchInputs(root, outDir) {
  mkdirSync(outDir, { recursive: true });
  const planFile = join(outDir, 'large-plan.json');
  const k8sFile = join(outDir, 'large-release.yaml');
  const k8sObjectsFile = join(outDir, 'large-release-10k.yaml');
  const corpus = corpusDir(root);
  if (!existsSync(planFile)) writeFileSync(planFile, generateTerraformPlan(corpus));
  if (!existsSync(k8sFile)) writeFileSync(k8sFile, generateKubernetesRelease(corpus));
  if (!existsSync(k8sObjectsFile)) writeFileSync(k8sObjectsFile, generateKubernetesObjects(corpus));
  return { planFile, k8sFile, k8sObjectsFile };
}
