/**
 * A strength hint while the user types a new key's passphrase. The hard rule mirrors the
 * core's (at least 12 characters, at least 4 different ones) so the form refuses what the
 * core would; above it, length and variety make the hint stronger.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export interface PassphraseStrength {
  readonly level: 'unusable' | 'weak' | 'fair' | 'strong';
  /** What to do next (lower case: shown after the level, e.g. "Weak — allowed, but …"). */
  readonly hint: string;
  readonly acceptable: boolean;
}

export function passphraseStrength(p: string): PassphraseStrength {
  const length = [...p].length;
  if (length === 0) return { level: 'unusable', hint: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.`, acceptable: false };
  if (length < MIN_PASSPHRASE_LENGTH) {
    return { level: 'unusable', hint: `too short: ${length} of at least ${MIN_PASSPHRASE_LENGTH} characters.`, acceptable: false };
  }
  if (new Set(p).size < 4) return { level: 'unusable', hint: 'too repetitive: use at least 4 different characters.', acceptable: false };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  const words = p.trim().split(/[\s\-_.]+/).filter((w) => w.length >= 3).length;
  if (length >= 20 && (classes >= 2 || words >= 4)) return { level: 'strong', hint: 'long and varied.', acceptable: true };
  if (length >= 16 || classes >= 3) {
    return { level: 'fair', hint: 'a few more characters or another unrelated word makes it strong.', acceptable: true };
  }
  return { level: 'weak', hint: 'allowed, but make it longer (20+ characters) or mix in digits and symbols.', acceptable: true };
}
