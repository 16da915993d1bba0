// Every PSS policy judges every pod-bearing kind alike: each failing Pod of a policy's own
// tests, wrapped as the pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet,
// ReplicationController, Job, CronJob and PodTemplate, fails that policy too, and the finding
// points at the same field (the same line of the template as of the Pod).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, stringify } from 'yaml';
import { compileContract, evaluateChangeSet, parseContract } from '../engine';
import { packsRoot } from '../io/packs-root';
import { loadChangeSet } from '../loaders/load-change-set';

type Json = Record<string, unknown>;
const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate'] as const;

/** The Pod `pod` as an object of `kind` whose pod template is the Pod's metadata and spec. */
function wrap(pod: Json, kind: (typeof KINDS)[number]): Json {
  const meta = pod.metadata as Json;
  const name = `${String(meta.name)}-${kind.toLowerCase()}`;
  const labels = { app: name };
  const template = { metadata: { labels, ...(meta.annotations ? { annotations: meta.annotations } : {}) }, spec: pod.spec };
  const metadata = { name, namespace: meta.namespace };
  switch (kind) {
    case 'Pod': return { ...pod, metadata: { ...meta, name } };
    case 'Deployment': case 'DaemonSet': case 'ReplicaSet': return { apiVersion: 'apps/v1', kind, metadata, spec: { selector: { matchLabels: labels }, template } };
    case 'StatefulSet': return { apiVersion: 'apps/v1', kind, metadata, spec: { serviceName: name, selector: { matchLabels: labels }, template } };
    case 'ReplicationController': return { apiVersion: 'v1', kind, metadata, spec: { selector: labels, template } };
    case 'Job': return { apiVersion: 'batch/v1', kind, metadata, spec: { template } };
    case 'CronJob': return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } };
    case 'PodTemplate': return { apiVersion: 'v1', kind, metadata, template };
  }
}

const work = mkdtempSync(join(tmpdir(), 'countersign-pss-kinds-'));
after(() => rmSync(work, { recursive: true, force: true }));

for (const pack of ['pss-baseline', 'pss-restricted'] as const) {
  describe(`${pack}: every pod-bearing kind`, () => {
    const contract = compileContract(parseContract('(kinds)', JSON.stringify({ apiVersion: 'countersign.dev/v5', kind: 'Contract', metadata: { name: 'kinds' }, spec: { extends: [{ pack, version: 1 }] } })));
    const dir = join(packsRoot(), pack);
    for (const id of readdirSync(dir).filter((n) => n.startsWith('pss-'))) {
      test(`${id}: its failing Pods fail as every workload kind, at the same field`, async () => {
        const pods = parseAllDocuments(readFileSync(join(dir, id, 'tests', 'fail.yaml'), 'utf8')).map((d) => d.toJS() as Json).filter((d) => d.kind === 'Pod');
        assert.ok(pods.length > 0, 'the fail cases include a Pod');
        const objects = pods.flatMap((pod) => KINDS.map((kind) => wrap(pod, kind)));
        const file = join(work, `${id}.yaml`);
        const text = objects.map((o) => stringify(o)).join('---\n');
        writeFileSync(file, text);
        const lines = text.split('\n');
        const e = evaluateChangeSet(await loadChangeSet([file]), contract, { at: new Date('2026-01-05T03:00:00Z') });
        const findings = new Map(e.findings.filter((f) => f.policy === id).map((f) => [f.resource.address, f]));
        for (const pod of pods) {
          const podName = String((pod.metadata as Json).name);
          const blamed = (kind: string) => {
            const name = `${podName}-${kind.toLowerCase()}`;
            const f = findings.get(`${kind}/shop/${name}`);
            assert.equal(f?.status, 'fail', `${kind}/shop/${name} fails`);
            return { line: (lines[f!.location.line - 1] ?? '').slice(f!.location.column - 1).trim(), message: f!.message.split(`${kind}/shop/${name}`).join('X') };
          };
          const asPod = blamed('Pod');
          for (const kind of KINDS.slice(1)) {
            const asKind = blamed(kind);
            assert.equal(asKind.line, asPod.line, `${kind} ${podName}: the finding points at the same field`);
            assert.equal(asKind.message, asPod.message, `${kind} ${podName}: the same message`);
          }
        }
      });
    }
  });
}
