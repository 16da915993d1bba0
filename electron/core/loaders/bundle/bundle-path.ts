/**
 * Normalizes a path written inside a bundle (an archive entry name or a manifest path) to a
 * relative POSIX path, or says why it is unsafe. Shared so that a folder, a .tar.gz and a .zip
 * of the same bundle name their files identically (and so digest identically).
 */
export type BundlePathResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

export function normalizeBundlePath(raw: string): BundlePathResult {
  // Windows zip tools write backslashes; treat them as separators so `..\x` is caught too.
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return { ok: false, reason: `absolute path "${raw}"` };
  if (p.includes('\0')) return { ok: false, reason: `NUL character in path "${raw}"` };
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, reason: `path "${raw}" escapes the bundle (..)` };
  if (segments.length === 0) return { ok: false, reason: `empty path "${raw}"` };
  return { ok: true, path: segments.join('/') };
}
