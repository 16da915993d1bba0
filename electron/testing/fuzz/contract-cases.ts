/**
 * Contracts: real contract files (the verify fixture's own policies, the fixture workspace's,
 * a baseline one with overrides and parameters) mutated as data, as YAML text and as bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { repoRoot } from '../../core/testing/corpus';
import { contractYaml } from '../../core/testing/release-fixture';
import { applyByteEdits, byteEdits } from './byte-mutations';
import type { FuzzCase } from './fuzz-case';
import { applyTreeEdits, fillPlaceholders, Placeholders, slotsOf, treeEdits } from './tree-mutations';
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

/** countersign.dev/v4 (issue 10): pinned packs, separation of duties and vendor signatures set. */
const V4_CONTRACT = `apiVersion: countersign.dev/v4
kind: Contract
metadata: {name: acme-v4, vendor: Acme Analytics}
spec:
  extends: [{pack: baseline, version: 3}]
  approvals:
    quorum: 2
    exceptionQuorum: 2
    maxExceptionDays: 14
    separationOfDuties: {requesterMayWaiveAlone: false, approverMaySignReliedExceptions: false}
  vendorSignature: required
  overrides:
    k8s-resource-limits: {enforcement: advisory}
  parameters:
    elevated-access-approval: {maxDays: 3}
`;

export function contractSources(): readonly { readonly name: string; readonly text: string }[] {
  return [
    { name: 'v4-signoff.yaml', text: V4_CONTRACT },
    { name: 'own-policies.yaml', text: contractYaml() },
    { name: 'fixture-contract.yaml', text: readFileSync(join(repoRoot, 'electron/testing/fixtures/workspace-0.1.0/contract.yaml'), 'utf8') },
    { name: 'tuned-baseline.yaml', text: TUNED_BASELINE },
  ];
}

/** CEL a customer might write, and CEL meant to hurt: runtime errors, ReDoS, overflow, deep nesting, unknown names. */
export const CEL_SNIPPETS: readonly string[] = [
  'true', 'false', '1 / 0 == 1', 'object.x.y.z == 1', 'size(resource.address) > 1000000', '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("(a+)+$")',
  'lookup(object, "publicly_accessible", false) == null', '[1, 2, 3].all(x, x > 0)', '9223372036854775807 + 1 > 0', 'double("NaN") == double("NaN")',
  `${'('.repeat(2000)}true${')'.repeat(2000)}`, `${'!'.repeat(5001)}true`, 'unknownFunction(1)', '{"a": 1}.a == 1', 'dyn(1) == 1u', 'object', '',
  'resource.containers.exists(c, c.spec.image.endsWith(":latest"))', 'timestamp("2026-02-30T00:00:00Z") < now', 'duration("1e9h") > duration("1s")',
  '[[1]].map(x, [x, x, x, x, x, x, x, x]).map(y, [y, y, y, y, y, y, y, y]).size() > 0', 'object.password == "x"', 'has(object.tags) && object.tags.Owner != ""',
];
const MESSAGES: readonly string[] = ['{{ resource.address }}', '{{ object.password }}', '{{', '}}', '{{ 1 / 0 }}', '{{ resource.address }}'.repeat(500), '\u001b[2J{{ resource.address }}', '{{ object }}'];

/** Edits that keep the contract's shape (same type at the same place), so it loads and the evaluator runs it. */
const sameShapeEdit = fc.record({ at: fc.nat(), cel: fc.nat(), message: fc.nat(), num: fc.constantFrom(-1, 0, 1, 1, 2, 3, 0.5, 30, 365, 1000, 1001), str: fc.string({ maxLength: 10 }), bool: fc.boolean() });

type SameShapeEdit = typeof sameShapeEdit extends fc.Arbitrary<infer T> ? T : never;

function sameShape(tree: Tree, edits: readonly SameShapeEdit[]): string[] {
  const done: string[] = [];
  for (const e of edits) {
    // Leaves only, and not the ones a schema pins (apiVersion, kind, pack names): those are refusals, tested by the other edits.
    const slots = slotsOf(tree, 50_000, (path) => !path.some((k) => k === 'apiVersion' || k === 'kind' || k === 'extends' || k === 'sources')).filter(({ parent, key }) => {
      const v = (parent as Record<string | number, Tree>)[key];
      return v === null || typeof v !== 'object';
    });
    if (slots.length === 0) break;
    const { parent, key } = slots[e.at % slots.length]!;
    const p = parent as Record<string | number, Tree>;
    const v = p[key];
    if (key === 'condition') p[key] = CEL_SNIPPETS[e.cel % CEL_SNIPPETS.length]!;
    else if (key === 'message') p[key] = MESSAGES[e.message % MESSAGES.length]!;
    else if (key === 'severity') p[key] = ['critical', 'high', 'medium', 'low', 'info'][e.cel % 5]!;
    else if (key === 'enforcement') p[key] = ['advisory', 'approval', 'deny', 'mandatory'][e.cel % 4]!;
    else if (key === 'vendorSignature') p[key] = VENDOR_SIGNATURE_VALUES[e.cel % VENDOR_SIGNATURE_VALUES.length]!;
    else if (typeof v === 'number') p[key] = e.num;
    else if (typeof v === 'boolean') p[key] = e.bool;
    else if (typeof v === 'string') p[key] = e.str;
    done.push(`${String(key)} (same type)`);
  }
  return done;
}

const VENDOR_SIGNATURE_VALUES: readonly Tree[] = ['optional', 'required', 'Required', 'REQUIRED', 'required ', '', 'none', true, false, null, 1, ['required'], { required: true }];
const SEPARATION_VALUES: readonly Tree[] = [
  {}, { requesterMayWaiveAlone: true }, { approverMaySignReliedExceptions: false }, { requesterMayWaiveAlone: 'false' }, { requesterMayWaiveAlone: 0 },
  { requesterMayWaiveAlone: null }, { requesterMaywaiveAlone: false }, { requesterMayWaiveAlone: false, extra: true }, [], 'strict', true, null,
];

/** The v4 fields set, changed, dropped or given to an older contract (where they must be refused, never ignored). */
const v4Edit = fc.record({ sod: fc.nat(), vendor: fc.nat(), version: fc.constantFrom('keep', 'v3', 'v4'), drop: fc.constantFrom('none', 'sod', 'vendor') });

function applyV4Edit(tree: Tree, e: typeof v4Edit extends fc.Arbitrary<infer T> ? T : never): string[] {
  const doc = tree as { apiVersion?: Tree; spec?: { approvals?: Record<string, Tree>; vendorSignature?: Tree } };
  const spec = (doc.spec ??= {});
  const approvals = (spec.approvals ??= { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 });
  const done: string[] = [];
  if (e.version !== 'keep') {
    doc.apiVersion = `countersign.dev/${e.version}`;
    done.push(`apiVersion ${e.version}`);
  }
  if (e.drop === 'sod') delete approvals.separationOfDuties;
  else approvals.separationOfDuties = SEPARATION_VALUES[e.sod % SEPARATION_VALUES.length]!;
  if (e.drop === 'vendor') delete spec.vendorSignature;
  else spec.vendorSignature = VENDOR_SIGNATURE_VALUES[e.vendor % VENDOR_SIGNATURE_VALUES.length]!;
  done.push(`separationOfDuties ${JSON.stringify(approvals.separationOfDuties) ?? 'dropped'}`, `vendorSignature ${JSON.stringify(spec.vendorSignature) ?? 'dropped'}`);
  return done;
}

export function contractCase(): fc.Arbitrary<FuzzCase> {
  const sources = contractSources();
  const v4 = fc.record({ src: fc.nat(), edit: v4Edit }).map(({ src, edit }): FuzzCase => {
    const s = sources[src % sources.length]!;
    const tree = parse(s.text) as Tree;
    const done = applyV4Edit(tree, edit);
    return { label: `${s.name}: v4 fields: ${done.join(', ')}`, kind: 'structure', files: [{ path: s.name, data: stringify(tree, { lineWidth: 0 }) }], input: s.name, secrets: [] };
  });
  const shaped = fc.record({ src: fc.nat(), edits: fc.array(sameShapeEdit, { minLength: 1, maxLength: 3 }) }).map(({ src, edits }): FuzzCase => {
    const s = sources[src % sources.length]!;
    const tree = parse(s.text) as Tree;
    const done = sameShape(tree, edits);
    return { label: `${s.name}: ${done.join(', ')}`, kind: 'structure', files: [{ path: s.name, data: stringify(tree, { lineWidth: 0 }) }], input: s.name, secrets: [] };
  });
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
  return fc.oneof({ weight: 3, arbitrary: v4 }, { weight: 5, arbitrary: shaped }, { weight: 3, arbitrary: structure }, { weight: 2, arbitrary: text }, { weight: 1, arbitrary: bytes });
}
