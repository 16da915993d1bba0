import { RE2JS } from 're2js';

/*
 * Glob matching, shared by the engine's match stage and CEL functions, the signer's and the
 * verifier's exception scopes. Pure (no Node), so any layer may use it.
 * Globs are translated to RE2 rather than matched with picomatch's JavaScript RegExp:
 * picomatch emits lazy `[^/]*?` runs that backtrack polynomially, and the strings we match
 * (resource types, namespaces, image references) come from the vendor. Measured with
 * picomatch 4: `*a*a*a*a*a*a*a*a*a*a*b` against 60 × "a" takes minutes (build/bench/measure-engine.ts).
 * Semantics follow picomatch with `dot: true` (picomatch is the oracle in glob.test.ts):
 * `*` and `?` never cross `/`, `**` does, `[abc]`/`[!abc]`/`[a-z]` classes, `{a,b}` choices.
 */

/** A pattern too long or one RE2 rejects; the message says which and why. */
export class GlobError extends Error {
  override readonly name = 'GlobError';
}

const MAX_PATTERN = 1024;
const CACHE_LIMIT = 2000;
const cache = new Map<string, RE2JS>();

function escapeRe(ch: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
}

/** Index of the `]` closing a class opened at `open`, or -1 (then `[` is a literal). */
function classEnd(p: string, open: number): number {
  let i = open + 1;
  if (p[i] === '!' || p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
  }
  return -1;
}

/** Index of the `}` closing a brace group at `open` (nesting aware), or -1. */
function braceEnd(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '{') depth++;
    else if (p[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits brace content on top-level commas. */
function braceAlternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** Translates a glob to an (unanchored) RE2 pattern body. */
export function globToRE2(p: string): string {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] as string;
    if (ch === '\\') {
      re += i + 1 < p.length ? escapeRe(p[++i] as string) : '\\\\';
    } else if (ch === '*') {
      let run = 1;
      while (p[i + run] === '*') run++;
      if (run === 2) {
        // Exactly `**` as a whole path segment is a globstar; any other run of stars (`***`, or
        // `**` glued to text) is a plain `*`, as in picomatch.
        const atSegmentStart = i === 0 || p[i - 1] === '/';
        i++;
        if (atSegmentStart && p[i + 1] === '/') {
          re += '(?:.*/)?'; // `a/**/b` also matches `a/b`
          i++;
        } else if (atSegmentStart && i + 1 === p.length && re.endsWith('/')) {
          // `a/**` also matches `a` itself; after a segment with a `*` (`a*/**`) picomatch wants
          // a child, so do we (never wider than picomatch).
          const segment = p.slice(p.lastIndexOf('/', i - 3) + 1, i - 2);
          re = segment.includes('*') ? `${re}.*` : `${re.slice(0, -1)}(?:/.*)?`;
        } else if (atSegmentStart && i + 1 === p.length) {
          re += '.*'; // `**` alone: everything
        } else {
          // `**` glued to other text (`api**`, `pay**/x`) is a plain `*`, as in picomatch: it
          // never crosses `/`. Reading it as `.*` would let `ghcr.io/acme/api**` waive
          // `ghcr.io/acme/api-evil/backdoor`.
          re += '[^/]*';
        }
      } else {
        re += '[^/]*';
        i += run - 1;
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[' && classEnd(p, i) > 0) {
      const end = classEnd(p, i);
      let body = p.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      body = body.replace(/\\(.)/g, (_m, c: string) => `\\${c}`).replace(/\[/g, '\\[').replace(/^\]/, '\\]');
      re += negate ? `[^/${body}]` : `[${body}]`;
      i = end;
    } else if (ch === '{' && braceEnd(p, i) > 0) {
      const end = braceEnd(p, i);
      const alts = braceAlternatives(p.slice(i + 1, end));
      re += alts.length > 1 ? `(?:${alts.map(globToRE2).join('|')})` : escapeRe('{') + globToRE2(alts[0] ?? '') + escapeRe('}');
      i = end;
    } else if (ch === '/') {
      re += '/';
    } else {
      re += escapeRe(ch);
    }
  }
  return re;
}

/** No glob syntax at all: the pattern only matches itself. */
const GLOB_SYNTAX = /[*?[\]{}\\]/;

/** A compiled glob: call it with a string; linear time in the string's length. */
export function compileGlob(pattern: string): (s: string) => boolean {
  // Most match patterns are plain names (aws_db_instance, StatefulSet): a string comparison
  // gives the same answer without compiling an RE2 program for each.
  if (!GLOB_SYNTAX.test(pattern)) {
    if (pattern.length > MAX_PATTERN) throw new GlobError(`glob pattern longer than ${MAX_PATTERN} characters`);
    return (s) => s === pattern;
  }
  const re = compiledGlob(pattern);
  return (s) => re.testExact(s);
}

function compiledGlob(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (!re) {
    if (pattern.length > MAX_PATTERN) throw new GlobError(`glob pattern longer than ${MAX_PATTERN} characters`);
    try {
      re = RE2JS.compile(`(?s)${globToRE2(pattern)}`);
    } catch (err) {
      throw new GlobError(`invalid glob ${quotePattern(pattern)}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

export function glob(pattern: string, s: string): boolean {
  return compiledGlob(pattern).testExact(s);
}

/** The pattern quoted for a message, bounded like the CEL functions' quote(). */
function quotePattern(pattern: string): string {
  const s = `"${pattern.replace(/\n/g, '\\n')}"`;
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
