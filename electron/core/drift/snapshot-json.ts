import { InputError } from '../model/errors';
import { MAX_NESTING } from '../loaders/terraform/entry-locations';
import { parsePlanJson } from '../loaders/terraform/parse-plan-json';

/** Where a container opens in the snapshot text (1-based). */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export interface SnapshotJson {
  readonly value: unknown;
  /**
   * Where each container reached only through `structuralKeys` opens, by its path
   * (`values.root_module.resources[2]`; '' is the top): errors and findings point at it.
   */
  readonly positions: ReadonlyMap<string, TextPosition>;
}

/** The keys of Terraform's JSON output format (plans and state) around resources and their changes. */
const TERRAFORM_KEYS: ReadonlySet<string> = new Set([
  'format_version', 'terraform_version', 'variables', 'planned_values', 'resource_drift', 'resource_changes', 'output_changes',
  'prior_state', 'configuration', 'relevant_attributes', 'checks', 'timestamp', 'applyable', 'complete', 'errored', 'values',
  'outputs', 'root_module', 'child_modules', 'resources', 'address', 'previous_address', 'module_address', 'mode', 'type', 'name',
  'index', 'deposed', 'deposed_key', 'change', 'action_reason', 'provider_name', 'schema_version', 'sensitive_values', 'depends_on',
  'tainted', 'actions', 'before', 'after', 'after_unknown', 'before_sensitive', 'after_sensitive', 'replace_paths', 'importing',
  'generated_config', 'kind', 'items', 'apiVersion', 'metadata',
]);

/** Unicode simple case folding as Go's EqualFold sees it, near enough: `ſ` → `s`, `K` (Kelvin) → `k`. */
function fold(key: string): string {
  return key.toUpperCase().toLowerCase();
}

const FOLDED_TERRAFORM_KEYS: ReadonlySet<string> = new Set([...TERRAFORM_KEYS].map(fold));

/** Above this many significant digits two different literals can parse to the same double. */
const MAX_SIGNIFICANT_DIGITS = 15;
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * JSON.parse for a drift snapshot, refusing JSON that we and another reader could read
 * differently, since a drift snapshot decides what we call "unchanged":
 * - a duplicate key in any object (JSON.parse keeps the last, other readers the first, or refuse);
 * - a number that a double cannot carry exactly enough to tell it from its neighbours (more than
 *   15 significant digits, overflow to Infinity, underflow to 0 or a subnormal): 9007199254740993
 *   would compare equal to 9007199254740992 and hide a change;
 * - a `\u` escape that makes a lone surrogate (Go's reader, Terraform's, turns it into U+FFFD:
 *   two keys or values we tell apart would be one for it);
 * - nesting deeper than MAX_NESTING;
 * - in the top object and the containers reached through `structuralKeys`: a key that is a
 *   Terraform JSON key in other letter case (`Values`, `reſource_drift`): Go's encoding/json,
 *   which Terraform's own tooling reads these files with, matches keys case-insensitively, so
 *   it would read what we skip.
 * Terraform's own encoder never writes any of these. Each is an InputError with file and line.
 */
export function parseSnapshotJson(file: string, text: string, structuralKeys: ReadonlySet<string> = NONE): SnapshotJson {
  const value = parsePlanJson(file, text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { value, positions: scanStrict(file, body, structuralKeys) };
}

const NONE: ReadonlySet<string> = new Set();

interface Frame {
  readonly object: boolean;
  readonly keys: Set<string> | null;
  expectKey: boolean;
  lastKey: string;
  /** Path of this container when it is reached through structural keys only, else null. */
  readonly path: string | null;
  /** Arrays: index of the element being read. */
  index: number;
}

const QUOTE = 34, BACKSLASH = 92, NEWLINE = 10, COMMA = 44, COLON = 58;

/** One linear pass over text JSON.parse accepted (so tokens are well formed). */
function scanStrict(file: string, text: string, structural: ReadonlySet<string>): Map<string, TextPosition> {
  const stack: Frame[] = [];
  const positions = new Map<string, TextPosition>();
  let line = 1;
  let lineStart = 0;
  const fail = (at: number, reason: string): never => {
    throw new InputError(file, reason, line, at - lineStart + 1);
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === COLON) continue;
    const top = stack[stack.length - 1];
    if (c !== 125 && c !== 93 && c !== COMMA && top && !top.object) top.index++;
    if (c === 123 || c === 91) {
      if (stack.length >= MAX_NESTING) fail(i, `nesting deeper than ${MAX_NESTING} levels`);
      const path = childPathOf(top, structural);
      if (path !== null) positions.set(path, { line, column: i - lineStart + 1 });
      stack.push({ object: c === 123, keys: c === 123 ? new Set() : null, expectKey: c === 123, lastKey: '', path, index: -1 });
      continue;
    }
    if (c === 125 || c === 93) {
      stack.pop();
      continue;
    }
    if (c === COMMA) {
      if (top?.object) top.expectKey = true;
      continue;
    }
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const raw = text.slice(i, end + 1);
      const decoded = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      if (raw.includes('\\u') && hasLoneSurrogate(decoded)) {
        fail(i, 'a \\u escape makes a lone surrogate (not a character): Terraform never writes one, and other readers turn it into U+FFFD');
      }
      if (top?.object && top.expectKey) {
        if (top.keys!.has(decoded)) fail(i, `duplicate key ${JSON.stringify(decoded.slice(0, 60))}: readers disagree on which value counts`);
        if (top.path !== null && !TERRAFORM_KEYS.has(decoded) && FOLDED_TERRAFORM_KEYS.has(fold(decoded))) {
          fail(i, `key ${JSON.stringify(decoded.slice(0, 60))} is a Terraform key in other letter case: Go readers take it for that key, we do not`);
        }
        top.keys!.add(decoded);
        top.expectKey = false;
        top.lastKey = decoded;
      }
      i = end;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let end = i + 1;
      while (end < n && isNumberChar(text.charCodeAt(end))) end++;
      checkNumber(text.slice(i, end), () => fail(i, `the number ${text.slice(i, Math.min(end, i + 40))} cannot be compared exactly (more than ${MAX_SIGNIFICANT_DIGITS} significant digits, or out of range)`));
      i = end - 1;
      continue;
    }
    // true, false, null: skip the word.
    while (i + 1 < n && text.charCodeAt(i + 1) >= 97 && text.charCodeAt(i + 1) <= 122) i++;
  }
  return positions;
}

function childPathOf(top: Frame | undefined, structural: ReadonlySet<string>): string | null {
  if (!top) return '';
  if (top.path === null) return null;
  if (!top.object) return `${top.path}[${top.index}]`;
  if (!structural.has(top.lastKey)) return null;
  return top.path === '' ? top.lastKey : `${top.path}.${top.lastKey}`;
}

function stringEnd(text: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length - 1;
    let backslashes = 0;
    for (let k = q - 1; k > open && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
    i = q + 1;
  }
}

function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

/** Refuses a literal that does not map to a double one-to-one (see parseSnapshotJson). */
function checkNumber(literal: string, refuse: () => never): void {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE][+-]?\d+)?$/.exec(literal);
  if (!m) return refuse();
  const digits = `${m[1]}${m[2] ?? ''}`.replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > MAX_SIGNIFICANT_DIGITS) refuse();
  const value = Number(literal);
  if (!Number.isFinite(value)) refuse();
  if (digits.length > 0 && (value === 0 || Math.abs(value) < MIN_NORMAL)) refuse();
}

function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
