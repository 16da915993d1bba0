// Issue 14: `controls` changes what a contract reports (findings sharing a control merge), so a
// contract's own policy may write it only from countersign.dev/v5 on; an older file that writes
// it is refused with its line rather than read differently. Pack policies carry it at any
// version (their pack version is frozen with it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import { parseContract } from './parse-contract';

const withControls = (version: string) => `apiVersion: countersign.dev/${version}
kind: Contract
metadata: {name: acme, vendor: acme-vendor}
spec:
  approvals: {quorum: 1, exceptionQuorum: 1, maxExceptionDays: 14}
  policies:
    - id: own-priv
      title: Own privileged check
      severity: low
      enforcement: deny
      condition: "true"
      controls: ["pss:baseline/privileged-containers"]
`;

describe("controls on a contract's own policies", () => {
  for (const version of ['v1', 'v2', 'v3', 'v4']) {
    test(`${version}: refused with the line of the field`, () => {
      assert.throws(() => parseContract('contract.yaml', withControls(version)), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.match(e.message, /"controls" needs countersign\.dev\/v5/);
        assert.equal(e.line, 12);
        return true;
      });
    });
  }

  test('a v2 contract extending a pack whose policies name controls still loads (baseline 5)', () => {
    const c = parseContract('contract.yaml', 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: acme}\nspec:\n  extends: [{pack: baseline, version: 5}]\n');
    assert.deepEqual(c.policies.find((p) => p.id === 'k8s-no-privileged')?.controls, ['pss:baseline/privileged-containers', 'pss:baseline/host-namespaces', 'pss:baseline/hostpath-volumes']);
  });
});
