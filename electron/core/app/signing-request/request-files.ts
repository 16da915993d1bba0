import { decodeText, formatBytes, maxInputBytes } from '../../io/decode-text';
import { MANIFEST_NAME, buildChangeSet, parseChangeSetManifest, sha256Hex } from '../../loaders/bundle';
import type { ChangeSetSource } from '../../loaders/bundle';
import { collectBundleFiles } from '../../loaders/bundle/bundle-files';
import { normalizeBundlePath, pathCollisionKey, quotedPath } from '../../loaders/bundle/bundle-path';
import type { ChangeSet } from '../../model/changeset';
import { InputError } from '../../model/errors';
import { decodeBase64Strict } from '../../hashing/base64';
import type { SigningRequest } from './format';

/**
 * The change set a request carries, read as a bundle would be: every path by the bundle path
 * rules (no `..`, no absolute path, no backslash, no control or invisible character; written
 * exactly as normalized, so one file cannot be named two ways), no two paths that one file
 * system takes for the same file, strict base64, each file's sha256 as stated and within the
 * input size limit; with a changeset.yaml, exactly the files it lists (as a bundle folder reads
 * them), else bare files (base names). The digest is then computed from the files, as an import
 * does, and must be the one the request states.
 */
export function requestChangeSet(request: SigningRequest, source: string): { readonly source: ChangeSetSource; readonly changeSet: ChangeSet } {
  const files = new Map<string, Uint8Array>();
  const keys = new Map<string, string>();
  const at = (i: number): string => `${source}: changeSet.files.${i}`;
  request.changeSet.files.forEach((f, i) => {
    const normalized = normalizeBundlePath(f.path);
    if (!normalized.ok) throw new InputError(at(i), `path ${quotedPath(f.path)}: ${normalized.reason}`);
    if (normalized.path !== f.path) throw new InputError(at(i), `path ${quotedPath(f.path)} is not written in its plain form (${quotedPath(normalized.path)})`);
    const key = pathCollisionKey(f.path);
    const other = keys.get(key);
    if (other !== undefined) throw new InputError(at(i), `path ${quotedPath(f.path)} names the same file as ${quotedPath(other)} on some file system (case, Unicode form or trailing dots)`);
    keys.set(key, f.path);
    // Decoded size is about 3/4 of the base64: refuse before allocating an over-limit file.
    if (f.dataBase64.length / 4 * 3 > maxInputBytes() + 3) throw new InputError(at(i), `${quotedPath(f.path)} is over the ${formatBytes(maxInputBytes())} input limit`);
    const bytes = decodeBase64Strict(f.dataBase64);
    if (bytes === null) throw new InputError(at(i), `${quotedPath(f.path)}: dataBase64 is not valid base64`);
    if (sha256Hex(bytes) !== f.sha256) throw new InputError(at(i), `${quotedPath(f.path)}: its bytes do not hash to the sha256 the request states (altered in transit?)`);
    files.set(f.path, new Uint8Array(bytes));
  });
  const changeSetSource = sourceOf(files, source);
  const changeSet = buildChangeSet(changeSetSource);
  if (changeSet.digest !== request.changeSet.digest) {
    throw new InputError(source, `its files make change set ${changeSet.digest}, not the ${request.changeSet.digest} it states: the files were altered, so nothing signed for that digest applies to them`);
  }
  return { source: changeSetSource, changeSet };
}

function sourceOf(files: ReadonlyMap<string, Uint8Array>, source: string): ChangeSetSource {
  const origin = source;
  const manifestBytes = files.get(MANIFEST_NAME);
  if (manifestBytes === undefined) {
    for (const path of files.keys()) {
      if (path.includes('/')) throw new InputError(source, `holds ${quotedPath(path)} in a folder but no ${MANIFEST_NAME}: bare files are named by their base name`);
    }
    return { origin, manifest: null, files: [...files].map(([path, bytes]) => ({ path, bytes })) };
  }
  const manifestFile = `${origin}/${MANIFEST_NAME}`;
  const manifest = parseChangeSetManifest(manifestFile, decodeText(manifestBytes, manifestFile));
  const collected = collectBundleFiles(origin, manifestBytes, manifest, (p) => files.get(p));
  const listed = new Set(collected.map((f) => f.path));
  const extra = [...files.keys()].find((p) => !listed.has(p));
  if (extra !== undefined) throw new InputError(source, `holds ${quotedPath(extra)}, which its ${MANIFEST_NAME} does not list (a change set is its manifest and the files it lists, nothing else)`);
  return { origin, manifest, files: collected };
}
