// Random plan text for property tests of the Terraform field scans: JSON objects with repeated
// keys, escaped and non-ASCII keys, lists, nesting and any whitespace, rendered while recording
// where each field JSON.parse keeps is written. Test support only.
import fc from 'fast-check';
import type { FieldPath } from '../../model/resource-change';

export type Node =
  | { readonly kind: 'leaf'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly Node[] }
  | { readonly kind: 'object'; readonly members: readonly { readonly key: string; readonly spelling: string; readonly value: Node }[] };

/** Every key spelt plainly or with every character \u-escaped: both decode to the same key. */
const escapeAll = (key: string): string => `"${key.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`;
const KEYS = ['a', 'b', 'engine_version', '', 'é', '😀', 'a b', 'x"y', '\\', '__proto__', 'constructor', '0'];
export const keyArb = fc.tuple(fc.constantFrom(...KEYS), fc.boolean()).map(([key, escaped]) => ({ key, spelling: escaped ? escapeAll(key) : JSON.stringify(key) }));
export const leafArb = fc.oneof(
  fc.constantFrom('true', 'false', 'null', '0', '-1.5e3', '"}"', '"]\\"["', '"\\n"', '"😀"'),
  fc.jsonValue({ maxDepth: 0 }).map((v) => JSON.stringify(v)),
);
export const nodeArb: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb.map((text): Node => ({ kind: 'leaf', text })),
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ kind: 'list', items })),
    fc.array(fc.record({ k: keyArb, value: tie('node') }), { maxLength: 5 })
      .map((ms): Node => ({ kind: 'object', members: ms.map(({ k, value }) => ({ ...k, value })) })),
  ),
})).node;
export const objectArb = nodeArb.filter((n) => n.kind === 'object');
const WS = ['', ' ', '\n', '\r\n    ', '\t', '\n\n  '];

/** Renders a node, recording where each field JSON.parse keeps is written (member: its key; item: its value). */
export class Renderer {
  text = '';
  readonly expected = new Map<string, { path: FieldPath; offset: number; valueText: string }>();
  private w = 0;
  constructor(private readonly ws: readonly number[]) {}

  space(): void {
    this.text += WS[this.ws[this.w++ % this.ws.length]! % WS.length];
  }

  node(n: Node, path: FieldPath | undefined): void {
    if (n.kind === 'leaf') {
      this.text += n.text;
      return;
    }
    const list = n.kind === 'list';
    this.text += list ? '[' : '{';
    this.space();
    const count = list ? n.items.length : n.members.length;
    for (let i = 0; i < count; i++) {
      if (i > 0) {
        this.text += ',';
        this.space();
      }
      if (list) {
        const here = path && [...path, i];
        const start = this.text.length;
        this.node(n.items[i]!, here);
        if (here) this.expected.set(JSON.stringify(here), { path: here, offset: start, valueText: this.text.slice(start) });
      } else {
        const m = n.members[i]!;
        // Only the last member of a key survives JSON.parse: only it (and its subtree) is recorded.
        const kept = n.members.findLastIndex((o) => o.key === m.key) === i;
        const here = path && kept ? [...path, m.key] : undefined;
        const keyAt = this.text.length;
        this.text += m.spelling;
        this.space();
        this.text += ':';
        this.space();
        const start = this.text.length;
        this.node(m.value, here);
        if (here) this.expected.set(JSON.stringify(here), { path: here, offset: keyAt, valueText: this.text.slice(start) });
      }
    }
    this.space();
    this.text += list ? ']' : '}';
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

export function lookup(value: unknown, path: FieldPath): unknown {
  let v = value;
  for (const step of path) v = (v as Record<string | number, unknown>)[step];
  return v;
}

/** A plan whose second entry's change.after is `after`, after a decoy entry, a decoy "change" and a decoy "after". */
export function planAround(after: Node, decoy: Node, ws: readonly number[]): { text: string; r: Renderer } {
  const r = new Renderer(ws);
  const prefix = '{"format_version":"1.2","resource_changes":[\n'
    + '{"address":"x.decoy","type":"x","name":"decoy","change":{"actions":["create"],"after":';
  r.text = prefix;
  r.node(decoy, undefined);
  r.text += '}},\n  {"address":"x.y","type":"x","name":"y",\n "change":{"after":';
  r.node(decoy, undefined);
  r.text += '},\n "change": {"actions":["update"],"before":null,"after":';
  r.space();
  r.node(after, []);
  r.space();
  r.text += ',"after_unknown":{}}}]}';
  return { text: r.text, r };
}

export const wsArb = fc.array(fc.nat(), { minLength: 1, maxLength: 16 });

/** The leading JSON value of `text` (the renderer's slice runs to the end of the text written so far). */
export function prefixValue(text: string): string {
  for (let end = text.length; end > 0; end--) {
    try {
      JSON.parse(text.slice(0, end));
      return text.slice(0, end);
    } catch {
      // shorter
    }
  }
  return text;
}

