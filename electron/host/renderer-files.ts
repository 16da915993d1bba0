import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_TYPES } from './content-security-policy';

export interface RendererFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * A file of the built renderer for a URL path, or null. The path is decoded and normalized,
 * and must stay inside `root` (no `..`, no absolute paths, no NUL); `/` is index.html.
 */
export async function readRendererFile(root: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded).replace(/^[/\\]+/, '');
  if (relative.startsWith('..') || relative.split(sep).includes('..')) return null;
  const full = join(root, relative);
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    return { body: await readFile(full), contentType: CONTENT_TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
