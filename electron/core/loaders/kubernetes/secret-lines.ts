import { parseYamlStream } from './parse-yaml-stream';
import type { PositionIndex } from './position-index';
import { containsSecret, holdsSecret, holdsSecretItems, isImpliedSecret, isSecretObject, LAST_APPLIED } from './secret-mask';

/** What a node of the file is, for showing its lines: outside any Secret, a Secret's harmless structure, or secret. */
const PLAIN = 0;
const STRUCTURE = 1;
const SECRET = 2;

/** Fields of a Secret (and of its metadata) whose lines may be shown: they name the Secret, never hold its values. */
const SHOWN_FIELDS = ['apiVersion', 'kind', 'type', 'immutable'];
const SHOWN_METADATA = ['name', 'namespace', 'generateName', 'labels'];

/**
 * The only shape a line inside a Secret may have to be shown: `key: simple-value` (YAML or
 * JSON), no comment, no block or flow collection, no escapes, no tags or anchors. Checked on
 * top of the parse (every node on the line is structure), so text that merely looks like a
 * key is never enough.
 */
const SHOWN_LINE = /^\s*(?:-\s+)?(?:"[A-Za-z][\w./-]*"|[A-Za-z][\w./-]*)\s*:(?:\s*(?:"[\w./:@+-]*"|[A-Za-z0-9][\w./:@+-]*|\{))?\s*,?\s*$/;

/** Text before a line's first node that is only indentation and YAML/JSON punctuation. */
const ONLY_PUNCTUATION = /^[\s\-?:,[\]{}]*$/;

/**
 * 1-based numbers of the lines of a Kubernetes YAML/JSON file that may show a Secret's values,
 * found from the PARSED documents, never by looking for key names in the text: a Secret is any
 * mapping whose kind reads `Secret` (top-level documents, items of lists, Secrets embedded in
 * other objects), however it is written (flow or block, quoted or escaped keys, tags, block
 * scalars, JSON `\u` escapes). Every line where a Secret's node starts is hidden, except the
 * lines that only name it (apiVersion, kind, type, metadata name/namespace/labels); so is every
 * line in between or next to them that holds no node (comments, block-scalar content, a
 * document's `---` and leading comments). A document that uses YAML aliases and holds a Secret
 * is hidden whole: an alias may show a Secret's value anywhere in the document. So is a
 * last-applied annotation that holds a Secret. Throws InputError when the text does not parse.
 */
export function secretLines(file: string, text: string): ReadonlySet<number> {
  const { documents, positions } = parseYamlStream(file, text);
  const marks = new NodeMarks(positions);
  documents.forEach((doc, i) => {
    if (positions.documentsWithAliases.has(i) && containsSecret(doc.value)) marks.subtree(doc.node, SECRET);
    else visit(marks, doc.value, doc.node, () => marks.subtree(doc.node, SECRET));
  });
  return linesOf(positions, marks.classes, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** The class of every node of the file (PLAIN until marked). */
class NodeMarks {
  readonly classes: Uint8Array;

  constructor(readonly positions: PositionIndex) {
    this.classes = new Uint8Array(positions.nodeCount);
  }

  subtree(node: number, cls: number): void {
    for (let n = node; n < this.positions.subtreeEnd(node); n++) this.classes[n] = cls;
  }

  /** One node shown as structure: a scalar (its whole text) or a collection's own start. */
  shown(node: number): void {
    this.classes[node] = STRUCTURE;
  }
}

/** Walks a parsed value and its nodes together, marking each Secret (and what it hides) found. */
function visit(marks: NodeMarks, value: unknown, node: number, wholeDocument: () => void): void {
  const { positions } = marks;
  if (typeof value !== 'object' || value === null) return;
  if (isSecretObject(value)) return markSecret(marks, value as Record<string, unknown>, node);
  if (Array.isArray(value)) {
    const items = positions.items(node);
    value.forEach((item, i) => {
      const itemNode = items[i];
      if (itemNode !== undefined) visit(marks, item, itemNode, wholeDocument);
      // A value with no node of its own (a merge key, an alias): its text is elsewhere.
      else if (containsSecret(item)) wholeDocument();
    });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const found = positions.child(node, key);
    if (!found) {
      if (containsSecret(child)) wholeDocument();
      continue;
    }
    if (key === 'metadata') markLastApplied(marks, child, found.node);
    if (key === 'items' && holdsSecretItems(value)) visitSecretItems(marks, child as unknown[], found.node, wholeDocument);
    else visit(marks, child, found.node, wholeDocument);
  }
}

/** Items of a SecretList: one without a kind is a Secret (kubectl gives it the list's item kind). */
function visitSecretItems(marks: NodeMarks, items: readonly unknown[], node: number, wholeDocument: () => void): void {
  const nodes = marks.positions.items(node);
  items.forEach((item, i) => {
    const itemNode = nodes[i];
    if (itemNode === undefined) {
      if (isImpliedSecret(item) || containsSecret(item)) wholeDocument();
    } else if (isImpliedSecret(item)) markSecret(marks, item as Record<string, unknown>, itemNode);
    else visit(marks, item, itemNode, wholeDocument);
  });
}

function markSecret(marks: NodeMarks, secret: Record<string, unknown>, node: number): void {
  const { positions } = marks;
  marks.subtree(node, SECRET);
  const isScalar = (n: number): boolean => positions.subtreeEnd(n) === n + 1;
  // The key node of a field found by `child` (the node just before its value), when it is a plain scalar.
  const field = (parent: number, key: string): number | undefined => {
    const found = positions.child(parent, key);
    if (!found) return undefined;
    const keyNode = found.node - 1;
    if (keyNode > parent && isScalar(keyNode) && positions.startOffset(keyNode) === found.offset) marks.shown(keyNode);
    return found.node;
  };
  // The Secret's own mapping node (it starts at its first key, or at its `{`).
  marks.shown(node);
  for (const key of SHOWN_FIELDS) {
    const value = field(node, key);
    if (value !== undefined && isScalar(value)) marks.shown(value);
  }
  const metadata = field(node, 'metadata');
  if (metadata === undefined || typeof secret.metadata !== 'object' || secret.metadata === null) return;
  marks.shown(metadata);
  for (const key of SHOWN_METADATA) {
    const value = field(metadata, key);
    if (value === undefined) continue;
    marks.shown(value);
    // labels: each key and its scalar value (a nested collection stays hidden).
    for (let n = value + 1; n < positions.subtreeEnd(value); n++) if (isScalar(n)) marks.shown(n);
  }
}

/** On an object that is not a Secret, its last-applied annotation is hidden when it holds one (or cannot be read). */
function markLastApplied(marks: NodeMarks, metadata: unknown, node: number): void {
  if (typeof metadata !== 'object' || metadata === null) return;
  const annotations = (metadata as Record<string, unknown>).annotations;
  if (typeof annotations !== 'object' || annotations === null || !Object.hasOwn(annotations, LAST_APPLIED)) return;
  if (!holdsSecret((annotations as Record<string, unknown>)[LAST_APPLIED])) return;
  const annotationsNode = marks.positions.child(node, 'annotations');
  const applied = annotationsNode && marks.positions.child(annotationsNode.node, LAST_APPLIED);
  marks.subtree(applied?.node ?? node, SECRET);
}

/** Turns node classes into hidden line numbers (see secretLines for the rules). */
function linesOf(positions: PositionIndex, classes: Uint8Array, text: string): ReadonlySet<number> {
  const lineTexts = text.split('\n');
  const count = lineTexts.length;
  // Per line that has nodes: the highest class among them, the first's and the last's class,
  // and the column where the first starts. -1: no node starts on the line.
  const highest = new Int8Array(count + 1).fill(-1);
  const first = new Int8Array(count + 1);
  const last = new Int8Array(count + 1);
  const firstColumn = new Int32Array(count + 1);
  for (let n = 0; n < positions.nodeCount; n++) {
    const start = positions.startOffset(n);
    if (start < 0) continue;
    const { line, column } = positions.position(start);
    const cls = classes[n]!;
    if (highest[line] === -1) {
      first[line] = cls;
      firstColumn[line] = column;
    }
    highest[line] = Math.max(highest[line]!, cls);
    last[line] = cls;
  }
  // Class of the nearest node after each line (for lines without nodes: comments, block-scalar text).
  const after = new Int8Array(count + 2);
  for (let line = count; line >= 1; line--) after[line] = highest[line + 1] !== undefined && highest[line + 1]! >= 0 ? first[line + 1]! : after[line + 1]!;
  const hidden = new Set<number>();
  let previous = PLAIN;
  for (let line = 1; line <= count; line++) {
    const lineText = lineTexts[line - 1]!.replace(/\r$/, '');
    const cls = highest[line]!;
    if (cls === -1) {
      // Between nodes: hidden when next to anything of a Secret.
      if (previous !== PLAIN || after[line] !== PLAIN) hidden.add(line);
      continue;
    }
    if (cls === SECRET) hidden.add(line);
    else if (cls === STRUCTURE && !SHOWN_LINE.test(lineText)) hidden.add(line);
    // A plain line may still end a Secret's multi-line value before its first node.
    else if (cls === PLAIN && previous !== PLAIN && !ONLY_PUNCTUATION.test(lineText.slice(0, firstColumn[line]! - 1))) hidden.add(line);
    previous = last[line]!;
  }
  return hidden;
}
