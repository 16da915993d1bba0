import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import { z } from 'zod';
import { EMPTY_METADATA } from '../../model/changeset';
import { InputError } from '../../model/errors';
import { TYPED_TIME, isIsoTime } from '../../model/iso-time';
import { normalizeBundlePath, pathCollisionKey, quotedPath } from './bundle-path';
import { isInSignaturesFolder, SIGNATURES_FOLDER } from './signatures';
import { MANIFEST_NAME } from './types';
import type { ChangeSetManifest, ManifestArtifact } from './types';

// plannedApplyAt drives maintenance windows: a date-time needs a zone (a local time would be ambiguous).
const timestamp = z.string().refine((s) => s === '' || isIsoTime(s, TYPED_TIME), {
  message: 'must be an ISO-8601 date or date-time with a time zone, on a real calendar day, e.g. 2026-01-05T03:00:00Z',
});

const metadataSchema = z.strictObject({
  vendor: z.string().optional(),
  app: z.string().optional(),
  install: z.string().optional(),
  release: z.string().optional(),
  previousRelease: z.string().optional(),
  createdAt: timestamp.optional(),
  plannedApplyAt: timestamp.optional(),
  description: z.string().optional(),
});

const artifactSchema = z.strictObject({
  kind: z.enum(['terraform-plan', 'kubernetes'], { error: 'must be terraform-plan or kubernetes' }),
  path: z.string().min(1, 'must not be empty'),
  previous: z.string().optional(),
  component: z.string().optional(),
}).refine((a) => !a.previous || a.kind === 'kubernetes', { message: 'only kubernetes artifacts take a previous file', path: ['previous'] });

const manifestSchema = z.strictObject({
  apiVersion: z.literal('countersign.dev/v1', { error: 'must be countersign.dev/v1' }),
  kind: z.literal('ChangeSet', { error: 'must be ChangeSet' }),
  metadata: metadataSchema.optional(),
  artifacts: z.array(artifactSchema, { error: 'must be a list of artifacts' }).min(1, 'must list at least one artifact'),
}, { error: 'must be a mapping with apiVersion, kind, metadata and artifacts' });

/**
 * Parses and validates changeset.yaml. Every error is an InputError naming `file` and the line
 * of the offending value. `file` is what errors show (e.g. `bundle.tgz/changeset.yaml`).
 */
export function parseChangeSetManifest(file: string, text: string): ChangeSetManifest {
  const lines = new LineCounter();
  // failsafe: every scalar is a string, so `release: 1.10` stays "1.10" instead of the number 1.1.
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number): { line: number; col: number } => lines.linePos(offset);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineOf(yamlError.pos[0]);
    throw new InputError(file, `invalid YAML: ${yamlError.message}`, pos.line, pos.col);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError(file, `invalid YAML: ${(e as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const pos = lineOf(locate(doc, issue.path, unknownKey));
    const field = fieldName(unknownKey !== undefined ? [...issue.path, unknownKey] : issue.path);
    const reason = unknownKey !== undefined ? `unknown field ${field}` : `${field || 'manifest'} ${issue.message}`;
    throw new InputError(file, reason, pos.line, pos.col);
  }
  const m = parsed.data;
  const md = m.metadata ?? {};
  const seen = new Map<string, number>();
  const artifacts = m.artifacts.map((a, i): ManifestArtifact => {
    const line = lineOf(locate(doc, ['artifacts', i])).line;
    const pathLine = lineOf(locate(doc, ['artifacts', i, 'path'])).line;
    const path = bundlePath(file, a.path, pathLine);
    const earlier = seen.get(path);
    if (earlier !== undefined) throw new InputError(file, `artifact ${path} is listed twice (first on line ${earlier})`, pathLine);
    seen.set(path, pathLine);
    const artifact: ManifestArtifact = { kind: a.kind, path, component: a.component ?? '', line, pathLine };
    if (!a.previous) return artifact;
    const previousLine = lineOf(locate(doc, ['artifacts', i, 'previous'])).line;
    return { ...artifact, previous: bundlePath(file, a.previous, previousLine), previousLine };
  });
  checkNoCollisions(file, artifacts);
  return {
    metadata: {
      ...EMPTY_METADATA,
      ...Object.fromEntries(Object.entries(md).filter(([, v]) => v !== undefined)),
    },
    artifacts,
  };
}

/** `artifacts[1].path`, as a reader of the YAML would name it. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function bundlePath(file: string, raw: string, line: number): string {
  const p = normalizeBundlePath(raw);
  if (!p.ok) throw new InputError(file, `path ${quotedPath(raw)}: ${p.reason}`, line);
  if (pathCollisionKey(p.path) === pathCollisionKey(MANIFEST_NAME)) throw new InputError(file, `${MANIFEST_NAME} cannot be an artifact`, line);
  // Outside the digest: a listed file there could be replaced by signing (or named like a signature).
  if (isInSignaturesFolder(p.path)) throw new InputError(file, `path ${quotedPath(raw)}: ${SIGNATURES_FOLDER}/ is reserved for vendor release signatures (outside the change-set digest); put artifacts elsewhere`, line);
  return p.path;
}

/**
 * Refuses two listed paths that name one file on a case-insensitive or normalizing file
 * system (`App.yaml` and `app.yaml`): the reviewer would see one and the vendor apply the other.
 */
function checkNoCollisions(file: string, artifacts: readonly ManifestArtifact[]): void {
  const seen = new Map<string, { readonly path: string; readonly line: number }>();
  const check = (path: string, line: number): void => {
    const key = pathCollisionKey(path);
    const other = seen.get(key);
    if (other !== undefined && other.path !== path) {
      throw new InputError(file, `path ${quotedPath(path)} is the same file as ${quotedPath(other.path)} (line ${other.line}) on a case-insensitive or Unicode-normalizing file system`, line);
    }
    if (other === undefined) seen.set(key, { path, line });
  };
  for (const a of artifacts) {
    check(a.path, a.pathLine);
    if (a.previous !== undefined) check(a.previous, a.previousLine ?? a.line);
  }
}

/** Source offset of the node at `path` (or of its key `key`), falling back to the nearest existing parent. */
function locate(doc: Document, path: readonly PropertyKey[], key?: PropertyKey): number {
  let node: unknown = doc.contents;
  let offset = nodeStart(node) ?? 0;
  for (const step of path) {
    node = isMap(node) ? pairOf(node, step)?.value : isSeq(node) && typeof step === 'number' ? node.items[step] : undefined;
    if (node === undefined) return offset;
    offset = nodeStart(node) ?? offset;
  }
  if (key !== undefined && isMap(node)) offset = nodeStart(pairOf(node, key)?.key) ?? offset;
  return offset;
}

function pairOf(map: YAMLMap, key: PropertyKey): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && p.key.value === key);
}

function nodeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}
