/**
 * Contracts: real contract files (the verify fixture's own policies, the fixture workspace's,
 * a baseline one with overrides and parameters) mutated as data, as YAML text and as bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { repoRoot } from '../../core/testing/corpus';
import { contractYaml } from '../../core/verify/release-fixture';
import { applyByteEdits, byteEdits } from './byte-mutations';
import type { FuzzCase } from './fuzz-case';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree } from './tree-mutations';
import { applyYamlTextEdits, YAML_ODD_SCALARS, yamlTextEdits } from './yaml-text-edits';

const TUNED_BASELINE = `apiVersion: countersign.dev/v1
kind: Contract
metadata: {name: acme-tuned, vendor: Acme Analytics}
spec:
  extends: [baseline]
  approvals: {quorum: 2, exceptionQuorum: 2, maxExceptionDays: 14}
  overrides:
    k8s-resource-limits: {enforcement: advisory}
    namespace-scope: {enabled: false}
  parameters:
    elevated-access-approval: {maxDays: 3}
    images-approved-registries: {registries: ["ghcr.io/acme/", "registry.k8s.io"]}
    required-tags: {tags: ["Owner", {key: Environment, allowedRegex: "^(prod|staging)$"}]}
    maintenance-window:
      windows: [{days: [Sat, Sun], start: "01:00", end: "05:00", timezone: Europe/Berlin}]
`;

export function contractSources(): readonly { readonly name: string; readonly text: string }[] {
  return [
    { name: 'own-policies.yaml', text: contractYaml() },
    { name: 'fixture-contract.yaml', text: readFileSync(join(repoRoot, 'electron/testing/fixtures/workspace-0.1.0/contract.yaml'), 'utf8') },
    { name: 'tuned-baseline.yaml', text: TUNED_BASELINE },
  ];
}

export function contractCase(): fc.Arbitrary<FuzzCase> {
  const sources = contractSources();
  const structure = fc.record({ src: fc.nat(), edits: treeEdits(2) }).map(({ src, edits }): FuzzCase => {
    const s = sources[src % sources.length]!;
    const tree = parse(s.text) as Tree;
    const ph = new Placeholders();
    const done = applyTreeEdits(tree, edits, ph, YAML_ODD_SCALARS);
    const text = fillPlaceholders(stringify(tree, { lineWidth: 0 }), ph, '\\x01', (k) => k);
    return { label: `${s.name}: ${done.join(', ')}`, kind: 'structure', files: [{ path: s.name, data: text }], input: s.name, secrets: [] };
  });
  const text = fc.record({ src: fc.nat(), edits: yamlTextEdits }).map(({ src, edits }): FuzzCase => {
    const s = sources[src % sources.length]!;
    const out = applyYamlTextEdits(s.text, edits.filter((e) => e.op !== 'bomb' && e.op !== 'deepFlow' && e.op !== 'docMarker' ? true : edits.length === 1));
    return { label: `${s.name}: ${out.done.join(', ')}`, kind: 'text', files: [{ path: s.name, data: out.text }], input: s.name, secrets: [] };
  });
  const bytes = fc.record({ src: fc.nat(), edits: byteEdits }).map(({ src, edits }): FuzzCase => {
    const s = sources[src % sources.length]!;
    const out = applyByteEdits(Buffer.from(s.text), edits);
    return { label: `${s.name}: bytes ${out.done.join(', ')}`, kind: 'bytes', files: [{ path: s.name, data: out.bytes }], input: s.name, secrets: [] };
  });
  return fc.oneof({ weight: 5, arbitrary: structure }, { weight: 3, arbitrary: text }, { weight: 2, arbitrary: bytes });
}
