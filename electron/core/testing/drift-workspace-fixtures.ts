// Issue 12 (D3): an approved Kubernetes bundle with a Secret, and its live objects after a hand
// edit (the Secret's data changed, the Deployment scaled, a ConfigMap added outside the pipeline),
// for the workspace, API and planted-secret tests of drift.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveListJson, rawObjects, serverView } from './kubernetes-live';

export interface KubernetesDriftSecrets {
  readonly approvedSecret: string;
  readonly liveSecret: string;
  readonly addedSecret: string;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export function approvedManifests(s: KubernetesDriftSecrets): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: acme}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: registry.example.com/acme/api:2.14.0
          resources: {requests: {cpu: 500m, memory: 1Gi}}
---
apiVersion: v1
kind: Secret
metadata: {name: api-credentials, namespace: acme}
type: Opaque
data:
  password: ${b64(s.approvedSecret)}
`;
}

/** A bundle (changeset.yaml + the approved manifests) for the install. */
export function writeApprovedKubernetesBundle(dir: string, s: KubernetesDriftSecrets, install = 'k8s-prod'): string {
  mkdirSync(join(dir, 'k8s'), { recursive: true });
  writeFileSync(join(dir, 'changeset.yaml'), `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: Acme Analytics
  app: acme-analytics
  install: ${install}
  release: 2.14.0
artifacts:
  - {kind: kubernetes, path: k8s/release.yaml, component: acme-analytics}
`);
  writeFileSync(join(dir, 'k8s', 'release.yaml'), approvedManifests(s));
  return dir;
}

/** `kubectl get -o json` of the namespace after someone edited it by hand. */
export function editedLiveList(s: KubernetesDriftSecrets): string {
  const [deployment, secret] = rawObjects('release.yaml', approvedManifests(s)) as [Record<string, unknown>, Record<string, unknown>];
  const live = serverView(deployment);
  (live.spec as Record<string, unknown>).replicas = 5;
  const liveSecret = serverView({ ...secret, data: { password: b64(s.liveSecret) } });
  const added = serverView({
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'debug-token', namespace: 'acme' }, type: 'Opaque',
    stringData: undefined, data: { token: b64(s.addedSecret) },
  }, { manager: 'kubectl-edit' });
  return liveListJson([live, liveSecret, added]);
}
