/**
 * Structure-aware mutations of parsed documents (JSON values, YAML documents as data): a list
 * of edits, each aimed at one node picked by index among all nodes, so fast-check can shrink a
 * failure to the one edit that matters. Things JSON.stringify / YAML.stringify cannot write
 * (duplicate keys, 1e999, 10 000-deep nesting, YAML 1.1 scalars) are planted as placeholder
 * strings and swapped for raw text by `fillPlaceholders` after serializing.
 */
import fc from 'fast-check';

export type Tree = null | boolean | number | string | Tree[] | { [key: string]: Tree };

export type TreeEdit =
  | { readonly op: 'replace'; readonly at: number; readonly value: Tree }
  | { readonly op: 'raw'; readonly at: number; readonly raw: RawPick }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'duplicate'; readonly at: number }
  | { readonly op: 'renameKey'; readonly at: number; readonly key: string }
  | { readonly op: 'addKey'; readonly at: number; readonly key: string; readonly value: Tree }
  | { readonly op: 'duplicateKey'; readonly at: number }
  | { readonly op: 'wrap'; readonly at: number; readonly depth: number; readonly inArray: boolean }
  | { readonly op: 'swapType'; readonly at: number };

/** Raw text a serializer cannot produce: index into the format's own table, or a deep nest. */
export type RawPick = { readonly table: number } | { readonly deep: number; readonly open: '[' | '{' };

/** Names a reviewer's tools might trip on: empty, control characters, bidi overrides, prototype keys. */
export const oddName = fc.constantFrom(
  '', ' ', 'a\nb', 'a\rb', 'tab\there', 'nul\u0000x', 'esc\u001b[31mred', 'bidi\u202etxt.exe', 'ls\u2028ps\u2029',
  '__proto__', 'constructor', 'toString', '../../etc/passwd', 'C:\\windows', '名前', 'ünïcödé', '🔥', 'a'.repeat(300),
  '${jndi:x}', '{{ resource.address }}', '%s%n', '\ufeffbom', 'x\u00a0nbsp', 'kind', 'metadata',
);

const oddNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, -2.5, 1e308, -1e308, 5e-324, 2 ** 53 + 2, -(2 ** 31), 2 ** 32, 65536, 1e21, 0.1 + 0.2),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const oddString = fc.oneof(
  oddName,
  fc.constantFrom('yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'null', '~', 'NaN', 'Infinity', '-Infinity', '.inf',
    '0644', '0x1F', '1e3', '1_000', '2026-02-30T00:00:00Z', '2026-13-01', '0.0.0.0/0', '*', '', '-', ':', '#', '&a', '*a',
    '!!str', '---', '...', 'sha256:', '[', '{'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** A replacement value: every JSON type, odd numbers and strings, small containers. */
export const oddValue: fc.Arbitrary<Tree> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 3, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.constantFrom<Tree>(null, true, false, [], {}, [null], { '': null }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Tree> },
);

const at = fc.nat();

export const treeEdit: fc.Arbitrary<TreeEdit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('replace' as const), at, value: oddValue }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('swapType' as const), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('raw' as const), at, raw: fc.oneof(
    { weight: 5, arbitrary: fc.record({ table: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ deep: fc.constantFrom(50, 1000, 20_000), open: fc.constantFrom('[' as const, '{' as const) }) },
  ) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('renameKey' as const), at, key: oddName }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('addKey' as const), at, key: fc.oneof(oddName, fc.string({ maxLength: 8 })), value: oddValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateKey' as const), at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), at, depth: fc.integer({ min: 1, max: 40 }), inArray: fc.boolean() }) },
);

export const treeEdits = (max = 3): fc.Arbitrary<readonly TreeEdit[]> => fc.array(treeEdit, { minLength: 1, maxLength: max });

/** A node's place: its parent container and key (the root is not editable). */
interface Slot {
  readonly parent: Tree[] | { [key: string]: Tree };
  readonly key: string | number;
}

/** Every node under `root` in document order, up to `limit` (big plans have 100k+ nodes). */
export function slotsOf(root: Tree, limit = 50_000, accept: (path: readonly (string | number)[]) => boolean = () => true): Slot[] {
  const out: Slot[] = [];
  const stack: { node: Tree; path: (string | number)[] }[] = [{ node: root, path: [] }];
  while (stack.length > 0 && out.length < limit) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const child = (node as Record<string | number, Tree>)[key]!;
      const childPath = [...path, key];
      if (accept(childPath)) out.push({ parent: node, key });
      stack.push({ node: child, path: childPath });
    }
  }
  return out;
}

/** Placeholder strings planted in the tree; `fillPlaceholders` swaps them for raw text after serializing. */
export class Placeholders {
  readonly raws: string[] = [];
  readonly keys: string[] = [];
  raw(text: string): string {
    this.raws.push(text);
    return `\u0001RAW${this.raws.length - 1}\u0001`;
  }
  dupKey(key: string): string {
    this.keys.push(key);
    return `\u0001DUP${this.keys.length - 1}\u0001`;
  }
}

function swapType(v: Tree): Tree {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 0;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === '' ? null : [v];
  if (Array.isArray(v)) return v.length === 1 ? v[0]! : Object.fromEntries(v.map((x, i) => [String(i), x]));
  const values = Object.values(v);
  return values.length === 0 ? [] : values;
}

/**
 * Applies the edits in place (the caller passes its own copy). `rawTable` holds the format's
 * raw spellings for `raw` edits; `accept` keeps edits on the nodes worth hitting.
 */
export function applyTreeEdits(root: Tree, edits: readonly TreeEdit[], ph: Placeholders, rawTable: readonly string[], accept?: (path: readonly (string | number)[]) => boolean): string[] {
  const done: string[] = [];
  for (const edit of edits) {
    const slots = slotsOf(root, 50_000, accept);
    if (slots.length === 0) break;
    const { parent, key } = slots[edit.at % slots.length]!;
    const node = (parent as Record<string | number, Tree>)[key]!;
    const set = (v: Tree): void => {
      (parent as Record<string | number, Tree>)[key] = v;
    };
    const where = typeof key === 'number' ? `[${key}]` : `.${key.slice(0, 24)}`;
    switch (edit.op) {
      case 'replace':
        set(edit.value);
        break;
      case 'swapType':
        set(swapType(node));
        break;
      case 'raw':
        set(ph.raw('table' in edit.raw ? rawTable[edit.raw.table % rawTable.length]! : deepText(edit.raw.deep, edit.raw.open)));
        break;
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(node));
        else parent[`${String(key)}-copy`] = structuredClone(node);
        break;
      case 'renameKey':
        if (!Array.isArray(parent)) {
          delete parent[key as string];
          parent[edit.key] = node;
        }
        break;
      case 'addKey':
        if (node !== null && typeof node === 'object' && !Array.isArray(node)) node[edit.key] = edit.value;
        else if (Array.isArray(node)) node.push(edit.value);
        break;
      case 'duplicateKey':
        // The same key twice in one mapping, the second with another value: parsers differ on which wins.
        if (!Array.isArray(parent)) parent[ph.dupKey(key as string)] = swapType(node);
        break;
      case 'wrap': {
        let v: Tree = node;
        for (let i = 0; i < edit.depth; i++) v = edit.inArray ? [v] : { [String(key)]: v };
        set(v);
        break;
      }
    }
    done.push(`${edit.op}${where}`);
  }
  return done;
}

function deepText(depth: number, open: '[' | '{'): string {
  return open === '[' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Replaces the placeholders in serialized text: `quoted` is how the serializer wrote \u0001 (JSON `\\u0001`, YAML `\\x01`). */
export function fillPlaceholders(text: string, ph: Placeholders, escape: '\\u0001' | '\\x01', quoteKey: (key: string) => string): string {
  const e = escape.replace(/\\/g, '\\\\');
  const re = new RegExp(`"${e}(RAW|DUP)(\\d+)${e}"`, 'g');
  return text.replace(re, (_m, what: string, n: string) => (what === 'RAW' ? ph.raws[Number(n)]! : quoteKey(ph.keys[Number(n)]!)));
}
