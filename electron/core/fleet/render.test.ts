import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FleetMatrix, FleetRow } from './fleet-matrix';
import { fleetJson, parseFleetJson } from './fleet-json';
import { renderFleetHtml } from './render-html';
import { renderFleetText } from './render-text';

const D = `sha256:${'a'.repeat(64)}`;

function row(install: string, over: Partial<FleetRow> = {}): FleetRow {
  return {
    install, contractFile: `contracts/${install}.yaml`, contractName: install, contractDigest: D, contractStatus: 'bad-signature',
    contractStatusDetail: `publication of ${install} does not verify`, verdict: 'blocked', deny: ['db-no-replace'], approval: ['no-public-ingress'],
    findingsByPolicy: { 'db-no-replace': 2, 'no-public-ingress': 1 }, configuration: 0, configurationDigest: D, ...over,
  };
}

function matrix(rows: readonly FleetRow[], label = 'Acme 2.14.0'): FleetMatrix {
  return {
    fleetVersion: 1, changeSet: { digest: D, resources: 12, label }, at: '2026-11-28T03:00:00.000Z', rows, configurations: 1, distinctPolicies: 14,
    policyDigests: [D], contractSet: { installs: rows.length, digest: D }, trust: 'own-roster',
  };
}

/** What a terminal or a browser would act on: C0 (but the line feeds we write), DEL, C1, format characters, line separators. */
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]/u;

/** Names built from the characters that matter: escapes, bidi, zero-width, line breaks, HTML specials. */
const hostileName = fc.array(fc.constantFrom('\u001b', '[31m', '\u009b', ']8;;http://x\u0007', '\u202e', '\u2066', '\u200b', '\ufeff', '\n', '\r', '\u2028', '<script>', '</td>', '"', "'", '&amp;', '<!--', 'x', 'é', '\ud800'), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

describe('fleet renderers escape names from contracts and the release', () => {
  test('text: a hostile install, file, contract name, detail or label changes neither the lines nor the terminal', () => {
    const plain = renderFleetText(matrix([row('plain'), row('other')]));
    fc.assert(fc.property(hostileName, (name) => {
      const hostile = renderFleetText(matrix([row(name, { contractFile: name, contractName: name, contractStatusDetail: name }), row('other')], name));
      assert.doesNotMatch(hostile, ACTIVE);
      assert.equal(hostile.split('\n').length, plain.split('\n').length, 'no name adds or removes a line');
    }));
  });

  test('HTML: a hostile name never adds markup, hides or reorders text, and the page makes no request', () => {
    const plain = renderFleetHtml(matrix([row('plain'), row('other')]));
    const tags = (s: string) => s.match(/</g)?.length ?? 0;
    fc.assert(fc.property(hostileName, (name) => {
      const hostile = renderFleetHtml(matrix([row(name, { contractFile: name, contractName: name, contractStatusDetail: name }), row('other')], name));
      assert.equal(tags(hostile), tags(plain), 'the same markup whatever the name');
      assert.doesNotMatch(hostile.replace(/\n/g, ''), ACTIVE);
      assert.ok(!hostile.includes('<script'));
    }));
    assert.match(plain, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    assert.doesNotMatch(plain, /\b(src|href)=|url\(|@import/, 'self-contained: nothing to fetch');
    assert.equal(plain.match(/<tr>/g)!.length, 3, 'a header and one row per install');
  });

  test('JSON: every string reads back as written, with no raw character a terminal acts on', () => {
    fc.assert(fc.property(hostileName, (name) => {
      const m = matrix([row(name, { contractFile: name, contractName: name, contractStatusDetail: name })], name);
      const json = fleetJson(m);
      assert.doesNotMatch(json.replace(/\n/g, ''), ACTIVE);
      assert.deepEqual(parseFleetJson(json, 'm.json'), JSON.parse(JSON.stringify(m)));
    }));
  });

  test('a JSON file that is not a fleet matrix is refused with the file and the field', () => {
    const good = JSON.parse(fleetJson(matrix([row('a')]))) as Record<string, unknown>;
    const cases: readonly [unknown, RegExp][] = [
      [{ ...good, fleetVersion: 2 }, /fleetVersion/],
      [{ ...good, rows: [{ ...row('a'), deny: ['__proto__'] }] }, /rows\.0\.deny\.0/],
      [{ ...good, extra: 1 }, /not a fleet matrix/],
      [{ ...good, rows: [{ ...row('a'), verdict: 'allowed' }] }, /rows\.0\.verdict/],
    ];
    for (const [value, message] of cases) assert.throws(() => parseFleetJson(JSON.stringify(value), 'shard.json'), (e: Error) => /^shard\.json: /.test(e.message) && message.test(e.message));
    assert.throws(() => parseFleetJson('{', 'bad.json'), /bad\.json: not valid JSON/);
    const proto = JSON.stringify(good).replace('"findingsByPolicy":{', '"findingsByPolicy":{"__proto__":1,');
    assert.throws(() => parseFleetJson(proto, 'proto.json'), /proto\.json: not a fleet matrix: it holds a "__proto__" member/);
  });
});
