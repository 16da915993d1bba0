// Inline contract tests (countersign.dev/v3): a resource written in the contract, evaluated by
// the engine exactly as a loaded one, with the one outcome it must come to.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify, parse } from 'yaml';
import { parseContract } from '../engine';
import { resourceView } from '../engine/evaluate/resource-view';
import { isUnknownValue } from '../engine/cel/unknown-value';
import { loadChangeSet } from '../loaders/load-change-set';
import { InputError } from '../model/errors';
import { corpusPath } from '../testing/corpus';
import { runContractPolicyTests } from './contract-tests';
import { fixtureOf, resourceFromFixture } from './resource-fixture';

const AT = '2026-03-03T03:00:00Z';

function contract(policy: string, extra = ''): string {
  return `apiVersion: countersign.dev/v3
kind: Contract
metadata: {name: t}
spec:
${extra}  policies:
${policy}`;
}

const REPLICAS = `    - id: min-replicas
      title: At least N replicas
      severity: low
      enforcement: deny
      match: {types: [Deployment]}
      parameters:
        min: {description: fewest replicas, default: 2}
      condition: "object.spec.replicas >= params.min"
      message: "{{ resource.address }} has {{ object.spec.replicas }} replicas"
      tests:
`;

const deployment = (replicas: number | string) => `{source: kubernetes, type: Deployment, address: Deployment/shop/web, action: create,
            after: {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop}, spec: {replicas: ${replicas}}}}`;

function run(text: string, only?: string) {
  return runContractPolicyTests(parseContract('contract.yaml', text, '/nonexistent'), only, { now: new Date(AT) });
}

describe('runContractPolicyTests', () => {
  test('an inline resource that fails as expected passes; a wrong expectation says expected vs actual with the message', () => {
    const results = run(contract(`${REPLICAS}        - {name: one replica fails, expect: fail, resource: ${deployment(1)}}
        - {name: wrong, expect: pass, resource: ${deployment(1)}}
        - {name: three pass, expect: pass, resource: ${deployment(3)}}
`));
    assert.deepEqual(results, [
      { policy: 'min-replicas', name: 'one replica fails', ok: true, message: '' },
      { policy: 'min-replicas', name: 'wrong', ok: false, message: 'expected to pass, but it failed: Deployment/shop/web has 1 replicas' },
      { policy: 'min-replicas', name: 'three pass', ok: true, message: '' },
    ]);
  });

  test("the contract's parameter value applies, and a case's own parameters override it", () => {
    const results = run(contract(`${REPLICAS}        - {name: 3 is below the contract's 5, expect: fail, resource: ${deployment(3)}}
        - {name: case lowers it, expect: pass, parameters: {min: 1}, resource: ${deployment(3)}}
        - {name: unknown parameter, expect: pass, parameters: {mni: 1}, resource: ${deployment(3)}}
`, '  parameters: {min-replicas: {min: 5}}\n'));
    assert.deepEqual(results.map((r) => [r.name, r.ok]), [["3 is below the contract's 5", true], ['case lowers it', true], ['unknown parameter', false]]);
    assert.match(results[2]!.message, /unknown parameter 'mni'/);
  });

  test('error and unknown outcomes: a CEL error on the resource, and a value known only after apply', () => {
    const tf = `    - id: encrypted
      title: Encrypted
      severity: high
      enforcement: deny
      match: {types: [aws_db_instance]}
      condition: "object.storage_encrypted == true"
      tests:
        - {name: unknown until apply, expect: unknown, resource: {source: terraform, type: aws_db_instance, address: aws_db_instance.a, action: create, after: {storage_encrypted: null}, unknownPaths: [storage_encrypted]}}
        - {name: missing field errors, expect: error, resource: {source: terraform, type: aws_db_instance, address: aws_db_instance.b, action: create, after: {}}}
        - {name: encrypted passes, expect: pass, resource: {source: terraform, type: aws_db_instance, address: aws_db_instance.c, action: create, after: {storage_encrypted: true}}}
`;
    assert.deepEqual(run(contract(tf)).map((r) => [r.name, r.ok, r.message]), [
      ['unknown until apply', true, ''], ['missing field errors', true, ''], ['encrypted passes', true, ''],
    ]);
  });

  test('a file-input test in a contract fails saying why (the editor cannot run it), never counts as passed', () => {
    const [r] = run(contract(`${REPLICAS}        - {name: from a file, input: tests/x.yaml, expectFail: []}
`));
    assert.equal(r!.ok, false);
    assert.match(r!.message, /countersign test CONTRACT/);
  });

  test('a policy that does not compile fails each of its tests with the compile error; only the named policy runs', () => {
    const broken = REPLICAS.replace('object.spec.replicas >= params.min', 'object.spec.replicas >= ').replace('id: min-replicas', 'id: broken');
    const text = contract(`${broken}        - {name: a, expect: pass, resource: ${deployment(3)}}
${REPLICAS}        - {name: b, expect: pass, resource: ${deployment(3)}}
`);
    // parseContract does not compile CEL; the runner reports it per test and never throws.
    const all = run(text);
    assert.deepEqual(all.map((r) => [r.policy, r.ok]), [['broken', false], ['min-replicas', true]]);
    assert.match(all[0]!.message, /does not compile/);
    assert.deepEqual(run(text, 'min-replicas').map((r) => r.policy), ['min-replicas']);
    assert.deepEqual(run(text, 'no-such-policy'), []);
  });

  test("Kubernetes labels and namespace come from the object, as for a loaded resource", () => {
    const labelled = `    - id: labelled
      title: Team label
      severity: low
      enforcement: deny
      match: {types: [Deployment], namespaces: [shop], labels: {tier: "*"}}
      condition: "resource.labels.tier == 'web'"
      tests:
        - name: api tier fails
          expect: fail
          resource: {source: kubernetes, type: Deployment, address: Deployment/shop/api, action: update,
            after: {metadata: {name: api, namespace: shop, labels: {tier: api}}}}
        - name: other namespace is not matched
          expect: pass
          resource: {source: kubernetes, type: Deployment, address: Deployment/other/api, action: update,
            after: {metadata: {name: api, namespace: other, labels: {tier: api}}}}
`;
    assert.deepEqual(run(contract(labelled)).map((r) => [r.name, r.ok]), [['api tier fails', true], ['other namespace is not matched', true]]);
  });
});

describe('inline test schema', () => {
  const load = (tests: string) => parseContract('c.yaml', contract(`${REPLICAS}${tests}`), '/nonexistent');
  const refused = (tests: string, pattern: RegExp, line: number) => {
    assert.throws(() => load(tests), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.message, pattern);
      assert.equal(err.line, line);
      return true;
    });
  };
  test('a test has either input or resource, with the expectations that go with it; each mistake is named with its line', () => {
    refused(`        - {name: both, input: x.yaml, expect: pass, resource: ${deployment(1)}}\n`, /either `input`.*or `resource`.*not both/, 16);
    refused('        - {name: neither, expect: pass}\n', /needs `input`.*or `resource`/, 16);
    refused(`        - {name: no expect, resource: ${deployment(1)}}\n`, /needs `expect: fail \| pass \| error \| unknown`/, 16);
    refused(`        - {name: lists, expect: fail, expectFail: [a], resource: ${deployment(1)}}\n`, /states its outcome with `expect:`/, 16);
    refused('        - {name: file with expect, input: x.yaml, expect: fail}\n', /`expect` goes with an inline `resource`/, 16);
    refused(`        - {name: bad outcome, expect: maybe, resource: ${deployment(1)}}\n`, /expect/, 16);
    refused('        - {name: bad source, expect: pass, resource: {source: helm, type: X, address: a, action: create}}\n', /source/, 16);
    refused('        - {name: stray field, expect: pass, resource: {source: image, type: image, address: a, action: create, location: x}}\n', /unknown field.*location/, 16);
  });
});

describe('fixtureOf / resourceFromFixture', () => {
  // Every resource of real inputs, written as a fixture, through YAML and back, gives the same
  // view policies read (resource, object, oldObject): the class "evaluates like the loaded one".
  for (const file of [
    ['kubernetes', 'helm-render-linkerd-control-plane-ha.yaml'],
    ['kubernetes', 'kyverno-restrict-image-registries.resources.yaml'],
    ['terraform', 'checkov-terragoat-aws-55-resources-rds-public-sg-open.tfplan.json'],
    ['terraform', 'infracost-ec2-resize-with-drift.tfplan.json'],
    ['terraform', 'tfcompliance-alb-asg-iam-modules-update.tfplan.json'],
  ] as const) {
    test(`${file[1]}: every resource round-trips through a fixture to the same view`, async () => {
      const cs = await loadChangeSet([corpusPath(...file)]);
      assert.ok(cs.resources.length > 0);
      for (const r of cs.resources) {
        const fixture = parse(stringify(fixtureOf(r)));
        const back = resourceFromFixture(fixture, r.location);
        // A fixture carries no plan around it (contract v5 has no member for references): a
        // Terraform fixture's referencedBy is unknown as a whole, never an empty list (fail
        // closed), and it sees no planTypes. Every other field is the loaded resource's.
        const { referencedBy: backRefs, planTypes: backTypes, ...backView } = resourceView(back);
        const { referencedBy: _refs, planTypes: _types, ...view } = resourceView(r);
        assert.deepEqual(backView, view, r.address);
        if (r.source === 'terraform') {
          assert.equal(backRefs.length, 1, r.address);
          assert.ok(isUnknownValue(backRefs[0]), r.address);
          assert.deepEqual(backTypes, []);
        }
        assert.deepEqual([back.after, back.before], [r.after, r.before], r.address);
      }
    });
  }
});
