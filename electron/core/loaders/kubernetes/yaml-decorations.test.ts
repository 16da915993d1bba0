import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../model/errors';
import { readManifestObjects } from './manifest-objects';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n';

describe('kubectl output mode refuses YAML kubectl never writes; manifests keep reading it', () => {
  const cases: readonly [string, string, RegExp][] = [
    ['an anchor and alias', '  a: &x one\n  b: *x\n', /anchor/],
    ['an alias to a collection anchor', '  a: x\nother: &m {k: v}\nmore: *m\n', /anchor/],
    ['a merge key', '  <<: {a: one}\n', /merge key/],
    ['a scalar tag', '  a: !!str one\n', /tag/],
    ['a local tag', '  a: !thing one\n', /tag/],
    ['a non-specific tag', '  a: ! one\n', /tag/],
    ['a mapping tag', '  a: !!map {k: v}\n', /tag/],
  ];
  for (const [what, body, pattern] of cases) {
    it(what, () => {
      const text = `${HEAD}${body}`;
      assert.doesNotThrow(() => readManifestObjects('m.yaml', text), 'a manifest may use it');
      assert.throws(() => readManifestObjects('live.yaml', text, { kubectlOutput: true }), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.equal(e.file, 'live.yaml');
        assert.ok(e.line !== undefined && e.line >= 5, `line of the feature: ${e.message}`);
        assert.match(e.message, pattern);
        return true;
      });
    });
  }

  it('quoted "<<" and "&", "*", "!" inside strings are plain text, and JSON reads', () => {
    const text = `${HEAD}  "<<": one\n  b: "&x *y !z"\n  c: 'a&b'\n`;
    assert.equal(readManifestObjects('live.yaml', text, { kubectlOutput: true }).length, 1);
    const json = '{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"<<":"!x &y *z"}}]}';
    assert.equal(readManifestObjects('live.json', json, { kubectlOutput: true }).length, 1);
  });
});
