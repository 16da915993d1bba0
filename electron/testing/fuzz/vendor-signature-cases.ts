/**
 * Vendor release signatures in a bundle's signatures/ folder (core/loaders/bundle/signatures.ts,
 * core/verify/vendor-signature.ts): the demo chart bump signed by a vendor key the receiving
 * workspace trusts (role vendor), then the signature files mutated (envelope data, statements
 * re-signed by the vendor after an edit, a stranger's or another change set's signature, bytes),
 * over the size cap, too many, links, sub-folders, a file named signatures, odd names.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { importContract, trustKey } from '../../core/app';
import { loadChangeSet } from '../../core/loaders/load-change-set';
import { envelopeFileText } from '../../core/signing/attestation-files';
import type { DsseEnvelope } from '../../core/signing/dsse';
import { exportPublicKey, keyIdOf } from '../../core/signing/keys';
import { signRelease } from '../../core/signing/sign';
import { initWorkspace } from '../../core/store';
import { repoRoot } from '../../core/testing/corpus';
import { mutateStatement, seededKey } from './attestation-cases';
import { applyByteEdits, byteEdits } from './byte-mutations';
import { tarGzBytes, zipBytes } from '../../core/testing/test-archives';
import type { CaseFile, FuzzCase } from './fuzz-case';
import { JSON_RAW } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree } from './tree-mutations';

const DEMO = join(repoRoot, 'electron/demo');
export const SIGNED_BUNDLE = 'bundle';

export interface VendorBase {
  readonly digest: string;
  readonly release: { readonly vendor: string; readonly app: string; readonly install: string; readonly release: string };
  /** The bundle's own files (paths under the bundle folder). */
  readonly files: readonly CaseFile[];
  readonly vendorKey: KeyObject;
  readonly signed: { readonly name: string; readonly envelope: DsseEnvelope };
  /** A workspace with the demo contract (no roster) that trusts the vendor key with role vendor. */
  readonly template: string;
}

let base: VendorBase | undefined;

export async function vendorBase(): Promise<VendorBase> {
  if (base) return base;
  const bundle = join(DEMO, 'bundles/acme-2.13.2-chart-bump');
  const files = filesUnder(bundle).map((p) => ({ path: p.slice(bundle.length + 1), data: readFileSync(p) }));
  const changeSet = await loadChangeSet([bundle]);
  const m = changeSet.metadata;
  const release = { vendor: m.vendor, app: m.app, install: m.install, release: m.release };
  const vendorKey = seededKey(11);
  const s = signRelease({ changeSetDigest: changeSet.digest, release, signer: { privateKey: vendorKey, name: 'Acme CI' }, time: new Date('2026-03-01T10:00:00Z') });
  const dir = mkdtempSync(join(tmpdir(), 'countersign-fuzz-vendor-'));
  const ws = initWorkspace(join(dir, 'vendor.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'fuzz');
  trustKey(ws, { pem: exportPublicKey(vendorKey).pem, source: 'acme.pem', name: 'Acme Release', role: 'vendor' });
  const template = join(dir, 'template.db');
  ws.db.exec(`VACUUM INTO '${template.replace(/'/g, "''")}'`);
  ws.close();
  base = { digest: changeSet.digest, release, files, vendorKey, signed: { name: s.fileName, envelope: s.envelope }, template };
  return base;
}

function requireBase(): VendorBase {
  if (!base) throw new Error('call vendorBase() before generating vendor-signature cases');
  return base;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

const ODD_NAMES: readonly string[] = ['a\nb.json', 'esc\u001b[31m.json', 'bidi\u202etxt.json', '.hidden.json', ' ', '..json', 'CON', 'x'.repeat(250), 'ünï.json', 'a\u2028b.json'];

export function vendorSignatureCase(): fc.Arbitrary<FuzzCase> {
  return fc.record({
    mode: fc.constantFrom('untouched', 'none', 'envelope', 'statement', 'statement', 'stranger', 'otherDigest', 'bytes', 'oversized', 'many', 'link', 'subfolder', 'asFile', 'oddName', 'twins'),
    withValid: fc.boolean(),
    container: fc.constantFrom('folder', 'folder', 'tar.gz', 'zip', 'tar.gz in a top folder'),
    edits: treeEdits(2), bytes: byteEdits, pick: fc.nat(),
  }).map((g): FuzzCase => {
    const b = requireBase();
    const valid = envelopeFileText(b.signed.envelope);
    const sig = (name: string, data: string | Uint8Array): CaseFile => ({ path: `${SIGNED_BUNDLE}/signatures/${name}`, data });
    const out: CaseFile[] = [];
    let done = g.mode as string;
    switch (g.mode) {
      case 'untouched': out.push(sig(b.signed.name, valid)); break;
      case 'none': break;
      case 'envelope': {
        const tree = structuredClone(b.signed.envelope) as unknown as Tree;
        const ph = new Placeholders();
        done = `envelope: ${applyTreeEdits(tree, g.edits, ph, JSON_RAW).join(', ')}`;
        out.push(sig('m.release.dsse.json', fillPlaceholders(JSON.stringify(tree), ph, '\\u0001', (k) => JSON.stringify(k))));
        break;
      }
      case 'statement': {
        const m = mutateStatement(b.signed.envelope, g.edits, new Map([[keyIdOf(b.vendorKey), b.vendorKey]]));
        done = `re-signed by the vendor after ${m.done.join(', ')}`;
        out.push(sig('m.release.dsse.json', envelopeFileText(m.env)));
        break;
      }
      case 'stranger': {
        const s = signRelease({ changeSetDigest: b.digest, release: b.release, signer: { privateKey: seededKey(12 + (g.pick % 2)), name: 'Acme CI' } });
        const env = g.pick % 3 === 0 ? { ...s.envelope, signatures: [{ keyid: keyIdOf(b.vendorKey), sig: s.envelope.signatures[0]!.sig }] } : s.envelope;
        out.push(sig(s.fileName, envelopeFileText(env)));
        break;
      }
      case 'otherDigest': {
        const other = `sha256:${(g.pick % 16).toString(16).repeat(64)}`;
        out.push(sig('other.release.dsse.json', envelopeFileText(signRelease({ changeSetDigest: other, release: b.release, signer: { privateKey: b.vendorKey, name: 'Acme CI' } }).envelope)));
        break;
      }
      case 'bytes': { const m = applyByteEdits(Buffer.from(valid), g.bytes); done = `bytes ${m.done.join(', ')}`; out.push(sig(b.signed.name, m.bytes)); break; }
      case 'oversized': out.push(sig(b.signed.name, `${valid}${' '.repeat(64 * 1024 + (g.pick % 3) - valid.length)}`)); done = `padded to ${64 * 1024 + (g.pick % 3)} bytes`; break;
      case 'many': {
        const n = 30 + (g.pick % 20);
        for (let i = 0; i < n; i++) out.push(sig(`${String(i).padStart(3, '0')}.release.dsse.json`, i === g.pick % n ? valid : '{}'));
        done = `${n} files, the valid one #${g.pick % n}`;
        break;
      }
      case 'link': out.push({ path: `${SIGNED_BUNDLE}/signatures/link.release.dsse.json`, symlinkTo: g.pick % 2 === 0 ? '../changeset.yaml' : '/etc/passwd' }); break;
      case 'subfolder': out.push(sig(`sub/${b.signed.name}`, valid)); break;
      case 'twins': out.push(sig('twin.json', g.pick % 2 === 0 ? valid : '{}'), sig(g.pick % 3 === 0 ? 'twin.json' : 'TWIN.json', g.pick % 2 === 1 ? valid : '{}')); done = 'a name twice (or its case twin)'; break;
      case 'asFile': return packedAs(g.container, 'signatures is a file', [...b.files.map((f) => ({ ...f, path: `${SIGNED_BUNDLE}/${f.path}` })), { path: `${SIGNED_BUNDLE}/signatures`, data: valid }]);
      default: out.push(sig(ODD_NAMES[g.pick % ODD_NAMES.length]!, valid)); done = `odd name ${JSON.stringify(ODD_NAMES[g.pick % ODD_NAMES.length]!).slice(0, 20)}`;
    }
    // Beside the valid signature, a bad file must not undo it; alone, it must not pass.
    if (g.withValid && g.mode !== 'untouched' && g.mode !== 'many') out.push(sig(`zz-${b.signed.name}`, valid));
    const c = packedAs(g.container, `${done}${g.withValid ? ' + the valid signature' : ''}`.slice(0, 300), [...b.files.map((f) => ({ ...f, path: `${SIGNED_BUNDLE}/${f.path}` })), ...out]);
    return g.mode === 'bytes' ? { ...c, kind: 'bytes' } : c;
  });
}

/** The bundle as a folder, or packed into a .tar.gz (at the root or in a top folder) or a .zip; `packed` keeps the entries for the properties. */
function packedAs(container: string, label: string, files: readonly CaseFile[]): FuzzCase {
  if (container === 'folder') return { label, kind: 'container', files, input: SIGNED_BUNDLE, secrets: [] };
  const top = container === 'tar.gz in a top folder' ? 'top/' : '';
  const inner = files.map((f) => ({ ...f, path: f.path.slice(SIGNED_BUNDLE.length + 1) }));
  const name = container === 'zip' ? 'bundle.zip' : 'bundle.tar.gz';
  const data = container === 'zip'
    ? zipBytes(inner.map((f) => ({ name: f.path, data: f.symlinkTo ?? f.data, ...(f.symlinkTo !== undefined ? { unixMode: 0o120777 } : {}) })))
    : tarGzBytes(inner.map((f) => ({ name: `${top}${f.path}`, data: f.data, ...(f.symlinkTo !== undefined ? { type: '2' as const, linkname: f.symlinkTo } : {}) })));
  return { label: `${container}: ${label}`, kind: 'container', files: [{ path: name, data }], input: name, secrets: [], packed: files };
}
