import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ChangeSet } from '../core/model/changeset';
import type { DisplayPath, QuoteSource } from '../core/reports';
import { kubernetesQuoter } from '../core/loaders/kubernetes/line-quotes';

const ARCHIVE = /\.(?:tar\.gz|tgz|zip)$/i;

/**
 * Findings name files the way the change set does: bundle-relative paths, or a bare file's
 * base name. For reports that editors and code-scanning tools open, map them back to the
 * path the user gave: the bundle folder joined in, or the bare file's path as typed.
 * Inside an archive there is no such path, so those stay bundle-relative.
 */
export function displayPathFor(inputs: readonly string[]): DisplayPath {
  const [first] = inputs;
  if (inputs.length === 1 && first !== undefined) {
    if (ARCHIVE.test(first)) return (file) => file;
    if (statSync(first).isDirectory()) return (file) => (file ? join(first, file) : file);
  }
  const byName = new Map(inputs.map((input) => [basename(input), input]));
  return (file) => byName.get(file) ?? file;
}

/**
 * Quotes the change set's Kubernetes files for SARIF snippets, read again from where the user
 * gave them. They are quoted only while they still have the digest the change set recorded,
 * so a file changed since, or a path that names some other file, is never quoted.
 */
export function quoteSourceFor(inputs: readonly string[], changeSet: ChangeSet): QuoteSource {
  const displayPath = displayPathFor(inputs);
  return kubernetesQuoter(changeSet, (file) => {
    try {
      return readFileSync(displayPath(file));
    } catch {
      return undefined;
    }
  });
}
