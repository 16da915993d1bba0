/** Terraform plan JSON: corpus plans mutated as data (and as bytes), with sensitive values planted. */
import fc from 'fast-check';
import { applyByteEdits, byteEdits } from './byte-mutations';
import { corpusFiles, corpusText } from './corpus-files';
import type { FuzzCase } from './fuzz-case';
import { marker, plantSensitive } from './planted-secrets';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree } from './tree-mutations';

/** JSON a serializer never writes: out-of-range and negative-zero numbers, lone surrogates, escapes. */
export const JSON_RAW: readonly string[] = [
  '1e999', '-1e999', '-0', '1.0e+400', '123456789012345678901234567890', '1e-400', '0.30000000000000004', '9007199254740993',
  '"\\ud800"', '"\\u0000"', '"a\\u2028b"', '"\\u001b[2J"', '"\\u202e"', 'NaN', 'Infinity', '0x10', '00012', '+1', '.5', 'undefined',
];

/** Where the loader reads: most edits land there, so the evaluator sees the mutated values. */
const LOADER_MEMBERS = new Set(['resource_changes', 'resource_drift', 'format_version', 'terraform_version', 'relevant_attributes']);

export function parsedPlans(): readonly { readonly name: string; readonly plan: Tree }[] {
  return corpusFiles('terraform').map((f) => ({ name: f.name, plan: JSON.parse(corpusText(f)) as Tree }));
}

let plans: ReturnType<typeof parsedPlans> | undefined;

/** A mutated plan as text, with its description and whether a secret was planted. */
export function mutatePlan(file: number, edits: Parameters<typeof applyTreeEdits>[1], focus: boolean, secret: string | null, pick: number, indent: number): { name: string; text: string; label: string; planted: boolean } {
  plans ??= parsedPlans();
  const base = plans[file % plans.length]!;
  const plan = structuredClone(base.plan);
  const ph = new Placeholders();
  const done = applyTreeEdits(plan, edits, ph, JSON_RAW, focus ? (path) => LOADER_MEMBERS.has(String(path[0])) : undefined);
  // A second `after_sensitive` (or `change`, …) written after ours wins in JSON.parse, as in Go's
  // encoding/json: the secret would then be ordinary data, not a leak. Plant only without those.
  const clash = ph.keys.some((k) => ['resource_changes', 'change', 'after', 'before', 'after_sensitive', 'before_sensitive'].includes(k));
  const planted = secret !== null && !clash && plantSensitive(plan, pick, secret);
  const text = fillPlaceholders(JSON.stringify(plan, null, indent), ph, '\\u0001', (k) => JSON.stringify(k));
  return { name: base.name, text, label: `${base.name}: ${done.join(', ')}`, planted };
}

export function terraformCase(): fc.Arbitrary<FuzzCase> {
  const files = corpusFiles('terraform');
  const structure = fc.record({
    file: fc.nat(), edits: treeEdits(3), focus: fc.constantFrom(true, true, true, false), secret: fc.option(marker, { freq: 4 }), pick: fc.nat(),
    indent: fc.constantFrom(0, 2),
  }).map(({ file, edits, focus, secret, pick, indent }): FuzzCase => {
    const m = mutatePlan(file, edits, focus, secret, pick, indent);
    return { label: m.label, kind: 'structure', files: [{ path: m.name, data: m.text }], input: m.name, secrets: m.planted && secret ? [secret] : [] };
  });
  const bytes = fc.record({ file: fc.nat(), edits: byteEdits }).map(({ file, edits }): FuzzCase => {
    const f = files[file % files.length]!;
    const { bytes: out, done } = applyByteEdits(f.bytes, edits);
    return { label: `${f.name}: bytes ${done.join(', ')}`, kind: 'bytes', files: [{ path: f.name, data: out }], input: f.name, secrets: [] };
  });
  return fc.oneof({ weight: 8, arbitrary: structure }, { weight: 2, arbitrary: bytes });
}
