import { printable, unprintableIn } from '../../model/printable-text';

/**
 * The path rules of a bundle, shared by folders, .tar.gz, .zip, changeset.yaml and bare file
 * names so every form of one bundle names its files identically (and so digests identically).
 * Documented in docs/changeset-format.md ("Path rules").
 *
 * The digest hashes one `<sha>  <size>  <path>\n` line per file: a path must never hold a
 * character that any reader could take as a line break or that a terminal would act on, or
 * one listing could be read as another (issue 7 hole 2).
 */
export type BundlePathResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

/** How a path appears in a message: quoted, with any unprintable character escaped. */
export function quotedPath(raw: string): string {
  return `"${printable(raw)}"`;
}

/**
 * Why `name` (a whole path or one file name) cannot name a file of a change set, or undefined.
 * Refused: C0 controls (line feed, carriage return, tab, NUL…), DEL, C1 controls (NEL U+0085…),
 * Unicode format characters (bidi overrides and isolates, zero-width characters, BOM), the line
 * and paragraph separators U+2028/U+2029, lone surrogates (no UTF-8 form), and U+FFFD (a name
 * that was not valid UTF-8, so two different names read the same).
 */
export function unsafeNameReason(name: string): string | undefined {
  const bad = unprintableIn(name);
  if (bad !== undefined) {
    const kind = /[\u0000-\u001f\u007f-\u009f]/.test(bad.char) ? 'control character' : 'invisible or line-breaking character';
    return `${kind} ${bad.codePoint} in the name (not allowed in a change-set path)`;
  }
  if (name.includes('\ufffd')) return 'U+FFFD in the name: it was not valid UTF-8';
  return undefined;
}

/**
 * Normalizes a path written inside a bundle (an archive entry name or a manifest path) to a
 * relative POSIX path, or says why it is unsafe (the reason does not repeat the path: callers
 * name it with quotedPath). `./a` and `a//b` normalize to `a` and `a/b`
 * (tar writes `./`); a trailing `/` is allowed only for a folder.
 */
export function normalizeBundlePath(raw: string, { folder = false }: { readonly folder?: boolean } = {}): BundlePathResult {
  const unsafe = unsafeNameReason(raw);
  if (unsafe !== undefined) return { ok: false, reason: unsafe };
  // A backslash is a separator on Windows and a name character elsewhere: either reading
  // would be wrong for someone. (Zip names from Windows tools arrive with "/" already.)
  if (raw.includes('\\')) return { ok: false, reason: 'must use "/" as the separator, not a backslash' };
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) return { ok: false, reason: 'absolute path' };
  if (!folder && raw.endsWith('/')) return { ok: false, reason: 'names a folder (trailing "/"), not a file' };
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, reason: 'escapes the bundle (..)' };
  if (segments.length === 0) return { ok: false, reason: 'empty path' };
  return { ok: true, path: segments.join('/') };
}

/**
 * Two paths with the same key name one file on some file system the bundle may be unpacked on:
 * case-insensitive (macOS, Windows), normalization-insensitive (macOS: NFC vs NFD, and NFKC
 * compatibility forms), or Windows dropping trailing dots and spaces. A bundle holding both
 * would show the reviewer one file and apply the other, so such pairs are refused.
 */
export function pathCollisionKey(path: string): string {
  return path
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .split('/')
    .map((s) => s.replace(/[. ]+$/, ''))
    .join('/');
}
