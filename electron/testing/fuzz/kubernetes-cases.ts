/**
 * Kubernetes YAML/JSON: corpus manifests mutated as data (written back as YAML or as a JSON
 * List), as YAML text (see yaml-text-edits) and as bytes; a Secret holding a marker is
 * appended in one of the styles the masking must handle.
 */
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { applyByteEdits, byteEdits } from './byte-mutations';
import { corpusFiles, corpusText } from './corpus-files';
import type { FuzzCase } from './fuzz-case';
import { marker, secretDocument, SECRET_STYLES } from './planted-secrets';
import { JSON_RAW } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree, TreeEdit } from './tree-mutations';
import { applyYamlTextEdits, YAML_ODD_SCALARS, yamlTextEdits } from './yaml-text-edits';

let parsed: { readonly name: string; readonly text: string; readonly docs: Tree[] }[] | undefined;

function manifests(): NonNullable<typeof parsed> {
  parsed ??= corpusFiles('kubernetes').map((f) => {
    const text = corpusText(f);
    const docs = parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: -1 }) as Tree).filter((d) => d !== null);
    return { name: f.name, text, docs };
  });
  return parsed;
}

/** Only edits below the identity (kind, apiVersion, metadata.name) most of the time: a renamed kind tests little. */
export const keepsIdentity = (path: readonly (string | number)[]): boolean =>
  path.length > 1 && !(path[1] === 'kind' || path[1] === 'apiVersion' || (path[1] === 'metadata' && (path.length === 2 || path[2] === 'name' || path[2] === 'namespace')));

const secretArb = fc.option(fc.record({ m: marker, style: fc.constantFrom(...SECRET_STYLES) }), { freq: 3 });

export function kubernetesCase(): fc.Arbitrary<FuzzCase> {
  const structure = fc.record({
    file: fc.nat(), edits: treeEdits(3), keep: fc.constantFrom(true, true, true, false), json: fc.constantFrom(false, false, false, true), secret: secretArb,
  }).map(({ file, edits, keep, json, secret }): FuzzCase => {
    const { name, docs, ph, done } = mutateManifests(file, edits, keep, json);
    const base = { name };
    const stem = base.name.replace(/\.ya?ml$/, '');
    if (json) {
      // A JSON file holds one object: the documents go into a List, the Secret as one of its items.
      const items = secret ? [...docs, { fuzzSecret: 1 } as Tree] : docs;
      let text = fillPlaceholders(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2), ph, '\\u0001', (k) => JSON.stringify(k));
      if (secret) text = text.replace(/\{\s*"fuzzSecret": 1\s*\}/, secretDocument('json-escaped-kind', secret.m).trim());
      return { label: `${base.name} as JSON: ${done.join(', ')}`, kind: 'structure', files: [{ path: `${stem}.json`, data: text }], input: `${stem}.json`, secrets: secret ? [secret.m] : [] };
    }
    const text = manifestYaml(docs, ph);
    return withSecret({ label: `${base.name}: ${done.join(', ')}`, kind: 'structure', path: base.name, text }, secret);
  });
  const text = fc.record({ file: fc.nat(), edits: yamlTextEdits, secret: secretArb }).map(({ file, edits, secret }): FuzzCase => {
    const base = manifests()[file % manifests().length]!;
    const out = applyYamlTextEdits(base.text, edits);
    return withSecret({ label: `${base.name}: ${out.done.join(', ')}`, kind: 'text', path: base.name, text: out.text }, secret);
  });
  const bytes = fc.record({ file: fc.nat(), edits: byteEdits }).map(({ file, edits }): FuzzCase => {
    const f = corpusFiles('kubernetes')[file % corpusFiles('kubernetes').length]!;
    const { bytes: out, done } = applyByteEdits(f.bytes, edits);
    return { label: `${f.name}: bytes ${done.join(', ')}`, kind: 'bytes', files: [{ path: f.name, data: out }], input: f.name, secrets: [] };
  });
  return fc.oneof({ weight: 5, arbitrary: structure }, { weight: 4, arbitrary: text }, { weight: 1, arbitrary: bytes });
}

/** A corpus manifest file's documents mutated as data (placeholders still in). */
export function mutateManifests(file: number, edits: readonly TreeEdit[], keep: boolean, json: boolean, pool = manifests()): { name: string; docs: Tree[]; ph: Placeholders; done: string[] } {
  const base = pool[file % pool.length]!;
  const docs = structuredClone(base.docs);
  const ph = new Placeholders();
  const done = applyTreeEdits(docs, edits, ph, json ? JSON_RAW : YAML_ODD_SCALARS, keep ? keepsIdentity : undefined);
  return { name: base.name, docs, ph, done };
}

export function manifestYaml(docs: readonly Tree[], ph: Placeholders): string {
  return docs.map((d) => fillPlaceholders(stringify(d, { lineWidth: 0 }), ph, '\\x01', (k) => k)).join('---\n');
}

export function manifestPool(maxBytes: number): NonNullable<typeof parsed> {
  return manifests().filter((m) => m.text.length < maxBytes);
}

/** Appends the Secret as a document of its own (after the mutations: they cannot unmask it). */
function withSecret(c: { label: string; kind: FuzzCase['kind']; path: string; text: string }, secret: { m: string; style: (typeof SECRET_STYLES)[number] } | null): FuzzCase {
  const body = secret ? `${c.text.replace(/\r?\n?$/, c.text.includes('\r\n') ? '\r\n' : '\n')}---\n${secretDocument(secret.style, secret.m)}` : c.text;
  return {
    label: secret ? `${c.label}; Secret ${secret.style}` : c.label,
    kind: c.kind, files: [{ path: c.path, data: body }], input: c.path, secrets: secret ? [secret.m] : [],
  };
}
