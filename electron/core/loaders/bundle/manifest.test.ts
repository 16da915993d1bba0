import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import { parseChangeSetManifest } from './manifest';

const HEAD = 'apiVersion: countersign.dev/v1\nkind: ChangeSet\n';
const ARTIFACTS = 'artifacts:\n  - kind: kubernetes\n    path: k8s/app.yaml\n';

function fails(text: string, pattern: RegExp, line: number): void {
  assert.throws(() => parseChangeSetManifest('bundle/changeset.yaml', text), (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(e.file, 'bundle/changeset.yaml');
    assert.match(e.reason, pattern);
    assert.equal(e.line, line, e.message);
    return true;
  });
}

describe('changeset.yaml', () => {
  test('reads metadata as text and fills what is absent with empty strings', () => {
    const m = parseChangeSetManifest('changeset.yaml', `${HEAD}metadata:\n  vendor: acme\n  release: 1.10\n  createdAt: 2026-01-04\n${ARTIFACTS}  - {kind: terraform-plan, path: ./infra//plan.json, component: infra}\n`);
    assert.deepEqual(m.metadata, {
      vendor: 'acme', app: '', install: '', release: '1.10', previousRelease: '',
      createdAt: '2026-01-04', plannedApplyAt: '', description: '',
    });
    assert.deepEqual(m.artifacts.map((a) => ({ ...a })), [
      { kind: 'kubernetes', path: 'k8s/app.yaml', component: '', line: 8, pathLine: 9 },
      { kind: 'terraform-plan', path: 'infra/plan.json', component: 'infra', line: 10, pathLine: 10 },
    ]);
  });

  test('timestamps must be ISO-8601 with a time zone, and real dates', () => {
    fails(`${HEAD}metadata:\n  createdAt: 05/01/2026\n${ARTIFACTS}`, /metadata\.createdAt must be an ISO-8601/, 4);
    fails(`${HEAD}metadata:\n  plannedApplyAt: 2026-01-05T03:00:00\n${ARTIFACTS}`, /metadata\.plannedApplyAt must be an ISO-8601/, 4);
    fails(`${HEAD}metadata:\n  vendor: x\n  plannedApplyAt: 2026-02-30T03:00:00Z\n${ARTIFACTS}`, /plannedApplyAt/, 5);
  });

  test('unknown fields, kinds and versions are rejected at their line', () => {
    fails(`${HEAD}metadata:\n  vendor: x\n  plannedApply: 2026-01-05T03:00:00Z\n${ARTIFACTS}`, /unknown field metadata\.plannedApply/, 5);
    fails(`${HEAD}${ARTIFACTS}  - kind: helm\n    path: chart.tgz\n`, /artifacts\[1\]\.kind must be terraform-plan or kubernetes/, 6);
    fails(`apiVersion: countersign.dev/v2\nkind: ChangeSet\n${ARTIFACTS}`, /apiVersion must be countersign\.dev\/v1/, 1);
    fails(`${HEAD}artifacts: []\n`, /artifacts must list at least one artifact/, 3);
    fails(HEAD, /artifacts/, 1);
    fails(`${HEAD}${ARTIFACTS}  - kind: terraform-plan\n    path: plan.json\n    previous: old.json\n`, /only kubernetes artifacts take a previous file/, 8);
  });

  test('artifact paths stay inside the bundle and are listed once', () => {
    fails(`${HEAD}${ARTIFACTS}  - kind: kubernetes\n    path: ../../etc/x.yaml\n`, /escapes the bundle/, 7);
    fails(`${HEAD}${ARTIFACTS}  - kind: kubernetes\n    path: /etc/x.yaml\n`, /absolute path/, 7);
    fails(`${HEAD}${ARTIFACTS}  - kind: kubernetes\n    path: k8s\\app.yaml\n`, /must use "\/"/, 7);
    fails(`${HEAD}${ARTIFACTS}  - kind: kubernetes\n    path: ./k8s/app.yaml\n`, /listed twice \(first on line 5\)/, 7);
  });

  test('YAML errors point at their line', () => {
    fails(`${HEAD}metadata:\n  vendor: a\n  vendor: b\n${ARTIFACTS}`, /invalid YAML: Map keys must be unique/, 5);
    fails(`${HEAD}artifacts:\n  - kind: kubernetes\n   path: [\n`, /invalid YAML/, 5);
  });
});
