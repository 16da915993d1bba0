import { InputError } from '../../model/errors';
import type { FieldPath, InputProblem, SourceLocation } from '../../model/resource-change';
import type { ReadingProblem } from './construct-documents';
import { parseYamlStream } from './parse-yaml-stream';
import type { PositionIndex } from './position-index';

type Json = Record<string, unknown>;

/** One Kubernetes object of a manifest file, with the means to find any of its fields. */
export interface ManifestObject {
  readonly object: Json;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** metadata.namespace as written ('' when absent). */
  readonly namespace: string;
  readonly location: SourceLocation;
  /** 1-based number of the YAML document it sits in (items of a List share their document's). */
  readonly document: number;
  readonly locate: (path: FieldPath) => SourceLocation;
  /** Where kubectl would read this object differently (see construct-documents.ts). */
  readonly problems: InputProblem[];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'string' ? 'a plain string' : `a ${typeof v}`;
}

/**
 * `kind: List` (kubectl) and typed lists such as `PodList` carry their objects in `items`.
 * A list has no name of its own, which keeps a custom kind like `AllowList` an object.
 */
function isListObject(v: Json): boolean {
  const named = isObject(v.metadata) && typeof v.metadata.name === 'string';
  return typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items) && !named;
}

/**
 * The file, a document or a list item is not a Kubernetes object at all (rather than an object
 * with a bad field): a bare file that throws it may have been meant as another format.
 */
export class NotKubernetesError extends InputError {}

export interface ReadOptions {
  /**
   * The file is `kubectl get -o yaml|json` output (a live snapshot): anchors, aliases, tags and
   * plain `<<` merge keys, which kubectl never writes, are refused (yaml-decorations.ts).
   */
  readonly kubectlOutput?: boolean;
}

/**
 * Reads every Kubernetes object of a YAML/JSON manifest file: documents in order, empty and
 * comment-only documents skipped, lists expanded. Anything that is not a Kubernetes object is an
 * InputError pointing at its line.
 */
export function readManifestObjects(file: string, text: string, options: ReadOptions = {}): ManifestObject[] {
  const { documents, positions, problems, decoration } = parseYamlStream(file, text);
  if (options.kubectlOutput && decoration) {
    const { line, column } = positions.position(decoration.offset);
    throw new InputError(file, `${decoration.what}: kubectl output never has one; this file was written or edited by other means`, line, column);
  }
  const objects: ManifestObject[] = [];
  const real = documents.filter((d) => d.value !== null);
  for (const doc of real) {
    const where = (node: number) => positions.position(positions.objectOffset(node));
    if (!isObject(doc.value)) {
      const { line, column } = where(doc.node);
      const reason = real.length === 1 && typeof doc.value === 'string'
        ? 'neither Kubernetes YAML nor JSON: the file reads as one plain string'
        : `document ${doc.number} is ${describe(doc.value)}, not a Kubernetes object (a mapping with apiVersion, kind and metadata)`;
      throw new NotKubernetesError(file, reason, line, column);
    }
    const context: ObjectContext = { file, positions, origin: doc.origin, document: doc.number };
    collectObjects(context, doc.value, doc.node, `document ${doc.number}`, objects, 0);
  }
  attachProblems(file, positions, problems, objects);
  return objects;
}

/** Source offset where each object starts (its first key), for attachProblems. */
const objectStart = new WeakMap<ManifestObject, number>();

/**
 * Gives each problem to the object it sits in: the last object that starts at or before it
 * (objects are in file order), else the first one. A problem with no object to carry it (a file
 * whose documents hold none) refuses the file: it must never pass silently.
 */
function attachProblems(file: string, positions: PositionIndex, problems: readonly ReadingProblem[], objects: readonly ManifestObject[]): void {
  if (problems.length === 0) return;
  const where = (offset: number) => positions.position(offset);
  if (objects.length === 0) {
    const { line, column } = where(problems[0]!.offset);
    throw new InputError(file, `kubectl would read this file differently: ${problems[0]!.message}`, line, column);
  }
  const starts = objects.map((o) => objectStart.get(o) ?? -1);
  const extra = new Map<ManifestObject, number>();
  for (const p of problems) {
    // Binary search: the last object starting at or before the problem.
    let lo = 0;
    let hi = objects.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= p.offset) lo = mid + 1;
      else hi = mid;
    }
    const owner = objects[Math.max(0, lo - 1)]!;
    if (owner.problems.length >= MAX_PROBLEMS_PER_OBJECT) {
      extra.set(owner, (extra.get(owner) ?? 0) + 1);
      continue;
    }
    owner.problems.push({ location: locationOf(file, where(p.offset), owner.location.origin), message: p.message });
  }
  for (const [owner, count] of extra) {
    owner.problems.push({ location: owner.location, message: `and ${count} more place(s) in this object that kubectl would read differently` });
  }
}

/** Findings per object for input kubectl reads differently; past this, one line counts the rest. */
const MAX_PROBLEMS_PER_OBJECT = 20;

function locationOf(file: string, { line, column }: { line: number; column: number }, origin: string | undefined): SourceLocation {
  return origin === undefined ? { file, line, column } : { file, line, column, origin };
}

interface ObjectContext {
  readonly file: string;
  readonly positions: PositionIndex;
  readonly origin: string | undefined;
  readonly document: number;
}

function collectObjects(ctx: ObjectContext, value: Json, node: number, label: string, out: ManifestObject[], listDepth: number): void {
  const { file, positions } = ctx;
  const fail = (reason: string, at: FieldPath = [], Kind: typeof InputError = InputError): never => {
    const { line, column } = positions.position(positions.locateOffset(node, at));
    throw new Kind(file, `${label}: ${reason}`, line, column);
  };
  if (isListObject(value) && listDepth < 4) {
    const itemsNode = positions.child(node, 'items');
    const itemNodes = itemsNode ? positions.items(itemsNode.node) : [];
    (value.items as unknown[]).forEach((item, i) => {
      // An item written through an alias has no nodes of its own: it is located at the alias.
      const itemNode = itemNodes[i] ?? itemsNode?.node ?? node;
      if (!isObject(item)) return fail(`items[${i}] is ${describe(item)}, not a Kubernetes object`, ['items', i], NotKubernetesError);
      collectObjects(ctx, item, itemNode, `${label}, items[${i}]`, out, listDepth + 1);
    });
    return;
  }
  if ('format_version' in value && ('resource_changes' in value || 'planned_values' in value)) {
    fail('this is a Terraform plan (JSON), not a Kubernetes manifest');
  }
  const { apiVersion, kind, metadata } = value;
  if (typeof apiVersion !== 'string' || apiVersion === '') fail('not a Kubernetes object: apiVersion is missing or not a string', ['apiVersion'], NotKubernetesError);
  if (typeof kind !== 'string' || kind === '') fail('not a Kubernetes object: kind is missing or not a string', ['kind'], NotKubernetesError);
  if (!isObject(metadata)) fail(`${kind as string} has no metadata mapping`, ['metadata']);
  const meta = metadata as Json;
  if (typeof meta.name !== 'string' || meta.name === '') fail(`${kind as string} has no metadata.name`, ['metadata', 'name']);
  if (meta.namespace !== undefined && meta.namespace !== null && typeof meta.namespace !== 'string') {
    fail(`${kind as string} ${meta.name as string}: metadata.namespace is not a string`, ['metadata', 'namespace']);
  }
  const origin = ctx.origin;
  const toLocation = (offset: number): SourceLocation => {
    const { line, column } = positions.position(offset);
    return origin === undefined ? { file, line, column } : { file, line, column, origin };
  };
  const object: ManifestObject = {
    object: value,
    apiVersion: apiVersion as string,
    kind: kind as string,
    name: meta.name as string,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    location: toLocation(positions.objectOffset(node)),
    document: ctx.document,
    locate: (path) => toLocation(positions.locateOffset(node, path)),
    problems: [],
  };
  objectStart.set(object, positions.objectOffset(node));
  out.push(object);
}
