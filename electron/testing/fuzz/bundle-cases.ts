/**
 * Bundles: a changeset.yaml and corpus artifacts, as a folder, a .tar.gz or a .zip. The
 * manifest is mutated as data; the container gets hostile entries (path traversal, absolute
 * and odd names, symlinks and hard links, duplicates, lying sizes, truncation) or byte edits.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { tarGzBytes, zipBytes } from '../../core/testing/test-archives';
import type { TarEntrySpec, ZipEntrySpec } from '../../core/testing/test-archives';
import { applyByteEdits, byteEdits } from './byte-mutations';
import { corpusFiles } from './corpus-files';
import type { CaseFile, FuzzCase } from './fuzz-case';
import { marker, secretDocument, SECRET_STYLES } from './planted-secrets';
import { manifestPool, manifestYaml, mutateManifests } from './kubernetes-cases';
import { mutatePlan } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree, TreeEdit } from './tree-mutations';
import { YAML_ODD_SCALARS } from './yaml-text-edits';

const SMALL = 40_000;

/** Entry names an archive may carry that no honest bundle has. */
export const HOSTILE_NAMES: readonly string[] = [
  '../escape.json', '/etc/passwd', 'a/../../b.json', './infra/plan.json', 'infra//plan.json', 'infra\\plan.json', 'C:/x.json',
  'infra/plan.json\n1111  2  k8s/evil.yaml', 'nul\u0000.json', 'ls\u2028sep.yaml', 'bidi\u202ejson.yaml', 'INFRA/PLAN.JSON',
  'cafe\u0301.yaml', 'caf\u00e9.yaml', ' ', '.', '..', 'infra/', 'changeset.yaml/x', '\u001b[2Jclear.yaml', 'a'.repeat(300),
];

type EntryEdit =
  | { readonly op: 'rename'; readonly which: number; readonly name: number; readonly manifestToo: boolean }
  | { readonly op: 'symlink'; readonly which: number; readonly target: number }
  | { readonly op: 'hardlink'; readonly which: number }
  | { readonly op: 'duplicate'; readonly which: number; readonly other: number }
  | { readonly op: 'caseTwin'; readonly which: number }
  | { readonly op: 'dirEntry'; readonly which: number }
  | { readonly op: 'lyingSize'; readonly which: number; readonly size: number }
  | { readonly op: 'truncate'; readonly keep: number }
  | { readonly op: 'noEnd' };

const LINK_TARGETS = ['/etc/passwd', '../../../../etc/hostname', 'changeset.yaml', '.', '..', 'k8s', '/proc/self/environ'];

const entryEdit: fc.Arbitrary<EntryEdit> = fc.oneof(
  fc.record({ op: fc.constant('rename' as const), which: fc.nat(), name: fc.nat(), manifestToo: fc.boolean() }),
  fc.record({ op: fc.constant('symlink' as const), which: fc.nat(), target: fc.nat() }),
  fc.record({ op: fc.constant('hardlink' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), which: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('caseTwin' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('dirEntry' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('lyingSize' as const), which: fc.nat(), size: fc.constantFrom(0, 1, 0xffffffff, 300 * 1024 * 1024) }),
  fc.record({ op: fc.constant('truncate' as const), keep: fc.integer({ min: 1, max: 99 }) }),
  fc.constant({ op: 'noEnd' as const }),
);

interface Entry {
  name: string;
  data: string | Uint8Array;
  type?: '0' | '1' | '2' | '5';
  link?: string;
  declaredSize?: number;
}

const artifactArb = fc.record({
  terraform: fc.boolean(), file: fc.nat(), secret: fc.option(fc.record({ m: marker, style: fc.constantFrom(...SECRET_STYLES), pick: fc.nat() }), { freq: 2 }),
});

/** An artifact from the corpus; the first one takes `edits` (as data) when the case mutates artifacts. */
function artifactFile(a: { terraform: boolean; file: number; secret: { m: string; style: (typeof SECRET_STYLES)[number]; pick: number } | null }, i: number, edits: readonly TreeEdit[]) {
  if (a.terraform) {
    const small = corpusFiles('terraform').map((_, k) => k).filter((k) => corpusFiles('terraform')[k]!.bytes.length < SMALL);
    const p = mutatePlan(small[a.file % small.length]!, edits, true, a.secret?.m ?? null, a.secret?.pick ?? 0, 2);
    return { kind: 'terraform-plan', path: `infra/plan-${i}.json`, data: p.text, secret: p.planted ? a.secret!.m : null, done: edits.length ? [p.label] : [] };
  }
  const m = mutateManifests(a.file, edits, true, false, manifestPool(SMALL));
  const text = manifestYaml(m.docs, m.ph);
  const style = a.secret?.style === 'json-escaped-kind' ? 'block' : a.secret?.style;
  return { kind: 'kubernetes', path: `k8s/release-${i}.yaml`, data: a.secret ? `${text.trimEnd()}\n---\n${secretDocument(style!, a.secret.m)}` : text, secret: a.secret?.m ?? null, done: edits.length ? [`${m.name}: ${m.done.join(', ')}`] : [] };
}

function manifestTree(artifacts: readonly { kind: string; path: string }[]): Tree {
  return {
    apiVersion: 'countersign.dev/v1', kind: 'ChangeSet',
    metadata: { vendor: 'example-vendor', app: 'payments', install: 'acme-prod', release: '2.4.10', previousRelease: '2.4.9', createdAt: '2026-01-04T10:00:00Z', plannedApplyAt: '2026-01-05T03:00:00Z' },
    artifacts: artifacts.map((a, i) => ({ kind: a.kind, path: a.path, component: `c${i}` })),
  };
}

export function bundleCase(): fc.Arbitrary<FuzzCase> {
  return fc.record({
    container: fc.constantFrom('folder', 'folder', 'tar.gz', 'zip', 'manifest'),
    artifacts: fc.array(artifactArb, { minLength: 1, maxLength: 3 }),
    mode: fc.constantFrom('structure', 'structure', 'structure', 'container', 'container', 'bytes'),
    // The manifest schema is strict (most edits are refusals): the artifacts take two edits in three.
    target: fc.constantFrom('manifest', 'artifact', 'artifact'),
    manifestEdits: treeEdits(2),
    artifactEdits: treeEdits(2),
    entryEdits: fc.array(entryEdit, { minLength: 1, maxLength: 2 }),
    bytes: byteEdits,
  }).map((g): FuzzCase => {
    const editArtifact = g.mode === 'structure' && g.target === 'artifact';
    const arts = g.artifacts.map((a, i) => artifactFile(a, i, editArtifact && i === 0 ? g.artifactEdits : []));
    const tree = manifestTree(arts);
    const ph = new Placeholders();
    const done = g.mode === 'structure' && g.target === 'manifest' ? applyTreeEdits(tree, g.manifestEdits, ph, YAML_ODD_SCALARS).map((d) => `manifest ${d}`) : arts.flatMap((a) => a.done);
    let entries: Entry[] = arts.map((a) => ({ name: a.path, data: a.data }));
    const archived = g.container === 'tar.gz' || g.container === 'zip';
    let truncate: number | null = null;
    let noEnd = false;
    if (g.mode === 'container') {
      for (const e of g.entryEdits) {
        const target = entries[e.op === 'truncate' || e.op === 'noEnd' ? 0 : e.which % entries.length]!;
        switch (e.op) {
          case 'rename': {
            const name = HOSTILE_NAMES[e.name % HOSTILE_NAMES.length]!;
            if (e.manifestToo) for (const a of (tree as { artifacts: { path: string }[] }).artifacts) if (a.path === target.name) a.path = name;
            target.name = name;
            done.push(`entry renamed ${JSON.stringify(name)}${e.manifestToo ? ' (manifest too)' : ''}`);
            break;
          }
          case 'symlink':
            entries = entries.map((x) => (x === target ? { name: x.name, data: '', type: '2', link: LINK_TARGETS[e.target % LINK_TARGETS.length]! } : x));
            done.push(`${target.name} is a symlink`);
            break;
          case 'hardlink':
            entries.push({ name: `${target.name}.hard`, data: '', type: '1', link: target.name });
            entries = entries.map((x) => (x === target ? { name: x.name, data: '', type: '1', link: 'changeset.yaml' } : x));
            done.push(`${target.name} is a hard link`);
            break;
          case 'duplicate': {
            const other = entries[e.other % entries.length]!;
            entries.push({ name: target.name, data: other.data === target.data ? `${String(other.data)}\n` : other.data });
            done.push(`${target.name} twice`);
            break;
          }
          case 'caseTwin':
            entries.push({ name: target.name.toUpperCase(), data: target.data });
            done.push(`${target.name} and its upper-case twin`);
            break;
          case 'dirEntry':
            entries.push({ name: target.name, data: '', type: '5' });
            done.push(`${target.name} also a folder entry`);
            break;
          case 'lyingSize':
            target.declaredSize = e.size;
            done.push(`${target.name} declares ${e.size} bytes`);
            break;
          case 'truncate':
            truncate = e.keep;
            done.push(`archive cut to ${e.keep}%`);
            break;
          case 'noEnd':
            noEnd = true;
            done.push('no end-of-archive marker');
            break;
        }
      }
    }
    const manifest = fillPlaceholders(stringify(tree, { lineWidth: 0 }), ph, '\\x01', (k) => k);
    entries.unshift({ name: 'changeset.yaml', data: manifest });
    const secrets = arts.flatMap((a) => (a.secret ? [a.secret] : []));
    const label = `${g.container} [${arts.map((a) => a.path).join(', ')}]: ${g.mode} ${done.join(', ')}`;
    if (!archived) return folderCase(g.container === 'manifest', entries, label, g.mode === 'bytes' ? g.bytes : null, secrets);
    let bytes: Uint8Array = g.container === 'zip'
      ? zipBytes(entries.filter((e) => e.type !== '1' && e.type !== '5').map((e): ZipEntrySpec => ({
        name: e.name, data: e.type === '2' ? e.link : e.data, ...(e.type === '2' ? { unixMode: 0o120777 } : {}), ...(e.declaredSize !== undefined ? { declaredSize: e.declaredSize } : {}),
      })))
      : tarGzBytes(entries.map((e): TarEntrySpec => ({ name: e.name, data: e.data, type: e.type ?? '0', ...(e.link ? { linkname: e.link } : {}) })), { noEnd });
    if (truncate !== null) bytes = bytes.subarray(0, Math.floor((bytes.length * truncate) / 100));
    let doneBytes: string[] = [];
    if (g.mode === 'bytes') ({ bytes, done: doneBytes } = applyByteEdits(bytes, g.bytes));
    const name = `bundle.${g.container}`;
    return { label: `${label}${doneBytes.join(', ')}`, kind: g.mode as FuzzCase['kind'], files: [{ path: name, data: bytes }], input: name, secrets: g.mode === 'bytes' ? [] : secrets };
  });
}

/** A bundle folder; entries whose names cannot be files in it (traversal, NUL) are left out, symlinks become real ones. */
function folderCase(viaManifest: boolean, entries: readonly Entry[], label: string, bytes: Parameters<typeof applyByteEdits>[1] | null, secrets: string[]): FuzzCase {
  const files: CaseFile[] = [];
  for (const e of entries) {
    const parts = e.name.split('/');
    if (e.name.includes('\u0000') || e.name.startsWith('/') || parts.some((p) => p === '..' || p === '.') || e.name.endsWith('/') || parts.some((p) => p.length > 255)) continue;
    const path = `bundle/${e.name}`;
    if (files.some((f) => f.path === path || f.path.startsWith(`${path}/`) || path.startsWith(`${f.path}/`))) continue;
    if (e.type === '5') continue;
    if (e.type === '2' || e.type === '1') files.push({ path, symlinkTo: e.link! });
    else if (bytes && e.name !== 'changeset.yaml') files.push({ path, data: applyByteEdits(Buffer.from(e.data), bytes).bytes });
    else files.push({ path, data: e.data });
  }
  return { label, kind: bytes ? 'bytes' : label.includes(': container') ? 'container' : 'structure', files, input: viaManifest ? 'bundle/changeset.yaml' : 'bundle', secrets: bytes ? [] : secrets };
}
