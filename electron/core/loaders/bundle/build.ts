import { basename } from 'node:path';
import { decodeText } from '../../io/decode-text';
import { EMPTY_METADATA } from '../../model/changeset';
import type { ArtifactInfo, ArtifactKind, ChangeSet } from '../../model/changeset';
import { InputError } from '../../model/errors';
import type { ResourceChange } from '../../model/resource-change';
import { extractImages } from '../images';
import { loadKubernetesManifests, NotKubernetesError } from '../kubernetes';
import { isTerraformPlan, normalizeTerraformPlan, parsePlanJson } from '../terraform';
import { displayPath } from './bundle-files';
import { changeSetDigest, listFiles } from './digest';
import { MANIFEST_NAME } from './types';
import type { ChangeSetManifest, ChangeSetSource, ManifestArtifact, SourceFile } from './types';

const EXPECTED = 'expected a Terraform plan (`terraform show -json` output) or Kubernetes YAML/JSON';

interface Loaded {
  readonly info: ArtifactInfo;
  readonly resources: readonly ResourceChange[];
}

/**
 * Parses and normalizes every artifact of a change set, appends the container images they use,
 * and computes the digest. Depends only on `source` (paths and bytes), so a change set stored
 * as its source files rebuilds identically. Bad input throws InputError.
 */
export function buildChangeSet(source: ChangeSetSource): ChangeSet {
  const byPath = new Map<string, SourceFile>();
  for (const f of source.files) {
    if (byPath.has(f.path)) throw new InputError(source.origin, `the change set holds ${f.path} twice`);
    byPath.set(f.path, f);
  }
  if (source.manifest && !byPath.has(MANIFEST_NAME)) throw new InputError(source.origin, `the bundle has no ${MANIFEST_NAME}`);
  const files = listFiles(source.files);
  const listed = new Map(files.map((f) => [f.path, f]));
  const info = (kind: ArtifactKind, file: SourceFile, resourceCount: number, component: string, previous?: string): ArtifactInfo => {
    const { sha256, bytes } = listed.get(file.path)!;
    return { kind, path: file.path, ...(previous !== undefined ? { previous } : {}), component, sha256, bytes, resourceCount };
  };
  const loaded = source.manifest
    ? loadBundle(source, source.manifest, byPath, info)
    : source.files.map((f) => loadBare(source, f, info));
  const resources = loaded.flatMap((l) => l.resources);
  return {
    digest: changeSetDigest(files),
    metadata: source.manifest?.metadata ?? EMPTY_METADATA,
    artifacts: loaded.map((l) => l.info),
    files,
    resources: [...resources, ...extractImages(resources)],
    origin: source.origin,
  };
}

type InfoOf = (kind: ArtifactKind, file: SourceFile, resourceCount: number, component: string, previous?: string) => ArtifactInfo;

function loadBundle(source: ChangeSetSource, manifest: ChangeSetManifest, byPath: ReadonlyMap<string, SourceFile>, artifactInfo: InfoOf): Loaded[] {
  const manifestFile = displayPath(source.origin, MANIFEST_NAME);
  const fileAt = (path: string, line: number): SourceFile => {
    const f = byPath.get(path);
    if (!f) throw new InputError(manifestFile, `lists ${path}, which is not in the bundle`, line);
    return f;
  };
  return manifest.artifacts.map((a) => {
    const file = fileAt(a.path, a.pathLine);
    const previous = a.previous !== undefined ? fileAt(a.previous, a.previousLine ?? a.line) : undefined;
    const resources = withOrigin(source.origin, [file.path, previous?.path], () => loadArtifact(source.origin, manifestFile, a, file, previous));
    return { info: artifactInfo(a.kind, file, resources.length, a.component, a.previous), resources };
  });
}

function loadArtifact(origin: string, manifestFile: string, a: ManifestArtifact, file: SourceFile, previous: SourceFile | undefined): readonly ResourceChange[] {
  const text = decodeText(file.bytes, file.path);
  if (a.kind === 'terraform-plan') {
    // Text that is not even JSON gets the same clear message as JSON of the wrong shape.
    const plan = startsLikeJson(text) ? parsePlanJson(file.path, text) : undefined;
    if (!isTerraformPlan(plan)) {
      throw new InputError(displayPath(origin, file.path), `is listed as a terraform-plan (${manifestFile} line ${a.line}) but is not a Terraform plan (\`terraform show -json\` output)`);
    }
    return normalizeTerraformPlan(file.path, text, plan, { component: a.component });
  }
  const prev = previous ? { file: previous.path, text: decodeText(previous.bytes, previous.path) } : undefined;
  return loadKubernetesManifests(file.path, text, { component: a.component, previous: prev });
}

/** Bare file: JSON that is a plan goes to the Terraform loader; any other JSON or YAML to the Kubernetes loader. */
function loadBare(source: ChangeSetSource, file: SourceFile, artifactInfo: InfoOf): Loaded {
  // Errors name the path the user typed for the first file, the base name for the others.
  const shown = file.path === basename(source.origin) ? source.origin : file.path;
  return rename(file.path, shown, () => {
    const text = decodeText(file.bytes, file.path);
    if (startsLikeJson(text)) {
      const value = parsePlanJson(file.path, text);
      if (isTerraformPlan(value)) {
        const resources = normalizeTerraformPlan(file.path, text, value, { component: '' });
        return { info: artifactInfo('terraform-plan', file, resources.length, ''), resources };
      }
      if (!looksLikeKubernetes(value)) {
        throw new InputError(file.path, `JSON, but neither a Terraform plan (no format_version / resource_changes) nor a Kubernetes object (no apiVersion / kind); ${EXPECTED}`);
      }
    }
    const resources = withHint(() => loadKubernetesManifests(file.path, text, { component: '' }));
    if (resources.length === 0) throw new InputError(file.path, `no Kubernetes objects found; ${EXPECTED}`);
    return { info: artifactInfo('kubernetes', file, resources.length, ''), resources };
  });
}

function startsLikeJson(text: string): boolean {
  const head = text.trimStart()[0];
  return head === '{' || head === '[';
}

/** An object with apiVersion and kind, or a JSON array of them (the Kubernetes loader checks the details). */
function looksLikeKubernetes(value: unknown): boolean {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isObjectWithKind = (v: unknown): boolean => isObject(v) && typeof v.kind === 'string' && typeof v.apiVersion === 'string';
  // One level only: a top-level array of objects; never recurse into hostile nesting.
  if (Array.isArray(value)) return value.length > 0 && value.every(isObjectWithKind);
  return isObjectWithKind(value);
}

/** Inside a bundle, errors name the bundle too (`release.tgz/k8s/app.yaml:12:3: …`); resource locations stay bundle-relative. */
function withOrigin<T>(origin: string, paths: readonly (string | undefined)[], fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError && paths.includes(e.file)) throw e.restated(displayPath(origin, e.file));
    throw e;
  }
}

/** A bare file that is not Kubernetes at all may have been meant as a plan: say both formats we take. */
function withHint<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NotKubernetesError) throw e.restated(e.file, `${e.reason}; ${EXPECTED}`);
    throw e;
  }
}

function rename<T>(from: string, to: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError && e.file === from && from !== to) throw e.restated(to);
    throw e;
  }
}
