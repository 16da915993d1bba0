const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The same bytes as a padded base64 text, spelled another way: an unused low bit of the last
 * character set (Buffer.from reads both to the same bytes). Only a padded text has unused bits.
 */
export function otherBase64Spelling(b64: string): string {
  const body = b64.replace(/=+$/, '');
  const pad = b64.length - body.length;
  if (pad === 0) throw new Error('only a padded base64 text has another spelling of its bytes');
  return `${body.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(body.at(-1)!) ^ 1]}${'='.repeat(pad)}`;
}
