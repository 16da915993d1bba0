/**
 * Signing requests (`*.countersign-request.json`, core/app/signing-request): Alice's request
 * from the two-workspace fixture (cosign-base.ts), mutated as JSON data, as bytes, in its file
 * entries (paths by the bundle rules, duplicates, case collisions, sha256 and base64), in its
 * contract, in its envelopes (publications and pending statements swapped, dropped, forged or
 * re-signed by a roster key after an edit), over its caps, or left semantically the same.
 */
import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { createEnvelope } from '../../core/signing/dsse';
import type { DsseEnvelope } from '../../core/signing/dsse';
import { keyIdOf } from '../../core/signing/keys';
import type { SigningRequest } from '../../core/app/signing-request';
import { mutateStatement } from './attestation-cases';
import { applyByteEdits, byteEdits } from './byte-mutations';
import { requireCosignBase } from './cosign-base';
import type { FuzzCase } from './fuzz-case';
import { JSON_RAW } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree } from './tree-mutations';
import { seededKey } from './attestation-cases';

type Request = SigningRequest & { [k: string]: unknown };

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const b64 = (s: string | Uint8Array): string => Buffer.from(s).toString('base64');

/** Paths the bundle rules refuse, or that name one file two ways. */
const HOSTILE_PATHS: readonly string[] = [
  '../escape.yaml', 'infra/../../x.json', '/etc/passwd', 'C:/x.yaml', 'C:\\x.yaml', 'infra\\plan.json', 'infra/./plan.json', 'infra//plan.json', 'a\u0000b.yaml',
  'a\nb.yaml', 'a\u202eb.yaml', '.', '..', 'infra/', ' changeset.yaml', 'changeset.yaml.', 'CHANGESET.YAML', 'Changeset.yaml', 'changeset.yaml\u00a0', 'signatures/x.json',
  '\\\\server\\share\\x', 'ｃhangeset.yaml', 'e\u0301.yaml', '%2e%2e/x', 'a'.repeat(1025),
];
const BASE64_GARBAGE: readonly string[] = ['!!!', 'QQ', 'QQ=', 'Q===', 'QUJD\nREVG', ' QUJD', 'QUJD ', '====', 'QUJD-_', '\u0000', 'QUJDRA==QUJD'];

/** Edits to one file entry: hostile path, duplicate, case twin, sha256 and base64 trouble, dropped or unlisted file. */
const fileEdit = fc.record({
  op: fc.constantFrom('path', 'duplicate', 'caseTwin', 'shaMismatch', 'shaFixed', 'base64', 'drop', 'unlisted', 'swapData'),
  at: fc.nat(), pick: fc.nat(),
});

function editFiles(r: Request, e: { op: string; at: number; pick: number }): string {
  const files = r.changeSet.files;
  const i = e.at % files.length;
  const f = files[i]!;
  switch (e.op) {
    case 'path': f.path = HOSTILE_PATHS[e.pick % HOSTILE_PATHS.length]!; return `path ${JSON.stringify(f.path).slice(0, 30)}`;
    case 'duplicate': files.push({ ...f }); return `duplicate ${f.path}`;
    case 'caseTwin': files.push({ ...f, path: f.path.toUpperCase() }); return `case twin of ${f.path}`;
    case 'shaMismatch': f.sha256 = sha(Buffer.from(`x${e.pick}`)); return `sha256 of ${f.path} wrong`;
    case 'shaFixed': {
      const bytes = Buffer.concat([Buffer.from(f.dataBase64, 'base64'), Buffer.from(`\n# ${e.pick}\n`)]);
      f.dataBase64 = b64(bytes);
      f.sha256 = sha(bytes);
      return `bytes of ${f.path} altered, sha256 fixed up`;
    }
    case 'base64': f.dataBase64 = BASE64_GARBAGE[e.pick % BASE64_GARBAGE.length]!; return 'base64 garbage';
    case 'drop': files.splice(i, 1); return `dropped ${f.path}`;
    case 'unlisted': files.push({ path: `extra-${e.pick % 3}.yaml`, sha256: sha(Buffer.from('a: 1\n')), dataBase64: b64('a: 1\n') }); return 'unlisted file';
    default: {
      const other = files[e.pick % files.length]!;
      [f.dataBase64, other.dataBase64] = [other.dataBase64, f.dataBase64];
      return `data of ${f.path} and ${other.path} swapped`;
    }
  }
}

const CONTRACT_EDITS: readonly ((r: Request) => void)[] = [
  (r) => { r.contract.text += '# trailing comment\n'; },
  (r) => { r.contract.text = r.contract.text.replace('quorum: 2,', 'quorum: 1,'); },
  (r) => { r.contract.text = r.contract.text.replace('"email":""', '"email":"mallory@example.com"'); },
  (r) => { r.contract.text = r.contract.text.replace(/\n/g, '\r\n'); },
  (r) => { r.contract.text = `\ufeff${r.contract.text}`; },
  (r) => { r.contract.text = r.contract.text.replace(/"contract-owner",?/g, ''); },
  (r) => { r.contract.text = r.contract.text.replace(/roster: .*\n/, ''); },
  (r) => { r.contract.text = r.contract.text.replace('countersign.dev/v3', 'countersign.dev/v4'); },
  (r) => { r.contract.text = `${r.contract.text}spec: {}\n`; },
  (r) => { r.contract.text = 'a: &a [*a]\n'; },
  (r) => { r.contract.name = `${r.contract.name}-2`; },
  (r) => { r.contract.name = 'baseline'; },
  (r) => { r.contract.revision += 1; },
  (r) => { r.contract.revision = 1; },
  (r) => { r.contract.digest = `sha256:${'0'.repeat(64)}`; },
  (r) => { r.changeSet.digest = `sha256:${'0'.repeat(64)}`; },
  (r) => { r.requestedBy.keyId = `sha256:${'a'.repeat(64)}`; },
];

/** Envelope trouble: swapped between places, dropped, duplicated, signatures forged or by a stranger. */
function editEnvelopes(r: Request, op: number, at: number, keys: ReadonlyMap<string, KeyObject>): string {
  const pub = r.contract.publications;
  const pending = r.pending;
  const stranger = seededKey(66);
  const pick = <T>(list: T[]): T | undefined => list[at % Math.max(1, list.length)];
  switch (op % 12) {
    case 0: if (pending[0]) [pub[0], pending[0]] = [pending[0], pub[0]!]; return 'publication and pending.0 swapped';
    case 1: pending.push(pub[0]!); return 'publication also pending';
    case 2: pub.push(...pending.splice(0)); return 'pending moved to publications';
    case 3: pending.splice(0); return 'no pending';
    case 4: pending.push(...pending); return 'pending duplicated';
    case 5: { const e = pick(pending) ?? pub[0]!; e.signatures.push({ ...e.signatures[0]! }); return 'a signature twice'; }
    case 6: { const e = pick(pending) ?? pub[0]!; e.signatures[0]!.sig = flipFirst(e.signatures[0]!.sig); return 'signature forged'; }
    case 7: { const e = pick(pending) ?? pub[0]!; e.signatures.push(createEnvelope(e.payloadType, Buffer.from(e.payload, 'base64'), stranger).signatures[0]!); return 'stranger co-signs'; }
    case 8: { const e = pick(pending) ?? pub[0]!; const s = createEnvelope(e.payloadType, Buffer.from(e.payload, 'base64'), stranger).signatures[0]!; e.signatures = [{ keyid: e.signatures[0]!.keyid, sig: s.sig }]; return "stranger's signature under a roster key id"; }
    case 9: { pub[0]!.signatures[0]!.keyid = keyIdOf(stranger); return 'publication key id replaced'; }
    case 10: { const e = pick(pending) ?? pub[0]!; e.payloadType = 'application/json'; return 'payloadType changed'; }
    default: {
      // A pending statement whose signer signs it again after an edit: it reaches the predicate rules.
      const i = at % Math.max(1, pending.length);
      if (!pending[i]) return 'nothing pending to re-sign';
      const { env, done } = mutateStatement(pending[i] as DsseEnvelope, [{ op: 'replace', at: at * 7 + 3, value: 'x' }], keys);
      pending[i] = env as Request['pending'][number];
      return `pending.${i} re-signed after ${done.join(', ')}`;
    }
  }
}

function flipFirst(sig: string): string {
  const b = Buffer.from(sig, 'base64');
  if (b.length > 0) b[0] = b[0]! ^ 1;
  return b.toString('base64');
}

/** Over a cap, or just under it. */
const HUGE: readonly ((r: Request) => string)[] = [
  (r) => { r.note = 'n'.repeat(10_001); return 'note over 10,000 chars'; },
  (r) => { r.note = 'n'.repeat(10_000); return 'note at the cap'; },
  (r) => { r.pending = Array.from({ length: 1001 }, () => r.pending[0] ?? r.contract.publications[0]!); return '1001 pending'; },
  (r) => { r.contract.publications = Array.from({ length: 9 }, () => r.contract.publications[0]!); return '9 publications'; },
  (r) => { r.changeSet.files = Array.from({ length: 1001 }, (_, i) => ({ path: `f${i}.yaml`, sha256: sha(Buffer.from('')), dataBase64: '' })); return '1001 files'; },
  (r) => { const bytes = Buffer.alloc(3 * 1024 * 1024, 0x61); r.changeSet.files.push({ path: 'big.yaml', sha256: sha(bytes), dataBase64: b64(bytes) }); return 'a 3 MiB unlisted file'; },
  (r) => { r.contract.text = `${r.contract.text}#${'x'.repeat(5_000_001)}\n`; return 'contract text over 5,000,000 chars'; },
  (r) => { r.pending[0]!.payload = 'A'.repeat(2 * 1024 * 1024 + 4); return 'payload over 2 MiB'; },
];

/** Same meaning, other bytes: must be accepted. */
const SAME: readonly ((r: Request) => { text?: string; what: string })[] = [
  () => ({ what: 'untouched' }),
  (r) => ({ text: JSON.stringify(r), what: 'compact JSON' }),
  (r) => ({ text: JSON.stringify(Object.fromEntries(Object.entries(r).reverse()), null, '\t'), what: 'keys reordered, tabs' }),
  (r) => { r.note = 'another note'; return { what: 'note changed' }; },
  (r) => { delete r.note; return { what: 'no note' }; },
  (r) => { r.created = '2020-01-01T00:00:00+02:00'; return { what: 'created changed' }; },
  (r) => { r.requestedBy.name = 'Mallory'; return { what: 'requester name changed (the roster names the key)' }; },
  (r) => ({ text: `\ufeff${JSON.stringify(r)}\r\n`, what: 'BOM and CRLF' }),
];

export function signingRequestCase(): fc.Arbitrary<FuzzCase> {
  return fc.record({
    receiver: fc.constantFrom('fresh', 'fresh', 'after-original'),
    mode: fc.constantFrom('tree', 'tree', 'bytes', 'files', 'files', 'contract', 'envelopes', 'envelopes', 'huge', 'same'),
    tree: treeEdits(2), bytes: byteEdits, files: fc.array(fileEdit, { minLength: 1, maxLength: 2 }), pick: fc.nat(), at: fc.nat(),
  }).map((g): FuzzCase => {
    const b = requireCosignBase();
    const r = JSON.parse(b.requestText) as Request;
    let text: string | Uint8Array | undefined;
    let done: string;
    let kind: FuzzCase['kind'] = 'structure';
    switch (g.mode) {
      case 'tree': {
        const ph = new Placeholders();
        done = applyTreeEdits(r as unknown as Tree, g.tree, ph, JSON_RAW).join(', ');
        text = fillPlaceholders(JSON.stringify(r, null, 2), ph, '\\u0001', (k) => JSON.stringify(k));
        break;
      }
      case 'bytes': {
        const out = applyByteEdits(Buffer.from(b.requestText), g.bytes);
        ({ bytes: text } = out);
        done = out.done.join(', ');
        kind = 'bytes';
        break;
      }
      case 'files': done = g.files.map((e) => editFiles(r, e)).join(', '); break;
      case 'contract': { const i = g.pick % CONTRACT_EDITS.length; CONTRACT_EDITS[i]!(r); done = `contract edit ${i}`; break; }
      case 'envelopes': done = editEnvelopes(r, g.pick, g.at, new Map([[keyIdOf(b.aliceKey), b.aliceKey], [keyIdOf(b.bobKey), b.bobKey]])); break;
      case 'huge': done = HUGE[g.pick % HUGE.length]!(r); break;
      default: { const same = SAME[g.pick % SAME.length]!(r); text = same.text; done = same.what; }
    }
    const data = text ?? (g.mode === 'same' && done === 'untouched' ? b.requestText : `${JSON.stringify(r, null, 2)}\n`);
    const again = g.receiver === 'after-original' ? ' (received after the original)' : '';
    return { label: `${g.mode}: ${done}`.slice(0, 250) + again, kind, files: [{ path: b.requestName, data }], input: b.requestName, secrets: [], receiver: g.receiver };
  });
}
