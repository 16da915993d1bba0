/**
 * Where to cut a long one-line name (a resource address) so that a narrow column shows its
 * start AND its end ("module.tenant["eu-…aws_db_instance.main"): rows that differ only in
 * the resource's type, name or index at the end stay distinguishable.
 *
 * Returns null (show the name whole, cut only at the end) when a split could change how the
 * name reads: right-to-left letters are reordered by the bidi algorithm over the WHOLE name,
 * so two separately laid-out halves could show a different order than the name has.
 */

/** Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, …; presentation forms; RTL SMP blocks). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
/** Characters at which a cut looks natural in an address or a path. */
const SEPARATOR = /[./[\]"':_\-]/u;
/** Combining marks belong to the character before them: never start the tail with one. */
const MARK = /^\p{M}/u;

export interface NameSplit {
  readonly head: string;
  readonly tail: string;
}

/**
 * Splits `name` at the separator nearest to `at` (a fraction of its length; the tail gets the
 * rest), or at that code point if no separator is near. `head + tail === name` always.
 */
export function splitForMiddleEllipsis(name: string, at = 0.4): NameSplit | null {
  if (RTL.test(name)) return null;
  const chars = Array.from(name);
  if (chars.length < 8) return null;
  const target = Math.round(chars.length * at);
  const window = Math.max(2, Math.round(chars.length * 0.15));
  let cut = target;
  for (let d = 0; d <= window; d++) {
    if (SEPARATOR.test(chars[target + d] ?? '')) { cut = target + d; break; }
    if (SEPARATOR.test(chars[target - d] ?? '')) { cut = target - d; break; }
  }
  cut = Math.min(Math.max(cut, 2), chars.length - 1);
  while (cut < chars.length - 1 && MARK.test(chars[cut]!)) cut++;
  if (MARK.test(chars[cut]!)) return null;
  return { head: chars.slice(0, cut).join(''), tail: chars.slice(cut).join('') };
}
