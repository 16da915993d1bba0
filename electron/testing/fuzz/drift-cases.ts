/**
 * Drift snapshots (issue 12): the refresh-only plan, `terraform show -json` state and `kubectl
 * get -o json|yaml` List shapes of the drift fixtures and demo, plus the corpus plans that carry
 * `resource_drift`, mutated as data, as kind confusions (plan keys beside state `values`, a
 * List with `format_version`…), as YAML text and as bytes. Secrets are planted AFTER the
 * mutations, where the snapshot marks them (plan `*_sensitive`, state `sensitive_values`) or
 * where they are a Secret's values (data, stringData, kubectl's last-applied annotation).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { repoRoot } from '../../core/testing/corpus';
import { liveStateJson, refreshPlanJson } from '../../core/testing/drift-fixtures';
import { editedLiveList } from '../../core/testing/drift-workspace-fixtures';
import { applyByteEdits, byteEdits } from './byte-mutations';
import { corpusFiles, corpusText } from './corpus-files';
import type { FuzzCase } from './fuzz-case';
import { marker, plantSensitive } from './planted-secrets';
import { JSON_RAW } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree, TreeEdit } from './tree-mutations';
import { applyYamlTextEdits, yamlTextEdits } from './yaml-text-edits';

/** The installs of the drift base workspace (drift-base.ts): one approved Terraform, one approved Kubernetes change set. */
export const TERRAFORM_INSTALL = 'prod-eu';
export const KUBERNETES_INSTALL = 'k8s-prod';
/** Secrets of the approved change sets in the base workspace (fixed: the base is built once per process); searched in every case. */
export const APPROVED_SECRETS = { approvedPassword: 'FZSECRETa0000aQ', approvedSecret: 'FZSECRETa0000bQ' } as const;

/** Values of the seeds before mutation: plain strings, never searched (the markers are planted afterwards). */
const PLAIN = { approvedPassword: 'approved-pw', livePassword: 'live-pw', liveToken: 'live-token' };
const PLAIN_K8S = { approvedSecret: 'approved-secret', liveSecret: 'live-secret', addedSecret: 'added-secret' };

export interface DriftSeed {
  readonly name: string;
  readonly format: 'plan' | 'state' | 'kubernetes';
  readonly install: string;
  readonly value: Tree;
}

let seeds: readonly DriftSeed[] | undefined;

export function driftSeeds(): readonly DriftSeed[] {
  seeds ??= [
    { name: 'refresh-plan.json', format: 'plan', install: TERRAFORM_INSTALL, value: JSON.parse(refreshPlanJson(PLAIN)) as Tree },
    { name: 'demo-refresh-plan.json', format: 'plan', install: TERRAFORM_INSTALL, value: JSON.parse(readFileSync(join(repoRoot, 'electron/demo/drift/prod-eu/refresh-plan.json'), 'utf8')) as Tree },
    ...corpusFiles('terraform').filter((f) => /drift/.test(f.name)).map((f): DriftSeed => ({ name: f.name, format: 'plan', install: TERRAFORM_INSTALL, value: JSON.parse(corpusText(f)) as Tree })),
    { name: 'state.json', format: 'state', install: TERRAFORM_INSTALL, value: JSON.parse(liveStateJson(PLAIN)) as Tree },
    { name: 'state-kept.json', format: 'state', install: TERRAFORM_INSTALL, value: JSON.parse(liveStateJson(PLAIN, { keepBucket: true, addedInstance: false })) as Tree },
    { name: 'live.json', format: 'kubernetes', install: KUBERNETES_INSTALL, value: JSON.parse(editedLiveList(PLAIN_K8S)) as Tree },
  ];
  return seeds;
}

/** Top-level keys that decide the snapshot's kind: added or dropped to make it ambiguous or another kind. */
const KIND_KEYS = ['format_version', 'values', 'resource_drift', 'resource_changes', 'prior_state', 'checks', 'kind', 'apiVersion', 'items', 'terraform_version'] as const;
const kindEdit = fc.record({ drop: fc.boolean(), key: fc.constantFrom(...KIND_KEYS), value: fc.constantFrom<Tree>('1.0', 'List', 'v1', [], {}, null) });

/** Where the drift readers look: most edits land there. */
const FOCUS: Record<DriftSeed['format'], ReadonlySet<string>> = {
  plan: new Set(['resource_drift', 'format_version']),
  state: new Set(['values', 'format_version']),
  kubernetes: new Set(['items']),
};

/** A Secret as `kubectl get -o json` returns it: data in base64, and kubectl's last-applied copy holding the value in clear. */
function liveSecret(m: string, lastApplied: boolean): Tree {
  const annotations: { [k: string]: Tree } = lastApplied
    ? { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'fuzz-secret', namespace: 'acme' }, stringData: { password: m } }) }
    : {};
  return {
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque', data: { password: Buffer.from(m).toString('base64') },
    metadata: { name: 'fuzz-secret', namespace: 'acme', uid: '0f1e2d3c-0000-4000-8000-0000000000ff', resourceVersion: '9', annotations },
  };
}

function isRecord(v: Tree | undefined): v is { [k: string]: Tree } {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

/** Marks one state resource's new attribute sensitive (`sensitive_values`) and sets it to the marker; false when there is nowhere to plant. */
function plantState(state: Tree, pick: number, m: string): boolean {
  if (!isRecord(state) || !isRecord(state.values) || !isRecord(state.values.root_module)) return false;
  const resources = state.values.root_module.resources;
  if (!Array.isArray(resources)) return false;
  const candidates = resources.filter((r): r is { [k: string]: Tree } => isRecord(r) && isRecord(r.values)
    && (r.sensitive_values === undefined || isRecord(r.sensitive_values)));
  if (candidates.length === 0) return false;
  const r = candidates[pick % candidates.length]!;
  (r.values as { [k: string]: Tree }).fuzz_password = m;
  r.sensitive_values = { ...(r.sensitive_values as { [k: string]: Tree } | undefined), fuzz_password: true };
  return true;
}

/** Plants the marker where the snapshot's format says it is secret; returns whether it was planted. */
function plant(format: DriftSeed['format'], value: Tree, pick: number, m: string, ph: Placeholders): boolean {
  // A second key of the same name written after ours would win in JSON.parse: the snapshot reader
  // refuses duplicate keys anyway, but a planted marker must never be a legitimately plain value.
  if (ph.keys.length > 0) return false;
  if (format === 'plan') {
    if (!isRecord(value) || !Array.isArray(value.resource_drift)) return false;
    return plantSensitive({ resource_changes: value.resource_drift }, pick, m);
  }
  if (format === 'state') return plantState(value, pick, m);
  if (!isRecord(value) || !Array.isArray(value.items)) return false;
  value.items.push(liveSecret(m, pick % 2 === 0));
  return true;
}

export interface MutatedSnapshot {
  readonly seed: DriftSeed;
  readonly text: string;
  readonly done: string[];
  readonly planted: boolean;
}

export function mutateSnapshot(seedIndex: number, edits: readonly TreeEdit[], focus: boolean, kind: { drop: boolean; key: string; value: Tree } | null, secret: string | null, pick: number): MutatedSnapshot {
  const all = driftSeeds();
  const seed = all[seedIndex % all.length]!;
  const value = structuredClone(seed.value);
  const ph = new Placeholders();
  const done = applyTreeEdits(value, edits, ph, JSON_RAW, focus ? (path) => FOCUS[seed.format].has(String(path[0])) : undefined);
  if (kind && isRecord(value)) {
    if (kind.drop) delete value[kind.key];
    else value[kind.key] = kind.value;
    done.push(`${kind.drop ? 'drop' : 'set'} top-level ${kind.key}`);
  }
  const planted = secret !== null && plant(seed.format, value, pick, secret, ph);
  const text = fillPlaceholders(JSON.stringify(value, null, 2), ph, '\\u0001', (k) => JSON.stringify(k));
  return { seed, text, done, planted };
}

function snapshotCase(name: string, install: string, label: string, kind: FuzzCase['kind'], data: string | Uint8Array, secrets: readonly string[]): FuzzCase {
  // The install rides in the input path's folder name (drift/<install>/file, as the watched folder has it).
  const path = `${install}/${name}`;
  return { label, kind, files: [{ path, data }], input: path, secrets: [...secrets, ...Object.values(APPROVED_SECRETS)] };
}

export function driftCase(): fc.Arbitrary<FuzzCase> {
  const structure = fc.record({
    seed: fc.nat(), edits: treeEdits(3), focus: fc.constantFrom(true, true, true, false), kind: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: kindEdit }),
    secret: fc.option(marker, { freq: 4 }), pick: fc.nat(),
  }).map(({ seed, edits, focus, kind, secret, pick }): FuzzCase => {
    const m = mutateSnapshot(seed, edits, focus, kind, secret, pick);
    const label = `${m.seed.name}: ${m.done.join(', ')}${m.planted ? '; secret planted' : ''}`;
    return snapshotCase(m.seed.name, m.seed.install, label, 'structure', m.text, m.planted && secret ? [secret] : []);
  });
  // kubectl's own format: the live List as YAML, edited as YAML text (tags, anchors, merge keys, documents…).
  const yaml = fc.record({ edits: yamlTextEdits, secret: fc.option(marker, { freq: 3 }), lastApplied: fc.boolean() }).map(({ edits, secret, lastApplied }): FuzzCase => {
    const list = structuredClone(driftSeeds().find((s) => s.format === 'kubernetes')!.value) as { items: Tree[] };
    const out = applyYamlTextEdits(stringify(list, { lineWidth: 0 }), edits);
    // The Secret is a document of its own after the edited List (a YAML stream, as kubectl takes one).
    const text = secret ? `${out.text.replace(/\r?\n?$/, '\n')}---\n${stringify(liveSecret(secret, lastApplied), { lineWidth: 0 })}` : out.text;
    return snapshotCase('live.yaml', KUBERNETES_INSTALL, `live.yaml: ${out.done.join(', ')}${secret ? '; Secret document' : ''}`, 'text', text, secret ? [secret] : []);
  });
  const bytes = fc.record({ seed: fc.nat(), edits: byteEdits }).map(({ seed, edits }): FuzzCase => {
    const s = driftSeeds()[seed % driftSeeds().length]!;
    const { bytes: out, done } = applyByteEdits(Buffer.from(JSON.stringify(s.value, null, 2)), edits);
    return snapshotCase(s.name, s.install, `${s.name}: bytes ${done.join(', ')}`, 'bytes', out, []);
  });
  return fc.oneof({ weight: 6, arbitrary: structure }, { weight: 2, arbitrary: yaml }, { weight: 2, arbitrary: bytes });
}
