/**
 * Signed files that come back from a co-reviewer (core/app/import-attestations.ts): Bob's copy
 * of Alice's exception, his rejection and its withdrawal, and Alice's contract publication
 * (cosign-base.ts), imported by Alice. Mutated as envelope data, as statements RE-SIGNED by a
 * roster key (so the edit reaches the predicate rules) or by a stranger, as bytes, with
 * signatures moved between files, over the size cap, or a signing request in their place.
 */
import fc from 'fast-check';
import type { DsseEnvelope } from '../../core/signing/dsse';
import { createEnvelope } from '../../core/signing/dsse';
import { keyIdOf } from '../../core/signing/keys';
import { mutateStatement, seededKey } from './attestation-cases';
import { applyByteEdits, byteEdits } from './byte-mutations';
import { requireCosignBase } from './cosign-base';
import type { CaseFile, FuzzCase } from './fuzz-case';
import { JSON_RAW } from './terraform-cases';
import { applyTreeEdits, fillPlaceholders, Placeholders, treeEdits } from './tree-mutations';
import type { Tree } from './tree-mutations';

/** Where the case's files sit; the runner imports every file in it, in name order. */
export const RETURNED_FOLDER = 'returned';

export function receivedAttestationCase(): fc.Arbitrary<FuzzCase> {
  return fc.record({
    receiver: fc.constantFrom('fresh', 'fresh', 'after-original'),
    all: fc.boolean(),
    target: fc.nat(),
    mode: fc.constantFrom('untouched', 'envelope', 'statement', 'statement', 'stranger', 'bytes', 'sigswap', 'request', 'huge'),
    edits: treeEdits(2),
    bytes: byteEdits,
    pick: fc.nat(),
  }).map((g): FuzzCase => {
    const b = requireCosignBase();
    const texts: string[] = b.returned.map((f) => f.text);
    const t = g.target % texts.length;
    const env = JSON.parse(texts[t]!) as DsseEnvelope;
    const roster = new Map([[keyIdOf(b.aliceKey), b.aliceKey], [keyIdOf(b.bobKey), b.bobKey]]);
    let done = '';
    switch (g.mode) {
      case 'envelope': {
        const tree = structuredClone(env) as unknown as Tree;
        const ph = new Placeholders();
        done = applyTreeEdits(tree, g.edits, ph, JSON_RAW).join(', ');
        texts[t] = fillPlaceholders(JSON.stringify(tree), ph, '\\u0001', (k) => JSON.stringify(k));
        break;
      }
      case 'statement': {
        const out = mutateStatement(env, g.edits, roster);
        texts[t] = JSON.stringify(out.env);
        done = `re-signed by its signers after ${out.done.join(', ')}`;
        break;
      }
      case 'stranger': {
        const stranger = seededKey(77);
        const edited = g.pick % 2 === 0 ? env : mutateStatement(env, g.edits, roster).env;
        const s = createEnvelope(env.payloadType, Buffer.from(edited.payload, 'base64'), stranger).signatures[0]!;
        const sigs = g.pick % 3 === 0 ? [s] : g.pick % 3 === 1 ? [{ keyid: env.signatures[0]!.keyid, sig: s.sig }] : [...env.signatures.map((x) => ({ ...x, sig: s.sig }))];
        texts[t] = JSON.stringify({ ...edited, signatures: sigs });
        done = `signed by a stranger (${g.pick % 3}), statement ${g.pick % 2 === 0 ? 'as is' : 'edited'}`;
        break;
      }
      case 'bytes': {
        const out = applyByteEdits(Buffer.from(texts[t]!), g.bytes);
        texts[t] = Buffer.from(out.bytes).toString('latin1');
        done = out.done.join(', ');
        break;
      }
      case 'sigswap': {
        const other = JSON.parse(texts[(t + 1 + (g.pick % (texts.length - 1))) % texts.length]!) as DsseEnvelope;
        texts[t] = JSON.stringify({ ...env, signatures: g.pick % 2 === 0 ? other.signatures : [...env.signatures.slice(1), ...other.signatures] });
        done = 'signatures of another file';
        break;
      }
      case 'request': texts[t] = b.requestText; done = 'a signing request instead'; break;
      case 'huge': {
        const ways = [
          () => { texts[t] = `${texts[t]!}${' '.repeat(4 * 1024 * 1024)}`; return 'padded over 4 MiB'; },
          () => { texts[t] = JSON.stringify({ ...env, signatures: Array.from({ length: 5000 }, () => env.signatures[0]) }); return '5000 signatures'; },
          () => { texts[t] = JSON.stringify({ ...env, payload: env.payload.repeat(40) }); return 'payload repeated'; },
        ];
        done = ways[g.pick % ways.length]!();
        break;
      }
      default: done = 'untouched';
    }
    const chosen = g.all ? texts.map((text, i) => ({ text, i })) : [{ text: texts[t]!, i: t }];
    const files: CaseFile[] = chosen.map(({ text, i }) => ({ path: `${RETURNED_FOLDER}/${String(i)}-${b.returned[i]!.name}`, data: g.mode === 'bytes' && i === t ? Buffer.from(text, 'latin1') : text }));
    return {
      label: `${g.all ? 'all files' : 'one file'}, #${t} ${g.mode}: ${done}`.slice(0, 250) + (g.receiver === 'after-original' ? ' (received after the originals)' : ''),
      kind: g.mode === 'bytes' ? 'bytes' : 'structure', files, input: RETURNED_FOLDER, secrets: [], receiver: g.receiver,
    };
  });
}
