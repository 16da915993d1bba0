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
