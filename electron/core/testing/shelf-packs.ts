/**
 * Test support for the pack shelf (issue 14): a copy of the built-in packs folder with one more
 * pack, `test-hardening`, so shelf tests do not depend on which packs a build ships. Its
 * `th-read-only-root` fires on the demo's Deployments (a finding that appears in the impact), and
 * `th-no-privileged` shares baseline 5's pss:baseline/privileged-containers control.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packsRoot } from '../io/packs-root';

export const TEST_PACK = 'test-hardening';

const WORKLOADS = '[Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]';

const POLICIES: Readonly<Record<string, string>> = {
  'th-read-only-root': `id: th-read-only-root
title: Containers have a read-only root filesystem
description: Every container sets securityContext.readOnlyRootFilesystem to true.
severity: medium
enforcement: approval
controls: ["test-std:read-only-root"]
match:
  sources: [kubernetes]
  types: ${WORKLOADS}
  actions: [create, update, replace]
condition: |
  resource.podSpec == null || resource.containers.all(c, lookup(c.spec, "securityContext.readOnlyRootFilesystem", false) == true)
message: "{{ resource.address }}: a container can write its root filesystem"
remediation: Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir where the process writes.
`,
  'th-no-privileged': `id: th-no-privileged
title: No privileged containers (test pack)
severity: high
enforcement: mandatory
controls: ["pss:baseline/privileged-containers"]
match:
  sources: [kubernetes]
  types: ${WORKLOADS}
  actions: [create, update, replace]
condition: |
  resource.podSpec == null || !resource.containers.exists(c, lookup(c.spec, "securityContext.privileged", false) == true)
message: "{{ resource.address }}: a privileged container"
`,
};

/** A temporary packs root: the built-in packs (with their frozen versions) plus `test-hardening` version 1. */
export function packsRootWithTestPack(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'countersign-shelf-packs-')), 'policies');
  cpSync(packsRoot(), root, { recursive: true });
  mkdirSync(join(root, TEST_PACK), { recursive: true });
  writeFileSync(join(root, TEST_PACK, 'pack.yaml'), `name: ${TEST_PACK}\nversion: 1\nstandard: Test hardening standard\ndescription: >-\n  Two checks for the shelf's tests: read-only root filesystems, and no privileged containers.\n`);
  for (const [id, text] of Object.entries(POLICIES)) {
    mkdirSync(join(root, TEST_PACK, id), { recursive: true });
    writeFileSync(join(root, TEST_PACK, id, 'policy.yaml'), text);
  }
  return root;
}

/**
 * A Pod that meets the Pod Security Standards restricted profile except for one sysctl that is
 * safe only since v1.32 (`net.ipv4.tcp_rmem`): pss-baseline-sysctls flags it when the pack
 * follows v1.30 and passes it at latest. The shelf's standard-version tests import it (as a
 * release of the demo vendor, so the demo contract judges it) and watch the impact change.
 */
export const TUNED_POD_ADDRESS = 'Pod/shop/tuned-tcp';
export const TUNED_POD = `apiVersion: v1
kind: Pod
metadata: {name: tuned-tcp, namespace: shop}
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile: {type: RuntimeDefault}
    sysctls:
      - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
  containers:
    - name: app
      image: ghcr.io/acme/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
`;

/** TUNED_POD as a change-set bundle of the demo vendor: the file list `importFiles` takes. */
export function tunedPodBundleFiles(): { path: string; dataBase64: string }[] {
  const changeset = `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: Acme Analytics
  app: acme-analytics
  install: prod-eu
  release: 2.14.1-tuned
  previousRelease: 2.14.0
  createdAt: "2026-11-29T10:00:00Z"
  plannedApplyAt: "2026-12-02T03:00:00Z"
  description: TCP buffer tuning for the API pods.
artifacts:
  - {kind: kubernetes, path: k8s/tuned.yaml, component: acme-analytics}
`;
  const b64 = (t: string) => Buffer.from(t).toString('base64');
  return [{ path: 'acme-2.14.1-tuned/changeset.yaml', dataBase64: b64(changeset) }, { path: 'acme-2.14.1-tuned/k8s/tuned.yaml', dataBase64: b64(TUNED_POD) }];
}
