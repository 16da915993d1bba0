import type { ReadingProblem } from './construct-documents';

/**
 * Characters libyaml (go-yaml v2, YAML 1.1) treats as line breaks, which js-yaml (YAML 1.2)
 * reads as ordinary text: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. A value or key that holds
 * one is folded or split differently by the two readers. A byte-order mark after the start of
 * the file is also read differently (libyaml accepts one at each document start).
 */
const AMBIGUOUS_CHARACTERS: ReadonlyMap<string, string> = new Map([
  ['\u0085', 'NEL (U+0085)'],
  ['\u2028', 'LINE SEPARATOR (U+2028)'],
  ['\u2029', 'PARAGRAPH SEPARATOR (U+2029)'],
  ['\ufeff', 'BYTE ORDER MARK (U+FEFF)'],
]);

/**
 * Problems found on the raw text, before any YAML reading: the characters above (at most
 * `limit` reported), and "---" lines kubectl's document splitter refuses. `text` has had a
 * leading byte-order mark removed. indexOf per character keeps this a memchr-speed scan.
 */
export function scanStream(text: string, limit = 20): ReadingProblem[] {
  const problems: ReadingProblem[] = [];
  for (const [ch, name] of AMBIGUOUS_CHARACTERS) {
    for (let i = text.indexOf(ch); i !== -1 && problems.length < limit; i = text.indexOf(ch, i + 1)) {
      problems.push({ offset: i, message: `${name}: go-yaml v2 (kubectl) reads it as a line break, other YAML readers as text; remove it or write it as an escape in a double-quoted string` });
    }
  }
  // YAMLReader reads lines with bufio.ReadLine, which ends a line at a line feed only: after a
  // lone carriage return (a line break to YAML) a "---" does not start a new document for
  // kubectl, which then applies only the first document of the chunk.
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 0x0a) continue;
    problems.push({ offset: i, message: 'a carriage return without a line feed: YAML reads a line break, kubectl\'s document splitter does not' });
    break;
  }
  // k8s.io/apimachinery YAMLReader splits documents on every line that starts with "---" and
  // refuses one followed by anything but spaces or a comment ("invalid Yaml document separator").
  for (let i = text.startsWith('---') ? 0 : text.indexOf('\n---'); i !== -1; i = text.indexOf('\n---', i + 1)) {
    const start = text.charCodeAt(i) === 0x0a ? i + 1 : i;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const rest = text.slice(start + 3, end).trim();
    if (rest !== '' && !rest.startsWith('#')) {
      // The line is not quoted: it may hold a Secret's value.
      problems.push({ offset: start, message: 'content after "---": kubectl splits documents on every line starting with "---" and refuses one followed by anything but a comment' });
    }
    if (problems.length >= 2 * limit) break;
  }
  return problems;
}
