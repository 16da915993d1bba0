// Classes of input that js-yaml (YAML 1.2) and go-yaml v2 (kubectl, YAML 1.1) read
// differently. Each must either read as kubectl reads it, become an input problem at its
// file:line (a blocking finding), or refuse the file: never pass silently.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import type { InputProblem, ResourceChange } from '../../model/resource-change';
import { loadKubernetesManifests } from './index';

const HEAD = 'apiVersion: v1\nkind: Thing\nmetadata: {name: t}\n';

function load(text: string): ResourceChange[] {
  return loadKubernetesManifests('d.yaml', text);
}

function problemsOf(changes: readonly ResourceChange[]): InputProblem[] {
  return changes.flatMap((c) => c.inputProblems ?? []);
}

/** One problem at `line` (and `column`), whose message matches. */
function assertProblemAt(text: string, line: number, message: RegExp, column?: number): ResourceChange[] {
  const changes = load(text);
  const problems = problemsOf(changes);
  assert.ok(problems.some((p) => p.location.line === line && message.test(p.message) && (column === undefined || p.location.column === column)),
    `want a problem at line ${line}${column ? `:${column}` : ''} matching ${message}, got ${JSON.stringify(problems)}`);
  return changes;
}

function assertRefused(text: string, reason: RegExp, line?: number): void {
  assert.throws(() => load(text), (e: unknown) => e instanceof InputError && reason.test(e.reason) && (line === undefined || e.line === line) && e.file === 'd.yaml');
}

describe('line-break look-alikes (libyaml breaks lines on them, js-yaml does not)', () => {
  const characters = [['NEL', '\u0085'], ['LINE SEPARATOR', '\u2028'], ['PARAGRAPH SEPARATOR', '\u2029']] as const;
  for (const [name, ch] of characters) {
    test(`${name} anywhere in a document: value, quoted value, key, block scalar, comment`, () => {
      const places = [
        [`${HEAD}spec:\n  a: x${ch}y\n`, 5],
        [`${HEAD}spec:\n  a: "x${ch}y"\n`, 5],
        [`${HEAD}spec:\n  a${ch}b: x\n`, 5],
        [`${HEAD}spec:\n  a: |\n    x${ch}y\n`, 6],
        [`${HEAD}spec:\n  a: x # note${ch}b: y\n`, 5],
      ] as const;
      for (const [text, line] of places) assertProblemAt(text, line, new RegExp(name));
    });
  }

  test('a byte-order mark after the start of the file; none at the start', () => {
    assertProblemAt(`${HEAD}spec:\n  a: x\ufeff\n`, 5, /BYTE ORDER MARK/);
    assert.deepEqual(problemsOf(load(`\ufeff${HEAD}`)), []);
  });

  test('escapes of those characters in a double-quoted string are fine: both readers decode them alike', () => {
    const [c] = load(`${HEAD}spec:\n  a: "x\\Ny\\Lz\\P"\n`);
    assert.deepEqual(problemsOf([c!]), []);
    assert.equal((c!.after as { spec: { a: string } }).spec.a, 'x\u0085y\u2028z\u2029');
  });
});

describe('duplicate keys, also once keys are resolved', () => {
  test('the same key twice refuses the file at the second one', () => {
    assertRefused(`${HEAD}spec:\n  a: 1\n  a: 2\n`, /duplicated mapping key "a"/, 6);
  });

  test('keys that only collide after resolution: same Go type refuses, different Go types are a problem', () => {
    // Same Go value (int 1, bool true): go-yaml keeps the last one, the file is refused here.
    assertRefused(`${HEAD}spec:\n  0x1: a\n  1: b\n`, /duplicated mapping key "1"/, 6);
    assertRefused(`${HEAD}spec:\n  on: a\n  yes: b\n`, /duplicated mapping key "true"/, 6);
    assertRefused(`${HEAD}spec: {Off: a, n: b}\n`, /duplicated mapping key "false"/, 4);
    // bool true and "true", int 1 and "1": two Go map keys, one JSON key, kept at random.
    assertProblemAt(`${HEAD}spec:\n  on: a\n  "true": b\n`, 6, /different type.*random/);
    assertProblemAt(`${HEAD}spec:\n  1: a\n  "1": b\n`, 6, /different type.*random/);
    assertProblemAt(`${HEAD}spec: {'false': a, off: b}\n`, 4, /different type.*random/);
  });
});

describe('<< merge keys as go-yaml v2 applies them', () => {
  test('written keys after a merge override it, as in every reader', () => {
    const [c] = load(`${HEAD}base: &b {a: 1, privileged: true}\nspec:\n  <<: *b\n  privileged: false\n`);
    assert.deepEqual((c!.after as { spec: unknown }).spec, { a: 1, privileged: false });
    assert.deepEqual(problemsOf([c!]), []);
  });

  test('a merge AFTER a written key overrides it in go-yaml v2 (the spec keeps the written key): a problem, with the cluster\'s value', () => {
    const [c] = assertProblemAt(`${HEAD}base: &b {privileged: true}\nspec:\n  privileged: false\n  <<: *b\n`, 7, /overrides the key "privileged"/);
    assert.deepEqual((c!.after as { spec: unknown }).spec, { privileged: true });
  });

  test('in a list of merges the earlier mapping wins', () => {
    const [c] = load(`${HEAD}x: &x {a: 1}\ny: &y {a: 2, b: 2}\nspec:\n  <<: [*x, *y]\n`);
    assert.deepEqual((c!.after as { spec: unknown }).spec, { a: 1, b: 2 });
  });

  test('two << keys in one mapping: applied in order as go-yaml v2 does, and a problem', () => {
    const [c] = assertProblemAt(`${HEAD}x: &x {a: 1}\ny: &y {a: 2}\nspec:\n  <<: *x\n  <<: *y\n`, 8, /second << key/);
    assert.deepEqual((c!.after as { spec: unknown }).spec, { a: 2 });
  });

  test('a merged key that collides with a key of another type is a problem', () => {
    assertProblemAt(`${HEAD}x: &x {on: 1}\nspec:\n  "true": 2\n  <<: *x\n`, 7, /different type/);
  });

  test('a merge of something that is not a mapping refuses the file', () => {
    assertRefused(`${HEAD}x: &x [1]\nspec:\n  <<: *x\n`, /<< merge needs a mapping/, 6);
    assertRefused(`${HEAD}spec:\n  <<: 1\n`, /<< merge needs a mapping/, 5);
  });

  test('a quoted "<<" is an ordinary key', () => {
    const [c] = load(`${HEAD}spec:\n  "<<": {a: 1}\n`);
    assert.deepEqual((c!.after as { spec: unknown }).spec, { '<<': { a: 1 } });
  });
});

describe('document framing as kubectl splits it', () => {
  test('a document after "..." without "---" is never applied by kubectl: a problem', () => {
    const changes = assertProblemAt(`${HEAD}...\napiVersion: v1\nkind: Thing\nmetadata: {name: u}\n`, 5, /never applies/);
    assert.equal(changes[1]!.address, 'Thing/u');
  });

  test('content on a "---" line (kubectl refuses the separator)', () => {
    assertProblemAt(`${HEAD}--- {apiVersion: v1, kind: Thing, metadata: {name: u}}\n`, 4, /refuses one followed by anything but a comment/);
    assert.deepEqual(problemsOf(load(`${HEAD}--- # next\n${HEAD.replace('name: t', 'name: u')}`)), []);
  });

  test('lone carriage returns (kubectl splits lines on line feeds only); CRLF files are fine', () => {
    assertProblemAt(`${HEAD}---\r${HEAD.replace('name: t', 'name: u')}`.replaceAll('\n', '\r'), 1, /carriage return/);
    assert.deepEqual(problemsOf(load(`${HEAD}---\n${HEAD.replace('name: t', 'name: u')}`.replaceAll('\n', '\r\n'))), []);
  });

  test('a %YAML directive other than 1.1', () => {
    assertProblemAt(`%YAML 1.2\n---\n${HEAD}`, 3, /%YAML "1.2"/);
    assert.deepEqual(problemsOf(load(`%YAML 1.1\n---\n${HEAD}`)), []);
  });

  test('a problem with no object to carry it refuses the file', () => {
    assertRefused('apiVersion: v1\nkind: List\nmetadata: {note: .inf}\nitems: []\n', /kubectl would read this file differently/, 3);
  });
});

describe('tags and escapes go-yaml v2 treats differently', () => {
  test('a tag on a collection other than !!map / !!seq (go-yaml ignores it)', () => {
    assertProblemAt(`${HEAD}spec: !!set {a, b}\n`, 4, /!!set|yaml.org,2002:set/);
    assertProblemAt(`${HEAD}spec:\n  a: !!omap [{x: 1}]\n`, 5, /omap/);
    assert.deepEqual(problemsOf(load(`${HEAD}spec: !!map {a: !!seq [1]}\n`)), []);
  });

  test('a lone surrogate escape (go-yaml refuses it, Go JSON replaces it)', () => {
    assertProblemAt(`${HEAD}spec:\n  a: "x\\ud800"\n`, 5, /surrogate/);
    assert.deepEqual(problemsOf(load(`${HEAD}spec:\n  a: "\\ud83d\\ude00"\n`)), []);
  });

  test('an undeclared tag handle refuses the file', () => {
    assertRefused(`${HEAD}spec:\n  a: !e!x 1\n`, /tag handle "?!e!/, 5);
  });

  test('a collection used as a key refuses the file', () => {
    assertRefused(`${HEAD}spec:\n  ? [a]\n  : 1\n`, /used as a mapping key/);
  });

  test('a recursive alias refuses the file', () => {
    assertRefused(`${HEAD}spec: &s\n  a: *s\n`, /recursive/);
  });
});

describe('reading problems never quote a value', () => {
  test('a Secret value planted in every problem-making form is absent from every message', () => {
    const marker = 'PLANTEDsecret42';
    const forms = [`!custom ${marker}`, `!!int ${marker}`, `!!bool ${marker}`, `!!float ${marker}`, `!!null ${marker}`,
      `!!timestamp ${marker}`, `!!binary ${marker}`, `.5_5${marker}`, `"${marker}\\ud800"`, `${marker}\u2028x`];
    const data = forms.map((f, i) => `  k${i}: ${f}\n`).join('');
    const text = `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n${data}--- {apiVersion: v1, kind: Secret, metadata: {name: t}, data: {a: ${marker}}}\n`;
    const changes = load(text);
    const problems = problemsOf(changes);
    assert.ok(problems.length >= forms.length + 1, JSON.stringify(problems));
    for (const p of problems) assert.ok(!p.message.includes(marker), p.message);
    assert.ok(!JSON.stringify(changes).includes(marker));
  });
});

describe('"?" inside flow collections (go-yaml v2 reads a key marker there, js-yaml reads text)', () => {
  const SECRET = 'SUPERSECRETVALUE-7f3a';
  test('every unquoted "?" inside {...} or [...] refuses the file at its line, naming no value', () => {
    const cases = [
      [`${HEAD}spec: {?hostNetwork: true, containers: []}\n`, 4],
      [`${HEAD}spec:\n  securityContext: {?privileged: true}\n`, 5],
      [`${HEAD}spec:\n  containers:\n    - {name: c, image: "nginx@sha256:${'a'.repeat(64)}", ?image: "nginx:latest"}\n`, 6],
      [`${HEAD}spec:\n  args: [a, b?c]\n`, 5],
      [`${HEAD}spec:\n  url: {href: http://x.example/?q=1}\n`, 5],
      [`{apiVersion: v1, kind: ConfigMap, ?kind: Secret, metadata: {name: s}, data: {password: ${SECRET}}}\n`, 1],
    ] as const;
    for (const [text, line] of cases) {
      assertRefused(text, /unquoted "\?" inside \{\.\.\.\} or \[\.\.\.\]/, line);
      assert.throws(() => load(text), (e: unknown) => e instanceof InputError && !e.message.includes(SECRET));
    }
  });

  test('quoted, in block style, or as an explicit key indicator, "?" reads alike in both and passes', () => {
    assert.deepEqual(problemsOf(load(`${HEAD}spec: {"?a": 1, b: 'x?y'}\n`)), []);
    assert.deepEqual((load(`${HEAD}spec:\n  url: http://x.example/?q=1\n  ?odd: 1\n`)[0]!.after as { spec: unknown }).spec, { url: 'http://x.example/?q=1', '?odd': 1 });
  });
});
