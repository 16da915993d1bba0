import { z } from 'zod';

/**
 * Strict base64. Buffer.from(s, 'base64') silently skips characters it does not know, so a
 * corrupted envelope or file would decode to *something*; fields are checked here first. DSSE
 * allows standard or URL-safe base64, padded or not (never mixed alphabets).
 */
const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

export function decodeBase64Strict(s: string): Buffer | null {
  const urlSafe = !STANDARD.test(s);
  if (urlSafe && !URL_SAFE.test(s)) return null;
  const body = s.replace(/=+$/, '');
  if (body.length % 4 === 1) return null;
  if (s.length !== body.length && s.length % 4 !== 0) return null;
  const bytes = Buffer.from(body, urlSafe ? 'base64url' : 'base64');
  // Non-zero trailing bits mean a second encoding of the same bytes: refuse, so one envelope has one spelling.
  const again = bytes.toString(urlSafe ? 'base64url' : 'base64').replace(/=+$/, '');
  return again === body ? bytes : null;
}

/**
 * The shape of standard, padded base64 (alphabet, `=` only at the end, a length an encoder
 * writes), without decoding it: for a field so large that its reader decodes it once, after its
 * own size check (a signing request's files: request-files.ts), not in the schema as well.
 */
export function base64Shape(message = 'must be base64'): z.ZodType<string> {
  return z.string().regex(STANDARD, message).refine((s) => s.length % 4 === 0, message);
}

/**
 * A field of standard, padded base64 in the files this project writes (key files, backups;
 * Buffer's toString('base64') writes it): the one spelling of its bytes. The alphabet's regex
 * alone took a missing or misplaced `=`, a length no encoder writes, and other spellings of the
 * same bytes (non-zero unused bits).
 */
export function base64Field(message = 'must be base64'): z.ZodType<string> {
  return base64Shape(message).refine((s) => decodeBase64Strict(s) !== null, message);
}
