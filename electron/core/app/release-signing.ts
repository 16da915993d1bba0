import { lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { buildChangeSet, readChangeSetSource, SIGNATURES_FOLDER } from '../loaders/bundle';
import { InputError, UsageError } from '../model/errors';
import { envelopeFileText } from '../signing/attestation-files';
import { signRelease } from '../signing/sign';
import type { Signer } from '../signing/sign';

export interface SignedBundle {
  /** The signature file written. */
  readonly path: string;
  readonly changeSetDigest: string;
  readonly keyId: string;
  readonly release: { readonly vendor: string; readonly app: string; readonly install: string; readonly release: string };
}

/**
 * `countersign changeset sign`: signs a bundle FOLDER's change-set digest and manifest metadata
 * (release/v1) and writes `signatures/<key id, 16 hex>.release.dsse.json` into it. The folder
 * is read as any import reads it (the digest signed is the digest a reviewer will compute), and
 * signatures/ is outside that digest, so signing changes nothing that is signed. An archive
 * cannot be signed in place: sign the folder, then pack it.
 */
export async function signBundle(input: { readonly bundle: string; readonly signer: Signer; readonly time?: Date }): Promise<SignedBundle> {
  const folder = basename(input.bundle) === 'changeset.yaml' ? dirname(input.bundle) : input.bundle;
  const info = await stat(folder).catch(() => null);
  if (!info) throw new InputError(input.bundle, 'no such bundle folder');
  if (!info.isDirectory()) throw new UsageError(`${input.bundle}: changeset sign takes a bundle folder (a .tar.gz/.zip cannot be signed in place: sign the folder, then pack it)`);
  const source = await readChangeSetSource([folder]);
  if (!source.manifest) throw new InputError(folder, 'not a bundle folder (no changeset.yaml)');
  const changeSet = buildChangeSet(source);
  const m = changeSet.metadata;
  const release = { vendor: m.vendor, app: m.app, install: m.install, release: m.release };
  const signed = signRelease({ changeSetDigest: changeSet.digest, release, signer: input.signer, ...(input.time ? { time: input.time } : {}) });

  const dir = join(folder, SIGNATURES_FOLDER);
  const existing = await lstat(dir).catch(() => null);
  if (existing === null) await mkdir(dir);
  else if (existing.isSymbolicLink() || !existing.isDirectory()) throw new InputError(dir, 'is not a real folder (a file or a symbolic link): remove it, then sign again');
  const path = join(dir, signed.fileName);
  const tmp = join(dir, `.${signed.fileName}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, envelopeFileText(signed.envelope), { flag: 'wx', mode: 0o644 });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new InputError(path, `cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return { path, changeSetDigest: changeSet.digest, keyId: signed.statement.predicate.signer.keyId, release };
}
