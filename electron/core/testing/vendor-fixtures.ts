// Fixtures for per-vendor contracts (issue 9): a demo bundle re-labelled as another vendor or
// install, and small contracts whose verdicts differ, so a test can tell which one judged.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './corpus';

const CHART_BUMP = join(repoRoot, 'electron/demo/bundles/acme-2.13.2-chart-bump');

/** The demo chart bump (Kubernetes only, no baseline findings) as `vendor`/`install` sent it, in `dir`/`name`. */
export function vendorBundle(dir: string, name: string, vendor: string, install: string): string {
  const out = join(dir, name);
  cpSync(CHART_BUMP, out, { recursive: true });
  const file = join(out, 'changeset.yaml');
  const text = readFileSync(file, 'utf8')
    .replace(/^ {2}vendor: .*$/m, `  vendor: ${JSON.stringify(vendor)}`)
    .replace(/^ {2}install: .*$/m, `  install: ${JSON.stringify(install)}`);
  writeFileSync(file, text);
  return out;
}

/** A v3 contract with one own policy of `enforcement` that fails every Kubernetes resource (none: no policies). */
export function selectorContract(name: string, vendor: string, install: string, enforcement: 'deny' | 'approval' | 'advisory' | null): string {
  const policy = enforcement === null ? '  policies: []\n' : `  policies:
    - id: ${name}-says-no
      title: ${name} flags every Kubernetes change
      severity: medium
      enforcement: ${enforcement}
      match: {sources: [kubernetes]}
      condition: "false"
      message: "flagged by ${name}"
`;
  return `apiVersion: countersign.dev/v3
kind: Contract
metadata:
  name: ${name}
  vendor: ${JSON.stringify(vendor)}
  install: ${JSON.stringify(install)}
spec:
  approvals: {quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30}
${policy}`;
}
