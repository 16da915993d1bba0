/**
 * Fleet contract folders (issue 12): 2–4 customer contracts (v3, extending baseline 4, as the
 * fleet fixtures write them), one of them published, in one folder. Install names and file names
 * are odd (terminal escapes, bidi, path characters, markup, empty, duplicates); one contract or
 * the publication is mutated as data, as YAML text or as bytes, or the publication is kept
 * while its contract changes. Keys come from fixed seeds: a case is the same bytes every run.
 */
import { createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { contractOwner, fleetContractYaml, ownPolicy, publicationText } from '../../core/testing/fleet-fixtures';
import type { FleetContractSpec, PublishingOwner } from '../../core/testing/fleet-fixtures';
import { exportPublicKey, keyIdOf } from '../../core/signing/keys';
import { seededKey } from './attestation-cases';
import { applyByteEdits, byteEdits } from './byte-mutations';
import type { CaseFile, FuzzCase } from './fuzz-case';
import { JSON_RAW } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree } from './tree-mutations';
import { applyYamlTextEdits, yamlTextEdits } from './yaml-text-edits';

/** Markup planted in names: the HTML matrix must show it as text, never as a tag. */
export const MARKUP_TAG = '<fuzz-tag';

/** Install names a customer (or someone posing as one) could write. */
export const ODD_INSTALLS: readonly string[] = [
  'acme-eu', 'globex', '', ' ', '../../etc/passwd', 'a/b', 'C:\\x', 'esc\u001b[31mred', 'osc\u001b]8;;http://x\u0007link', 'bidi\u202eexe.yaml',
  'nl\nrow', 'cr\rrow', 'nul\u0000x', 'c1\u009bx', 'zw\u200bj', 'ls\u2028x', `${MARKUP_TAG} onload=x>`, '"><fuzz-tag>', '名前', '🔥', 'a'.repeat(300),
  '\ufeffbom', '-rf', '%s%n', 'ACME-EU', 'acme-eu ',
];

/** File names in the folder (the install name of a contract without metadata.install comes from it). */
export const ODD_FILE_NAMES: readonly string[] = [
  'acme-eu.contract.yaml', 'globex.yaml', 'x.yml', 'x.json', 'X.YAML', 'esc\u001b[2Jclear.yaml', 'bidi\u202elmth.yaml', 'nl\nname.yaml', 'tab\tname.yaml',
  `${MARKUP_TAG}>.yaml`, ' space.yaml', '-dash.yaml', '.yaml', 'a.contract.yaml.yaml', '名前.yaml', 'c1\u0085x.yaml', '..yaml',
];

export interface FleetSpec {
  readonly name: string;
  readonly install: string | null;
  readonly file: string;
  readonly own: boolean;
}

const contractSpec = fc.record({
  name: fc.constantFrom('acme', 'globex', 'initech', 'esc\u001b[1mname', `${MARKUP_TAG}>`),
  install: fc.option(fc.constantFrom(...ODD_INSTALLS), { freq: 5 }),
  file: fc.constantFrom(...ODD_FILE_NAMES),
  own: fc.boolean(),
});

let owner: PublishingOwner | undefined;

/** The contract owner of the published contract, from a fixed seed. */
export function fleetOwner(): PublishingOwner {
  if (!owner) {
    const privateKey = seededKey(41);
    const publicKey = createPublicKey(privateKey);
    const keyId = keyIdOf(publicKey);
    const made = contractOwner('Olivia Owner');
    owner = { keyId, privateKey, entry: { ...made.entry, fingerprint: keyId, publicKey: exportPublicKey(publicKey).pem } };
  }
  return owner;
}

/** The evaluation time (fixed) and the publication's validity around it. */
export const FLEET_AT = new Date('2026-03-02T10:00:00Z');
const TIMES = { time: new Date('2026-03-01T10:00:00Z'), notAfter: new Date('2026-04-01T10:00:00Z') };

function contractText(s: FleetSpec, k: number, roster: boolean): string {
  const spec: FleetContractSpec = {
    name: s.name, ...(s.install !== null ? { install: s.install } : {}),
    ...(s.own ? { policies: [ownPolicy(`own-${k}`, `t${k}`)] } : {}),
    ...(k % 2 === 1 ? { parameters: { 'required-tags': { tags: [`Owner${k}`] } } } : {}),
    ...(roster ? { roster: [fleetOwner().entry] } : {}),
  };
  return fleetContractYaml(spec);
}

type Mutation =
  | { readonly what: 'none' }
  | { readonly what: 'tree'; readonly edits: Parameters<typeof applyTreeEdits>[1] }
  | { readonly what: 'yaml'; readonly edits: Parameters<typeof applyYamlTextEdits>[1] }
  | { readonly what: 'bytes'; readonly edits: Parameters<typeof applyByteEdits>[1] }
  | { readonly what: 'publication-tree'; readonly edits: Parameters<typeof applyTreeEdits>[1] }
  | { readonly what: 'publication-bytes'; readonly edits: Parameters<typeof applyByteEdits>[1] }
  | { readonly what: 'changed-after-publishing' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ what: 'none' as const }) },
  { weight: 4, arbitrary: fc.record({ what: fc.constant('tree' as const), edits: treeEdits(3) }) },
  { weight: 2, arbitrary: fc.record({ what: fc.constant('yaml' as const), edits: yamlTextEdits }) },
  { weight: 1, arbitrary: fc.record({ what: fc.constant('bytes' as const), edits: byteEdits }) },
  { weight: 2, arbitrary: fc.record({ what: fc.constant('publication-tree' as const), edits: treeEdits(2) }) },
  { weight: 1, arbitrary: fc.record({ what: fc.constant('publication-bytes' as const), edits: byteEdits }) },
  { weight: 1, arbitrary: fc.constant({ what: 'changed-after-publishing' as const }) },
);

function mutateTree(text: string, edits: Parameters<typeof applyTreeEdits>[1], json: boolean): { text: string; done: string[] } {
  const value = (json ? JSON.parse(text) : parse(text)) as Tree;
  const ph = new Placeholders();
  const done = applyTreeEdits(value, edits, ph, JSON_RAW);
  const out = json
    ? fillPlaceholders(JSON.stringify(value, null, 2), ph, '\\u0001', (k) => JSON.stringify(k))
    : fillPlaceholders(stringify(value, { lineWidth: 0 }), ph, '\\x01', (k) => k);
  return { text: out, done };
}

export function fleetCase(): fc.Arbitrary<FuzzCase> {
  return fc.record({ specs: fc.array(contractSpec, { minLength: 2, maxLength: 4 }), published: fc.nat(), target: fc.nat(), mutation })
    .map(({ specs, published, target, mutation: m }) => {
      const pub = published % specs.length;
      const names = new Set<string>();
      const files: CaseFile[] = [];
      const texts: string[] = [];
      const done: string[] = [];
      specs.forEach((s, k) => {
        // Two contracts cannot share a file name: a later one gets a numbered name.
        let file = s.file;
        for (let n = 2; names.has(file); n++) file = `${n}-${s.file}`;
        names.add(file);
        texts.push(contractText(s, k, k === pub));
        files.push({ path: `fleet/${file}`, data: texts[k] });
        done.push(`${JSON.stringify(file)} install ${s.install === null ? '(from file)' : JSON.stringify(s.install)}`);
      });
      let publication: string | null;
      try {
        publication = publicationText(texts[pub]!, fleetOwner(), TIMES, 1);
      } catch {
        // `contract publish` refuses it (an install name over 256 characters…): the folder has no publication.
        publication = null;
        done.push('not publishable');
      }
      const t = target % files.length;
      const at = files[t]!;
      switch (m.what) {
        case 'tree': {
          const r = mutateTree(at.data as string, m.edits, false);
          files[t] = { path: at.path, data: r.text };
          done.push(`${at.path}: ${r.done.join(', ')}`);
          break;
        }
        case 'yaml': {
          const r = applyYamlTextEdits(at.data as string, m.edits);
          files[t] = { path: at.path, data: r.text };
          done.push(`${at.path}: ${r.done.join(', ')}`);
          break;
        }
        case 'bytes': {
          const r = applyByteEdits(Buffer.from(at.data as string), m.edits);
          files[t] = { path: at.path, data: r.bytes };
          done.push(`${at.path}: bytes ${r.done.join(', ')}`);
          break;
        }
        case 'publication-tree': {
          if (publication === null) break;
          const r = mutateTree(publication, m.edits, true);
          publication = r.text;
          done.push(`publication: ${r.done.join(', ')}`);
          break;
        }
        case 'publication-bytes': {
          if (publication === null) break;
          const r = applyByteEdits(Buffer.from(publication), m.edits);
          publication = null;
          files.push({ path: 'fleet/pub-bytes.publication.json', data: r.bytes });
          done.push(`publication: bytes ${r.done.join(', ')}`);
          break;
        }
        case 'changed-after-publishing':
          files[pub] = { path: files[pub]!.path, data: `${texts[pub]!}# changed after publishing\n  overrides: {db-no-replace: {enforcement: advisory}}\n` };
          done.push('the published contract changed after publishing');
          break;
        case 'none':
          break;
      }
      if (publication !== null) files.push({ path: 'fleet/contract-r1.publication.json', data: publication });
      // Hidden files (`.yaml`, `..yaml`) are not contracts of the folder.
      const installs = specs.map((s, k) => (s.install !== null && s.install !== '' && !files[k]!.path.startsWith('fleet/.') ? s.install : null)).filter((i): i is string => i !== null);
      // Two unmutated contracts naming one install must be refused; nothing else is predicted (a mutation may make any contract invalid).
      const duplicate = m.what === 'none' && new Set(installs).size < installs.length;
      return {
        label: `${specs.length} contracts, #${pub} published: ${done.join('; ')}${m.what !== 'none' ? ` (${m.what} on #${t})` : ''}`,
        kind: m.what === 'bytes' || m.what === 'publication-bytes' ? 'bytes' : m.what === 'yaml' ? 'text' : 'structure',
        files, input: 'fleet', secrets: [], ...(duplicate ? { mustRefuse: 'two contracts name one install' } : {}),
      } satisfies FuzzCase;
    });
}
