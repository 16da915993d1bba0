// Issue 7 hole 8: terminal escapes planted in vendor data (changeset.yaml fields, resource
// names, file and folder names, key and contract names) never reach the terminal raw through
// the BUILT CLI's text or JSON output, nor its errors. (`verify` is tested with its own code.)
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { assertValidSarif } from '../core/testing/sarif-schema';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-escapes-'));
const WS = join(tmp, 'ws', 'countersign.db');

/** What a terminal acts on: C0 but line feed and tab, DEL, C1, bidi overrides and isolates, line/paragraph separators. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/u;

/** YAML double-quoted escapes of each planted sequence: OSC title, CSI clear screen, C1 CSI, NEL, RLO, LRI, LS. */
const PLANTS = ['\\e]0;pwned\\a', '\\e[2J', '\\u009b31m', '\\N', '\\u202e', '\\u2066', '\\L'] as const;
const plant = (label: string): string => `"${label}${PLANTS.join('')}-end"`;

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: 'correct horse battery staple' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the command and checks that nothing it printed holds a raw control character. */
function clean(args: readonly string[], expectCode?: number): Run {
  const r = cli(args);
  if (expectCode !== undefined) assert.equal(r.code, expectCode, `${args.join(' ')}: ${r.stderr}`);
  for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    const m = RAW_CONTROL.exec(text);
    assert.equal(m, null, `${args.join(' ')}: raw U+${m?.[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${name}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 40))}`);
  }
  return r;
}

// The bundle folder's own name carries an escape too: it is shown as the change set's origin.
const bundle = join(tmp, 'release\u001b[5m');
const state = { digest: '' };

before(() => {
  ensureCliBuilt();
  mkdirSync(bundle);
  writeFileSync(join(bundle, 'changeset.yaml'), `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: ${plant('vendor')}
  app: ${plant('app')}
  install: ${plant('install')}
  release: ${plant('release')}
  previousRelease: ${plant('previous')}
  description: ${plant('description')}
artifacts:
  - kind: kubernetes
    path: app.yaml
    component: ${plant('component')}
`);
  writeFileSync(join(bundle, 'app.yaml'), `apiVersion: v1
kind: Pod
metadata:
  name: ${plant('pod')}
  namespace: ${plant('ns')}
  labels: {${plant('label')}: ${plant('value')}}
spec:
  containers:
    - name: ${plant('container')}
      image: nginx:latest
      securityContext: {privileged: true}
`);
  assert.equal(cli(['workspace', 'init']).code, 0);
});

describe('planted terminal escapes stay escaped in every CLI output', () => {
  test('changeset import, list and show (text and JSON)', () => {
    const imported = clean(['changeset', 'import', bundle], 0);
    state.digest = imported.stdout.trim();
    assert.match(state.digest, /^sha256:[0-9a-f]{64}$/);
    clean(['changeset', 'import', bundle, '--format', 'json'], 0);
    const list = clean(['changeset', 'list'], 0);
    assert.ok(list.stdout.includes('vendor\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x85\\u{202E}\\u{2066}\\u{2028}-end'), list.stdout);
    const listJson = clean(['changeset', 'list', '--format', 'json'], 0);
    // Escaped, but the same JSON value.
    assert.equal((JSON.parse(listJson.stdout) as { vendor: string }[])[0]!.vendor, 'vendor\u001b]0;pwned\u0007\u001b[2J\u009b31m\u0085\u202e\u2066\u2028-end');
    const show = clean(['changeset', 'show', state.digest], 0);
    assert.match(show.stdout, /from .*release\\x1b\[5m/);
    assert.match(show.stdout, /pod\\x1b\]0;pwned/);
    assert.equal(show.stdout.split('\n').filter((l) => l.includes('-end')).length >= 3, true);
    clean(['changeset', 'show', state.digest, '--format', 'json'], 0);
  });

  test('evaluate in every report format', () => {
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      const r = clean(['evaluate', bundle, '--format', format]);
      if (format === 'sarif') assertValidSarif(r.stdout);
    }
  });

  test('errors: a listed path or a bare file name with escapes, a bad option value', () => {
    const bad = join(tmp, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'changeset.yaml'), `apiVersion: countersign.dev/v1\nkind: ChangeSet\nartifacts:\n  - {kind: kubernetes, path: "a\\e[2J\\u202e.yaml"}\n`);
    const e1 = clean(['changeset', 'import', bad], 2);
    assert.match(e1.stderr, /a\\x1b\[2J\\u\{202E\}\.yaml/);
    const bare = join(tmp, 'x\u001b]0;t\u0007.yaml');
    writeFileSync(bare, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const e2 = clean(['evaluate', bare], 2);
    assert.equal(e2.stderr.trimEnd().split('\n').length, 1);
    clean(['evaluate', bundle, '--at', '2026-02-30\u001b[2J'], 2);
    clean(['changeset', 'show', 'sha256:\u001b[2J'], 2);
  });

  test('exception request: the pattern and policy are echoed escaped', () => {
    const key = clean(['keys', 'create', '--name', 'alice\u001b[8m'], 0).stdout.trim();
    const finding = (JSON.parse(clean(['changeset', 'show', state.digest, '--format', 'json'], 0).stdout) as { findings: { policy: string; enforcement: string }[] })
      .findings.find((f) => f.enforcement !== 'mandatory')!;
    const r = clean(['exception', 'request', state.digest, '--policy', finding.policy, '--resource', 'Pod/*\u001b]0;pwned\u0007\u202e', '--justification', 'why\u001b[2J',
      '--expires', new Date(Date.now() + 10 * 86_400_000).toISOString(), '--key', key, '--out', join(tmp, 'out')]);
    assert.match(r.stderr, /Pod\/\*\\x1b\]0;pwned\\x07\\u\{202E\}/);
  });

  test('keys and contracts named by someone else', () => {
    const pem = join(tmp, 'co.pem');
    writeFileSync(pem, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    clean(['keys', 'trust', pem, '--name', 'bob\u001b]0;pwned\u0007\u202e'], 0);
    const keys = clean(['keys', 'list'], 0);
    assert.match(keys.stdout, /bob\\x1b\]0;pwned\\x07\\u\{202E\}/);
    clean(['keys', 'list', '--format', 'json'], 0);
    const contract = join(tmp, 'contract.yaml');
    writeFileSync(contract, `apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: ${plant('acme')}, vendor: ${plant('vendor')}}\nspec:\n  extends: [baseline]\n`);
    clean(['contract', 'import', contract]);
    clean(['contract', 'revisions']);
    clean(['contract', 'revisions', '--format', 'json']);
  });
});
