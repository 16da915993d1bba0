/**
 * Strict base64 for envelopes. Buffer.from(s, 'base64') silently skips characters it does not
 * know, so a corrupted envelope would decode to *something*; DSSE fields are checked here
 * first. DSSE allows standard or URL-safe base64, padded or not (never mixed alphabets).
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
