/**
 * Scalar resolution exactly as kubectl and Helm get it: sigs.k8s.io/yaml (YAMLToJSON) decodes
 * with go-yaml v2 (go.yaml.in/yaml/v2, formerly gopkg.in/yaml.v2 and sigs.k8s.io/yaml/goyaml.v2)
 * into interface{}, then turns the result into JSON. Sources, quoted in docs/yaml-resolution.md:
 * go-yaml v2 resolve.go (resolveTable, resolveMapList, resolve, yamlStyleFloat), decode.go
 * (decoder.scalar: timestamps stay strings in interface{}; !!binary is base64-decoded), and
 * sigs.k8s.io/yaml yaml.go (convertToJSONableObject: map keys become strings).
 *
 * Anything the cluster would read differently from a plain reading, or that we cannot resolve
 * with certainty, sets `problem`: the loader turns it into a blocking finding. Messages never
 * quote the value (it may be a Secret's); the finding's file:line points at it.
 */

/** The Go type a scalar decodes to in interface{} (what decides its JSON key spelling). */
export const GO_STRING = 0;
export const GO_INT = 1;
export const GO_UINT = 2;
export const GO_FLOAT = 3;
export const GO_BOOL = 4;
export const GO_NULL = 5;
export type GoKind = typeof GO_STRING | typeof GO_INT | typeof GO_UINT | typeof GO_FLOAT | typeof GO_BOOL | typeof GO_NULL;

export const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';

// go-yaml v2 resolveTable: the first byte decides which resolutions are tried at all.
const HINT_NONE = 0;
const HINT_MAP = 1; // y Y n N t T f F o O ~ (and '<' for the merge key)
const HINT_DIGIT = 2; // 0-9, + and - ('S' and 'D' take the same path)
const HINT_DOT = 3;
const HINTS = new Uint8Array(128);
for (const c of 'yYnNtTfFoO~<') HINTS[c.charCodeAt(0)] = HINT_MAP;
for (const c of '0123456789+-') HINTS[c.charCodeAt(0)] = HINT_DIGIT;
HINTS['.'.charCodeAt(0)] = HINT_DOT;

const NOT_JSON = 'not a JSON number';
/** go-yaml v2 resolveMapList, spelled out. Non-finite floats are marked: JSON cannot hold them. */
const RESOLVE_MAP = new Map<string, readonly [unknown, GoKind]>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, [true, GO_BOOL]] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, [false, GO_BOOL]] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, [null, GO_NULL]] as const),
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']
    .map((s) => [s, [NOT_JSON, GO_FLOAT]] as const),
]);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** go-yaml v2 yamlStyleFloat: the only float syntax tried after a digit or sign. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** What Go's strconv.ParseInt/ParseUint accept with base 0, once go-yaml removed the underscores. */
const GO_INT_SYNTAX = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|0[oO]?([0-7]+)|([1-9][0-9]*|0))$/;
/** strconv.ParseFloat on a scalar starting with '.' (go-yaml's '.' hint), without underscores. */
const DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/**
 * One resolver per parse: `resolve*` return the JSON value and leave the Go type in `kind`
 * and any disagreement in `problem` (no allocation per scalar on the common path).
 */
export class ScalarResolver {
  kind: GoKind = GO_STRING;
  problem: string | undefined;
  /** For GO_INT/GO_UINT: the exact decimal digits (a JSON key spells them; a double may not). */
  exact = '';

  /** An untagged plain scalar (go-yaml's resolve("", in)). */
  resolvePlain(text: string): unknown {
    this.kind = GO_STRING;
    this.problem = undefined;
    if (text === '') {
      this.kind = GO_NULL;
      return null;
    }
    const code = text.charCodeAt(0);
    const hint = code < 128 ? HINTS[code]! : HINT_NONE;
    if (hint === HINT_NONE) return text;
    const known = RESOLVE_MAP.get(text);
    if (known) return this.fromMap(text, known);
    if (hint === HINT_MAP) return text;
    if (hint === HINT_DOT) return this.dotFloat(text);
    return this.number(text);
  }

  /**
   * A scalar with an explicit tag (full tag name), as go-yaml v2 resolve(tag, in) and then
   * decoder.scalar do for interface{}. Only the tags go-yaml resolves are accepted silently.
   */
  resolveTagged(tag: string, text: string): unknown {
    this.kind = GO_STRING;
    this.problem = undefined;
    const name = tag.startsWith(YAML_TAG_PREFIX) ? tag.slice(YAML_TAG_PREFIX.length) : '';
    switch (name) {
      case 'str':
        return text;
      case 'binary':
        return this.binary(text);
      case 'bool':
      case 'int':
      case 'float':
      case 'null':
      case 'timestamp':
        return this.typed(name, text);
      default:
        // go-yaml decodes a scalar with any other tag to its text, ignoring the tag; other YAML
        // readers (and people) do not, so the tag makes the value uncertain.
        this.problem = `the tag ${clipTag(tag)} is not a standard scalar tag: kubectl ignores it and reads the text, other YAML readers do not`;
        return text;
    }
  }

  private fromMap(text: string, [value, kind]: readonly [unknown, GoKind]): unknown {
    this.kind = kind;
    if (value === NOT_JSON) {
      this.problem = 'a non-finite number (.inf, .nan), which JSON cannot hold: kubectl refuses the document';
      return text;
    }
    return value;
  }

  private dotFloat(text: string): unknown {
    if (DOT_FLOAT.test(text)) {
      this.kind = GO_FLOAT;
      return Number(text);
    }
    if (text.includes('_')) this.problem = 'a value Go\'s ParseFloat may read as a number (underscores between digits): not resolved with certainty';
    return text;
  }

  /** go-yaml v2, hint 'D'/'S': timestamp, then ParseInt, ParseUint, yamlStyleFloat + ParseFloat. */
  private number(text: string): unknown {
    // A timestamp (YYYY-…) stays its text in interface{}; no int or float syntax has a '-' there.
    const plain = text.includes('_') ? text.replaceAll('_', '') : text;
    const int = GO_INT_SYNTAX.exec(plain);
    if (int) {
      const [, sign, hex, bin, oct, dec] = int;
      const digits = hex ?? bin ?? oct ?? dec!;
      const radix = hex !== undefined ? 16 : bin !== undefined ? 2 : oct !== undefined ? 8 : 10;
      return this.integer(sign!, digits, radix, plain, text);
    }
    if (YAML_STYLE_FLOAT.test(plain)) {
      const value = Number(plain);
      if (!Number.isFinite(value)) {
        // ParseFloat's ErrRange: go-yaml falls through and keeps the text.
        this.problem = 'a number that overflows a float64: kubectl reads it as a string, JSON readers as a number';
        return text;
      }
      this.kind = GO_FLOAT;
      return value;
    }
    return text;
  }

  /** ParseInt(plain, 0, 64), else ParseUint (which takes no sign), else yamlStyleFloat. */
  private integer(sign: string, digits: string, radix: number, plain: string, text: string): unknown {
    const negative = sign === '-';
    if (radix === 10 && digits.length <= 15) {
      const n = Number(digits);
      this.kind = GO_INT;
      this.exact = negative && n !== 0 ? `-${digits}` : String(n);
      return negative && n !== 0 ? -n : n;
    }
    // More than 64 significant digits is past 64 bits in any base: no BigInt of hostile length.
    const significant = digits.replace(/^0+(?=.)/, '');
    if (significant.length > 64) return this.beyond64Bits(radix, plain, text);
    const prefix = radix === 16 ? '0x' : radix === 2 ? '0b' : radix === 8 ? '0o' : '';
    let big = BigInt(prefix + significant);
    if (negative) big = -big;
    if (big >= INT64_MIN && big <= INT64_MAX) this.kind = GO_INT;
    else if (sign === '' && big <= UINT64_MAX) this.kind = GO_UINT;
    else return this.beyond64Bits(radix, plain, text);
    this.exact = big.toString();
    if (big > SAFE || big < -SAFE) {
      this.problem = 'an integer beyond ±2^53: it cannot be checked exactly here (a double cannot hold it)';
    }
    return Number(big);
  }

  /** ParseInt and ParseUint overflow: a decimal still matches yamlStyleFloat (a float64). */
  private beyond64Bits(radix: number, plain: string, text: string): unknown {
    if (radix === 10) {
      const value = Number(plain);
      if (Number.isFinite(value)) {
        this.kind = GO_FLOAT;
        return value;
      }
      this.problem = 'a number that overflows a float64: kubectl reads it as a string, JSON readers as a number';
      return text;
    }
    // A string in upstream go-yaml v2, a big integer in the goyaml.v2 fork.
    this.problem = 'an integer wider than 64 bits: versions of kubectl read it differently';
    return text;
  }

  /** resolve(tag, in) with a resolvable tag, then decoder.scalar into interface{}. */
  private typed(name: 'bool' | 'int' | 'float' | 'null' | 'timestamp', text: string): unknown {
    if (name === 'timestamp') {
      if (isGoTimestamp(text)) return text;
      this.problem = 'a !!timestamp value that is not a timestamp go-yaml surely parses: kubectl may refuse the document';
      return text;
    }
    const value = this.resolvePlain(text);
    if (this.problem) return value;
    const got = this.kind;
    const ok = name === 'bool' ? got === GO_BOOL
      : name === 'null' ? got === GO_NULL
        : name === 'int' ? got === GO_INT || got === GO_UINT
          // !!float also takes an int (go-yaml converts int and int64, not uint64).
          : got === GO_FLOAT || got === GO_INT;
    if (!ok) {
      this.problem = `a !!${name} value that does not resolve to a ${name} in go-yaml: kubectl refuses the document`;
      this.kind = GO_STRING;
      return text;
    }
    if (name === 'float') this.kind = GO_FLOAT;
    return value;
  }

  /** decoder.scalar: !!binary is base64 (Go's StdEncoding, which skips \r and \n) decoded to a string. */
  private binary(text: string): unknown {
    const compact = text.replace(/[\r\n]/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
      this.problem = '!!binary value is not valid base64: kubectl refuses the document';
      return text;
    }
    const bytes = Buffer.from(compact, 'base64');
    const decoded = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (!Buffer.from(decoded, 'utf8').equals(bytes)) {
      this.problem = '!!binary value is not UTF-8 text: JSON output would replace bytes';
    }
    return decoded;
  }
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const GO_TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|[ ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The strict subset of go-yaml v2's allowedTimestampFormats that we are sure Go's time.Parse
 * accepts (real calendar dates; a zone exactly with T, none with a space). Anything else
 * tagged !!timestamp is treated as uncertain.
 */
export function isGoTimestamp(text: string): boolean {
  const m = GO_TIMESTAMP.exec(text);
  if (!m) return false;
  const [, y, mo, d, t, h, mi, s, zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  if (h === undefined) return true;
  if ((t !== undefined) !== (zone !== undefined)) return false;
  return Number(h) < 24 && Number(mi) < 60 && Number(s) < 60;
}

/** A tag for a message (never a value: values may be secrets). */
function clipTag(tag: string): string {
  const one = tag.length > 60 ? `${tag.slice(0, 57)}...` : tag;
  return JSON.stringify(one).slice(1, -1);
}
