/**
 * Field paths of builder rows: a variable, then keys and indexes, written as `lookup` reads
 * them (`object.spec.containers[0].image`, `object.metadata.labels["app.kubernetes.io/name"]`).
 *
 * How a row reads a field (the documented choice for missing fields):
 * - `resource.<field>` and `c.<field>` (the resource view and a container entry, whose fields
 *   always exist) are read directly: `resource.namespace`;
 * - everything else goes through `lookup(<variable>, "<path>", null)`: a missing field, or a
 *   null on the way (object is null for a delete), reads as null. So `==` is false, `!=` and
 *   `notIn` are true, `exists` (`… != null`) is false, and an ordering or string operator on a
 *   missing field is a CEL error, which the engine reports as an `error` finding (fail
 *   closed). Allow absence explicitly with an `any` group: `notExists` or the comparison.
 */
import { isCelString, isFieldName, stringLiteral } from './cel-literals';

export const PATH_ROOTS = ['resource', 'object', 'oldObject', 'c'] as const;
export type PathRoot = (typeof PATH_ROOTS)[number];
export type PathStep = string | number;

export interface FieldPath {
  readonly root: PathRoot;
  readonly steps: readonly PathStep[];
}

function isRoot(s: string): s is PathRoot {
  return (PATH_ROOTS as readonly string[]).includes(s);
}

/** A key written bare in a dotted path: `spec`, `max-surge`. Others are quoted. */
function isPlainKey(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key);
}

/** The dotted form after the variable (what `lookup` takes), e.g. `spec.ports[0]["x.y"]`. */
export function formatSteps(steps: readonly PathStep[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (isPlainKey(step)) out += out === '' ? step : `.${step}`;
    else out += `[${stringLiteral(step)}]`;
  }
  return out;
}

export function formatFieldPath(p: FieldPath): string {
  const rest = formatSteps(p.steps);
  return rest === '' ? p.root : rest.startsWith('[') ? `${p.root}${rest}` : `${p.root}.${rest}`;
}

/**
 * Parses the dotted form back to steps (the subset `lookup` reads that formatSteps writes;
 * a quoted key must not hold `]`, which lookup's parser would cut at). Undefined if invalid.
 */
export function parseSteps(text: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close);
      if (/^(0|[1-9]\d{0,8})$/.test(inner)) steps.push(Number(inner));
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) {
        try {
          steps.push(JSON.parse(inner) as string);
        } catch {
          return undefined;
        }
      } else return undefined;
      i = close + 1;
    } else {
      if (steps.length > 0) {
        if (text[i] !== '.') return undefined;
        i++;
      }
      const m = /^[^.[\]]+/.exec(text.slice(i));
      if (!m) return undefined;
      steps.push(m[0]);
      i += m[0].length;
    }
  }
  return steps;
}

/** Parses `object.spec.x`-style paths; undefined when not a valid builder path. */
export function parseFieldPath(path: string): FieldPath | undefined {
  const m = /^[A-Za-z]+/.exec(path);
  if (!m || !isRoot(m[0])) return undefined;
  const rest = path.slice(m[0].length);
  const steps = rest === '' ? [] : parseSteps(rest.startsWith('.') ? rest.slice(1) : rest.startsWith('[') ? rest : '\u0000');
  if (!steps) return undefined;
  return { root: m[0], steps };
}

/** A path the builder can write and read back unchanged: parses, and is in canonical form. */
export function isCanonicalPath(path: string): boolean {
  const p = parseFieldPath(path);
  if (!p || formatFieldPath(p) !== path) return false;
  return p.steps.every((s) => (typeof s === 'number' ? Number.isSafeInteger(s) && s >= 0 : s !== '' && !s.includes(']') && isCelString(s)));
}

/** The CEL that reads the path (see the file comment for missing fields). */
export function subjectCel(p: FieldPath): string {
  const [first] = p.steps;
  if (p.steps.length === 0) return p.root;
  if ((p.root === 'resource' || p.root === 'c') && p.steps.length === 1 && typeof first === 'string' && isFieldName(first)) return `${p.root}.${first}`;
  return `lookup(${p.root}, ${stringLiteral(formatSteps(p.steps))}, null)`;
}
