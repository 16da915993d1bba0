// "Not configured": an enabled policy whose noopWhenEmpty parameters are all empty allows
// everything (issue 9: images-approved-registries with its empty default list).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packsRoot } from '../../io/packs-root';
import { parseContract } from './parse-contract';
import { unconfiguredPolicies } from './unconfigured';

const PIN = (version: number) => `apiVersion: countersign.dev/v3
kind: Contract
metadata: {name: t}
spec:
  extends: [{pack: baseline, version: ${version}}]
`;

function unconfigured(text: string): string[] {
  return [...unconfiguredPolicies(parseContract('c.yaml', text, packsRoot()))].sort();
}

test('baseline 3 with its defaults: the empty allow-list and the required tags/labels are not configured', () => {
  assert.deepEqual(unconfigured(PIN(3)), ['images-approved-registries', 'required-tags']);
});

test('setting a value configures the policy; one of several marked parameters is enough; disabled ones are not warned about', () => {
  assert.deepEqual(unconfigured(`${PIN(3)}  parameters:
    images-approved-registries: {registries: ["ghcr.io/acme/"]}
    required-tags: {labels: [owner]}
`), []);
  assert.deepEqual(unconfigured(`${PIN(3)}  overrides:
    images-approved-registries: {enabled: false}
`), ['required-tags']);
  // Shadow policies are still enabled: an unconfigured one is still worth the warning.
  assert.deepEqual(unconfigured(`${PIN(3)}  overrides:
    required-tags: {shadow: true}
`), ['images-approved-registries', 'required-tags']);
});

test('frozen packs without marks never count as unconfigured', () => {
  assert.deepEqual(unconfigured(PIN(1)), []);
  assert.deepEqual(unconfigured(PIN(2)), []);
});

test("an own policy's noopWhenEmpty string parameter: empty is unconfigured, set is configured", () => {
  const own = (value: string) => `apiVersion: countersign.dev/v3
kind: Contract
metadata: {name: t}
spec:
  parameters: {p: {team: ${value}}}
  policies:
    - {id: p, title: P, severity: low, enforcement: deny, condition: "true", parameters: {team: {default: "", type: string, noopWhenEmpty: true}}}
`;
  assert.deepEqual(unconfigured(own('""')), ['p']);
  assert.deepEqual(unconfigured(own('payments')), []);
});
