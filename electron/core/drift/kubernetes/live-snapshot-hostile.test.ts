import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../model/errors';
import { approvedChangeSet, liveListJson, serverView } from '../../testing/kubernetes-live';
import { PlantedSecrets, assertNoPlanted, searchable } from '../../testing/planted-secrets';
import { kubernetesDrift } from './live-drift';

type Json = Record<string, unknown>;

const APPROVED = approvedChangeSet('approved.yaml', `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: app}
data: {mode: safe}
`);

/** A `kubectl get -o yaml` List whose one ConfigMap item has `body` (indented under data) as its data. */
function liveYaml(body: string, extra = ''): string {
  return `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings
    namespace: app
    uid: 6f1e2d3c-0000-4000-8000-000000000001
    resourceVersion: "1"
  data:
${body}
${extra}`;
}

/** The refusal of `text`: an InputError naming the live file and the line of the offending text. */
function refusal(text: string, line: number | undefined, pattern: RegExp): void {
  let error: unknown;
  try {
    kubernetesDrift(APPROVED, 'live.yaml', text);
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof InputError, `refused as bad input: ${String(error)}\n${text}`);
  assert.equal(error.file, 'live.yaml');
  if (line !== undefined) assert.equal(error.line, line, `${error.message}\n${text}`);
  assert.match(error.message, pattern);
  assert.match(error.message, /^live\.yaml/);
}

describe('Kubernetes live snapshots are hostile input: refused with file and line', () => {
  it('a clean snapshot in YAML and in JSON reads', () => {
    assert.deepEqual(kubernetesDrift(APPROVED, 'live.yaml', liveYaml('    mode: safe')).items, []);
    const json = liveListJson([serverView({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'app' }, data: { mode: 'safe' } })]);
    assert.deepEqual(kubernetesDrift(APPROVED, 'live.json', json).items, []);
  });

  it('duplicate keys, in YAML and in JSON, at any depth', () => {
    refusal(liveYaml('    mode: safe\n    mode: open'), 15, /duplicated mapping key "mode"/);
    refusal(liveYaml('    mode: safe', '  data: {}\n'), 15, /duplicated mapping key "data"/);
    refusal('{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"app"},\n"data":{"mode":"safe","mode":"open"}}]}', 2, /duplicated mapping key/);
  });

  it('YAML kubectl never writes: anchors, aliases, merge keys, tags (on scalars, maps and lists)', () => {
    refusal(liveYaml('    mode: &m safe\n    other: *m'), 14, /anchor/);
    refusal(liveYaml('    <<: {mode: open}\n    x: y'), 14, /merge key/);
    for (const tagged of ['!!str safe', '!!binary c2FmZQ==', '!custom safe', '! safe', '!<tag:yaml.org,2002:str> safe']) {
      refusal(liveYaml(`    mode: ${tagged}`), 14, /tag/);
    }
    refusal(liveYaml('    mode: safe').replace('  data:\n', '  data: !!map\n'), 13, /tag/);
    refusal(liveYaml('    mode: safe', '  spec: !!seq []\n'), 15, /tag/);
  });

  it('numbers that readers disagree on, and keys that are not strings to kubectl', () => {
    refusal(liveYaml('    mode: safe', '  spec: {replicas: 9007199254740993}\n'), 15, /beyond ±2\^53/);
    refusal(liveYaml('    mode: safe', '  spec: {replicas: 1e400}\n'), 15, /overflows a float64/);
    refusal(liveYaml('    mode: safe\n    1.5: x'), 15, /resolves to a float/);
    refusal(liveYaml('    mode: safe\n    ~: x'), 15, /null key/);
    refusal(liveYaml('    mode: safe\n    [a]: x'), undefined, /mapping key|not valid YAML/);
  });

  it('integer and boolean keys read as kubectl reads them ("80", "true"), so a look-alike is drift, not hidden', () => {
    const approved = approvedChangeSet('a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: app}\ndata: {"80": a, "true": b, "yes": c}\n');
    const { items } = kubernetesDrift(approved, 'live.yaml', liveYaml('    80: a\n    yes: b'));
    assert.deepEqual(items.flatMap((i) => i.fields.map((f) => [f.path.join('.'), f.approved, f.live])), [['data.yes', '"c"', '(absent)']]);
  });

  it('characters and separators kubectl reads differently (NEL, LINE SEPARATOR, a lone CR, "--- x")', () => {
    refusal(liveYaml('    mode: sa\u0085fe'), 14, /NEL/);
    refusal(liveYaml('    mode: sa\u2028fe'), 14, /LINE SEPARATOR/);
    refusal(liveYaml('    mode: safe').replace('kind: List\n', 'kind: List\r'), undefined, /carriage return/);
    refusal(`${liveYaml("    mode: safe")}--- x\n`, undefined, /after "---"|not a Kubernetes object/);
  });

  it('one object twice, or two objects with one uid, is not a snapshot of one cluster', () => {
    const o = serverView({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'app' }, data: { mode: 'safe' } });
    const twice = liveListJson([o, { ...o, metadata: { ...(o.metadata as Json), uid: 'other' } }]);
    assert.throws(() => kubernetesDrift(APPROVED, 'live.json', twice), (e: unknown) => e instanceof InputError && /appears twice/.test(e.message) && e.line !== undefined);
    const sameUid = liveListJson([o, { ...o, metadata: { ...(o.metadata as Json), name: 'other' } }]);
    assert.throws(() => kubernetesDrift(APPROVED, 'live.json', sameUid), (e: unknown) => e instanceof InputError && /repeats the uid/.test(e.message));
  });

  it('prototype keys (__proto__, constructor) are data on both sides, compared like any key', () => {
    const approved = approvedChangeSet('a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: app}\ndata: {"__proto__": a, constructor: b}\n');
    const { items } = kubernetesDrift(approved, 'live.yaml', liveYaml('    __proto__: changed\n    constructor: b', '  extra:\n    __proto__: {polluted: true}\n'));
    assert.deepEqual(items.flatMap((i) => i.fields.map((f) => [f.path.join('.'), f.approved, f.live])), [['data.__proto__', '"a"', '"changed"']]);
    assert.equal(({} as Json).polluted, undefined);
  });

  it('nesting past the limit, non-objects and other formats are refused, never a crash', () => {
    refusal(liveYaml('    mode: safe', `  spec: ${'['.repeat(400)}${']'.repeat(400)}\n`), undefined, /nesting deeper/);
    refusal('apiVersion: v1\nkind: List\nitems:\n- just a string\n', 4, /not a Kubernetes object/);
    refusal('{"format_version":"1.2","resource_changes":[]}', undefined, /Terraform plan|not a Kubernetes object/);
    refusal('items: [\n', undefined, /not valid YAML/);
  });
});

describe('Kubernetes live drift never shows a Secret\'s values', () => {
  it('planted values (plain, base64, last-applied, stringData, odd Secret shapes) appear in no item, live resource or error', () => {
    const s = new PlantedSecrets();
    const approved = approvedChangeSet('approved.yaml', `apiVersion: v1
kind: Secret
metadata: {name: db, namespace: app}
type: Opaque
data:
  password: ${Buffer.from(s.plant('approved data (base64)')).toString('base64')}
  removed-live: ${Buffer.from(s.plant('approved data removed live')).toString('base64')}
stringData:
  token: ${s.plant('approved stringData')}
---
apiVersion: v1
kind: Secret
metadata: {name: shaped, namespace: app}
data: {k: ${s.plant('approved, live has another shape')}}
`);
    const b64 = (v: string): string => Buffer.from(v).toString('base64');
    const lastApplied = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { token: s.plant('live last-applied annotation') } });
    const live = liveListJson([
      serverView({
        apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
        metadata: { name: 'db', namespace: 'app', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } },
        data: { password: b64(s.plant('live changed value')), token: b64(s.plant('live stringData, now data')), extra: b64(s.plant('live key added')) },
      }),
      serverView({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shaped', namespace: 'app' }, data: s.plant('live data as a string') }),
      serverView({ apiVersion: 'v1', kind: 'secret', metadata: { name: 'lower', namespace: 'app' }, data: { key: s.plant('a look-alike kind') } }),
      serverView({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'added', namespace: 'app', labels: { x: 'y' } }, data: { key: b64(s.plant('a Secret added outside the pipeline')) }, stringData: { other: s.plant('stringData live') } }),
    ]);
    const result = kubernetesDrift(approved, 'live.json', live);
    assertNoPlanted(s, [{ where: 'kubernetesDrift result', text: searchable(result) }]);
    // The drift is still there: the removed key, the changed shape, the added Secret.
    assert.deepEqual(result.items.map((i) => [i.kind, i.address, i.fields.map((f) => [f.path.join('.'), f.approved, f.live])]), [
      ['changed', 'Secret/app/db', [['data.removed-live', '(sensitive value)', '(absent)']]],
      ['changed', 'Secret/app/shaped', [['data', '(sensitive value)', '(sensitive value)']]],
      ['added', 'secret/app/lower', []],
      ['added', 'Secret/app/added', []],
    ]);
  });

  it('a changed Secret value with the same keys cannot be seen: Countersign never keeps the approved value', () => {
    const s = new PlantedSecrets();
    const approved = approvedChangeSet('a.yaml', `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: app}\nstringData: {password: ${s.plant('approved')}}\n`);
    const live = liveListJson([serverView({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'app' }, data: { password: Buffer.from(s.plant('rotated')).toString('base64') } })]);
    assert.deepEqual(kubernetesDrift(approved, 'live.json', live).items, []);
  });

  it('refusals of a snapshot with a Secret quote no value', () => {
    const s = new PlantedSecrets();
    const texts = [
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: db, namespace: app}\n  data:\n    password: &p ${s.plant('anchored')}\n    copy: *p\n`,
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: db, namespace: app}\n  data:\n    password: !!binary ${Buffer.from(s.plant('tagged')).toString('base64')}\n`,
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: db, namespace: app}\n  data:\n    password: ${s.plantOctal('an octal-looking number')}\n    password: ${s.plant('duplicate key')}\n`,
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: db, namespace: app}\n  data:\n    password: ${s.plant('beside a huge number')}\n    n: 9007199254740993\n`,
    ];
    const messages = texts.map((t) => {
      try {
        kubernetesDrift(APPROVED, 'live.yaml', t);
        return '(accepted)';
      } catch (e) {
        assert.ok(e instanceof InputError, String(e));
        return e.message;
      }
    });
    assert.ok(messages.every((m) => m !== '(accepted)'), messages.join('\n'));
    assertNoPlanted(s, messages.map((m, i) => ({ where: `refusal ${i}`, text: m })));
  });
});
