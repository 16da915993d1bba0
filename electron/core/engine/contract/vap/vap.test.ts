// Issue 9, "Import / export": Kubernetes ValidatingAdmissionPolicy YAML becomes own policies
// that decide as the apiserver would on the same objects; expressions that need the admission
// request are refused with that reason and line; a policy exports back where expressible.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { InputError } from '../../../model/errors';
import { runContractPolicyTests } from '../../../policy-tests/contract-tests';
import { repoRoot } from '../../../testing/corpus';
import { parseContract } from '../parse-contract';
import { applyContractEdits } from '../edit/apply-contract-edits';
import { exportVap } from './export-vap';
import { importVap } from './import-vap';
import type { ImportedPolicy } from './import-vap';

const FIXTURES = join(repoRoot, 'electron/testing/fixtures/vap');

/** The policies added to a draft as the editor adds them (lossless addPolicy). */
function appendPolicies(_file: string, draft: string, policies: readonly object[]): string {
  const r = applyContractEdits(draft, policies.map((policy) => ({ op: 'addPolicy' as const, policy: { ...policy } as Record<string, unknown> & { id: string } })), { packPolicy: () => undefined });
  assert.ok(r.ok, JSON.stringify(r));
  return r.text;
}
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const AT = new Date('2026-03-03T03:00:00Z');

const DRAFT = `apiVersion: countersign.dev/v3
kind: Contract
metadata: {name: t}
# the customer's comment
spec:
  approvals: {quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30}
  policies: []
`;

type Fixture = Record<string, unknown>;
const deployment = (spec: Fixture, labels: Record<string, string> = {}) => ({
  source: 'kubernetes', type: 'Deployment', address: 'Deployment/shop/web', action: 'create',
  after: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels }, spec },
});
const withImages = (...images: string[]) => ({ replicas: 1, template: { spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) } } });

/** The imported policies in a contract with these inline tests (each: [name, resource, expect]), run as the editor runs them. */
function decide(policies: readonly ImportedPolicy[], cases: readonly [string, unknown, 'pass' | 'fail' | 'error'][], parameters: Fixture = {}): string[] {
  const [first, ...rest] = policies;
  const withTests = [{ ...first!, tests: cases.map(([name, resource, expect]) => ({ name, resource, expect })) }, ...rest];
  let text = appendPolicies('draft', DRAFT, withTests);
  if (Object.keys(parameters).length > 0) text = text.replace('spec:\n', `spec:\n  parameters: ${JSON.stringify({ [first!.id]: parameters })}\n`);
  return runContractPolicyTests(parseContract('draft', text, '/nonexistent'), undefined, { now: AT }).filter((r) => !r.ok).map((r) => `${r.name}: ${r.message}`);
}

describe('importing ValidatingAdmissionPolicy (the Kubernetes docs examples)', () => {
  test('the replica limit: one deny policy on Deployments create/update, deciding as the apiserver would', () => {
    const { policies } = importVap('replica-limit.yaml', fixture('replica-limit.yaml'));
    assert.equal(policies.length, 1);
    const p = policies[0]!;
    assert.deepEqual([p.id, p.enforcement, p.condition], ['demo-policy-example-com', 'deny', 'object.spec.replicas <= 5']);
    assert.deepEqual(p.match, { sources: ['kubernetes'], types: ['Deployment'], actions: ['create', 'update', 'replace'] });
    assert.deepEqual(decide(policies, [['6 replicas are refused', deployment({ replicas: 6 }), 'fail'], ['5 are fine', deployment({ replicas: 5 }), 'pass']]), []);
  });

  test('a parameter resource becomes a declared parameter; a Warn/Audit binding imports as advisory; messageExpression is the message', () => {
    const { policies, notes } = importVap('param-message.yaml', fixture('param-message.yaml'));
    const p = policies[0]!;
    assert.equal(p.enforcement, 'advisory');
    assert.deepEqual(Object.keys(p.parameters ?? {}), ['maxReplicas']);
    assert.match(notes.join('\n'), /set spec.parameters for params.maxReplicas/);
    assert.deepEqual(decide(policies, [['over the limit', deployment({ replicas: 4 }), 'fail'], ['at the limit', deployment({ replicas: 3 }), 'pass']], { maxReplicas: 3 }), []);
    // Until the value is set the policy cannot decide: an error, never a pass.
    assert.deepEqual(decide(policies, [['unset limit', deployment({ replicas: 1 }), 'error']]), []);
  });

  test('variables are bound (each seeing the earlier ones) and decide like the original', () => {
    const { policies } = importVap('variables.yaml', fixture('variables.yaml'));
    assert.match(policies[0]!.condition, /^cel\.bind\(vap_/);
    assert.deepEqual(decide(policies, [
      ['a dev image of the registry fails', deployment(withImages('registry.example.com/dev.api:1')), 'fail'],
      ['prod images pass', deployment(withImages('registry.example.com/prod.api:1', 'docker.io/other:2')), 'pass'],
      ['an exempt object passes', deployment(withImages('registry.example.com/dev.api:1'), { exempt: 'true' }), 'pass'],
    ]), []);
  });

  test('matchConditions guard the validation; a namespace-name selector becomes match.namespaces; a literal message with braces stays literal', () => {
    const { policies } = importVap('object-match-conditions.yaml', fixture('object-match-conditions.yaml'));
    const p = policies[0]!;
    assert.deepEqual(p.match, { sources: ['kubernetes'], types: ['Service'], actions: ['create', 'update', 'replace'], namespaces: ['shop', 'payments'] });
    const service = (type: string, annotations: Record<string, string> = {}) => ({
      source: 'kubernetes', type: 'Service', address: 'Service/shop/lb', action: 'create', namespace: 'shop',
      after: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'shop', annotations }, spec: { type } },
    });
    assert.deepEqual(decide(policies, [
      ['a public load balancer fails', service('LoadBalancer'), 'fail'],
      ['an internal one passes', service('LoadBalancer', { 'networking.example.com/internal': 'true' }), 'pass'],
      ['ClusterIP is not matched by the condition', service('ClusterIP'), 'pass'],
    ]), []);
    const text = appendPolicies('draft', DRAFT, policies);
    const finding = parseContract('draft', text, '/nonexistent').policies.find((x) => x.id === p.id)!;
    assert.match(finding.message, /^\{\{ "a LoadBalancer Service must be internal \\x7b\\x7b not a template \\x7d\\x7d" \}\}$/);
  });

  test('objectSelector decides on the old or the new labels, as the apiserver does: removing the label in an update does not escape', () => {
    const text = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: prod-only}
spec:
  matchConstraints:
    resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE, DELETE], resources: [deployments]}]
    objectSelector: {matchLabels: {env: prod, "a.example/b": "x\\"y"}}
  validations: [{expression: "object == null || object.spec.replicas <= 5"}]
`;
    const { policies } = importVap('p.yaml', text);
    const prod = { env: 'prod', 'a.example/b': 'x"y' };
    const change = (action: string, before: Record<string, string> | null, after: Record<string, string> | null, replicas = 6) => ({
      source: 'kubernetes', type: 'Deployment', address: 'Deployment/shop/web', action,
      ...(before ? { before: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels: before }, spec: { replicas: 1 } } } : {}),
      ...(after ? { after: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels: after }, spec: { replicas } } } : {}),
    });
    assert.deepEqual(decide(policies, [
      ['created with the labels: checked', change('create', null, prod), 'fail'],
      ['created without them: not checked', change('create', null, { env: 'dev' }), 'pass'],
      ['the label removed in the update: still checked (the old object matches)', change('update', prod, { env: 'dev', 'a.example/b': 'x"y' }), 'fail'],
      ['the label added in the update: checked', change('update', { env: 'dev' }, prod), 'fail'],
      ['neither old nor new labelled: not checked', change('update', { env: 'dev' }, { env: 'dev' }), 'pass'],
      ['within the limit: passes', change('update', prod, prod, 5), 'pass'],
    ]), []);
  });

  test('request, authorizer and namespaceObject are refused with that reason and the line where they are used', () => {
    assert.throws(() => importVap('namespace-object.yaml', fixture('namespace-object.yaml')), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.line, 18);
      assert.match(e.message, /uses `namespaceObject`.*no meaning before apply/);
      return true;
    });
    assert.throws(() => importVap('match-conditions.yaml', fixture('match-conditions.yaml')), (e: unknown) => e instanceof InputError && e.line === 17 && /uses `request`: the admission request/.test(e.message));
  });

  test('any use of a request-time variable, anywhere in any expression, is refused (property)', () => {
    const where = fc.constantFrom('validation', 'messageExpression', 'variable', 'matchCondition');
    const shape = fc.constantFrom((v: string) => `${v}.x == 1`, (v: string) => `object.a.all(c, ${v}.b == c)`, (v: string) => `has(${v}.z) || true`, (v: string) => `size(${v}) > 0`, (v: string) => `true && !(${v}.y)`);
    fc.assert(fc.property(fc.constantFrom('request', 'authorizer', 'namespaceObject'), where, shape, (name, at, make) => {
      const expr = make(name);
      const spec = {
        matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE'], resources: ['deployments'] }] },
        ...(at === 'variable' ? { variables: [{ name: 'v', expression: expr }] } : {}),
        ...(at === 'matchCondition' ? { matchConditions: [{ name: 'm', expression: expr }] } : {}),
        validations: [{ expression: at === 'validation' ? expr : 'true', ...(at === 'messageExpression' ? { messageExpression: expr } : {}) }],
      };
      const text = stringify({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'p' }, spec });
      assert.throws(() => importVap('p.yaml', text), (e: unknown) => e instanceof InputError && e.line !== undefined && new RegExp(`uses \`${name}\``).test(e.message));
    }));
  });

  const vap = (spec: string) => `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec:\n${spec}`;
  const rules = (r = '{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}') => `  matchConstraints:\n    resourceRules: [${r}]\n`;
  const refused: readonly [string, string, RegExp, number][] = [
    ['a subresource', vap(`${rules('{apiGroups: [apps], apiVersions: [v1], operations: [UPDATE], resources: [deployments/scale]}')}  validations: [{expression: "true"}]\n`), /subresource/, 6],
    ['a custom resource', vap(`${rules('{apiGroups: [example.com], apiVersions: [v1], operations: [CREATE], resources: [widgets]}')}  validations: [{expression: "true"}]\n`), /custom resource's kind/, 6],
    ['CONNECT', vap(`${rules('{apiGroups: [""], apiVersions: [v1], operations: [CONNECT], resources: [pods]}')}  validations: [{expression: "true"}]\n`), /CONNECT/, 6],
    ['a namespace selector by another label', vap(`${rules()}    namespaceSelector: {matchLabels: {env: prod}}\n  validations: [{expression: "true"}]\n`), /live Namespace objects/, 7],
    // The apiserver never skips a cluster-scoped object for a namespaceSelector (a Namespace is matched by its own labels);
    // match.namespaces never matches one, so the imported policy would let those objects through.
    ['a namespace selector over cluster-scoped kinds', vap(`${rules('{apiGroups: [rbac.authorization.k8s.io], apiVersions: [v1], operations: [CREATE], resources: [rolebindings, clusterrolebindings]}')}    namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [prod]}]}\n  validations: [{expression: "false"}]\n`), /cluster-scoped/, 7],
    ['a namespace selector over every resource', vap(`${rules('{apiGroups: ["*"], apiVersions: ["*"], operations: [CREATE], resources: ["*"]}')}    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: prod}}\n  validations: [{expression: "false"}]\n`), /cluster-scoped/, 7],
    ['a namespace selector over namespaces', vap(`${rules('{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [namespaces]}')}    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: prod}}\n  validations: [{expression: "false"}]\n`), /cluster-scoped/, 7],
    ['an unknown field', vap(`${rules()}  validations: [{expression: "true", severity: high}]\n`), /unknown field "spec.validations.0.severity"/, 7],
    ['a function the engine lacks', vap(`${rules()}  validations: [{expression: "quantity(object.spec.x).isGreaterThan(quantity('1'))"}]\n`), /does not compile as a Countersign condition/, 7],
    ['a Countersign-only variable', vap(`${rules()}  validations: [{expression: "resource.action == 'create'"}]\n`), /not a ValidatingAdmissionPolicy variable/, 7],
    ['an undefined variable', vap(`${rules()}  validations: [{expression: "variables.nope"}]\n`), /spec.variables does not define/, 7],
    ['params without paramKind', vap(`${rules()}  validations: [{expression: "object.x < params.max"}]\n`), /declares no spec.paramKind/, 7],
    ['another kind of document', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', /is a ConfigMap, not a ValidatingAdmissionPolicy/, 2],
    ['a messageExpression holding }}', vap(`${rules()}  validations: [{expression: "true", messageExpression: "string({'a': {'b': 1}})"}]\n`), /holds "}}"/, 7],
  ];
  for (const [what, text, message, line] of refused) {
    test(`refused with its line: ${what}`, () => {
      assert.throws(() => importVap('p.yaml', text), (e: unknown) => {
        assert.ok(e instanceof InputError, String(e));
        assert.match(e.message, message);
        assert.equal(e.line, line, e.message);
        return true;
      });
    });
  }

  test('the policies are appended to the draft: every byte before them is kept, and the draft loads', () => {
    const { policies } = importVap('replica-limit.yaml', fixture('replica-limit.yaml'));
    const text = appendPolicies('draft', `${DRAFT.replace('  policies: []\n', '  policies:\n    - {id: mine, title: Mine, severity: low, enforcement: deny, condition: "true"}  # kept\n')}# tail\n`, policies);
    assert.ok(text.startsWith(`${DRAFT.replace('  policies: []\n', '  policies:\n    - {id: mine, title: Mine, severity: low, enforcement: deny, condition: "true"}  # kept\n')}`));
    assert.ok(text.endsWith('# tail\n'));
    assert.deepEqual(parseContract('draft', text, '/nonexistent').policies.map((p) => p.id), ['mine', 'demo-policy-example-com']);
    assert.throws(() => importVap('replica-limit.yaml', fixture('replica-limit.yaml'), new Set(['demo-policy-example-com'])), /already in the contract/);
  });
});

describe('exporting a policy as ValidatingAdmissionPolicy', () => {
  const resolved = (policies: readonly ImportedPolicy[], parameters: Fixture = {}) => {
    let text = appendPolicies('draft', DRAFT, policies);
    if (Object.keys(parameters).length > 0) text = text.replace('spec:\n', `spec:\n  parameters: ${JSON.stringify({ [policies[0]!.id]: parameters })}\n`);
    return parseContract('draft', text, '/nonexistent');
  };

  test('imported policies export back: rules, variables and expressions as written; parameters inlined', () => {
    for (const name of ['replica-limit.yaml', 'variables.yaml', 'object-match-conditions.yaml']) {
      const original = parse(fixture(name).split('\n---\n')[0]!) as { spec: { variables?: unknown; validations: { expression: string }[] } };
      const c = resolved(importVap(name, fixture(name)).policies);
      const own = c.policies.at(-1)!;
      const exported = parse(exportVap(own, c.parameters[own.id] ?? {})) as { kind: string; spec: { variables?: unknown; validations: { expression: string }[]; matchConstraints: { resourceRules: unknown[] } } };
      assert.equal(exported.kind, 'ValidatingAdmissionPolicy');
      if (name !== 'object-match-conditions.yaml') assert.equal(exported.spec.validations[0]!.expression, original.spec.validations[0]!.expression, name);
      assert.deepEqual(exported.spec.variables, original.spec.variables, name);
      // And it imports again to the same decision.
      assert.equal(importVap('again.yaml', exportVap(own, c.parameters[own.id] ?? {})).policies[0]!.condition, own.condition, name);
    }
    const withParam = resolved(importVap('param-message.yaml', fixture('param-message.yaml')).policies, { maxReplicas: 3 });
    const p = withParam.policies.at(-1)!;
    const out = parse(exportVap(p, withParam.parameters[p.id]!)) as { spec: { validations: { expression: string; messageExpression: string }[] } };
    assert.equal(out.spec.validations[0]!.expression, 'object.spec.replicas <= 3');
    assert.equal(out.spec.validations[0]!.messageExpression, "string('object.spec.replicas must be no greater than ' + string(3))");
  });

  test('a policy that is not expressible is refused, naming why', () => {
    const baseline = parseContract('d', 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: d}\nspec:\n  extends: [{pack: baseline, version: 2}]\n');
    const noLatest = baseline.policies.find((x) => x.id === 'images-no-latest')!;
    assert.throws(() => exportVap(noLatest, baseline.parameters[noLatest.id]!), /matches Terraform or image resources too/);
    const privileged = baseline.policies.find((x) => x.id === 'k8s-no-privileged')!;
    assert.throws(() => exportVap(privileged, baseline.parameters[privileged.id]!), /reads `resource`, a Countersign variable|calls \w+\(\), a Countersign function/);
    const own = (condition: string, match = '{sources: [kubernetes], types: [Pod]}') => parseContract('d', `${DRAFT.replace('  policies: []\n', `  policies:\n    - {id: p, title: P, severity: low, enforcement: deny, match: ${match}, condition: ${JSON.stringify(condition)}}\n`)}`, '/nonexistent').policies[0]!;
    assert.throws(() => exportVap(own("glob(object.metadata.name, 'a*')"), {}), /calls glob\(\), a Countersign function the apiserver's CEL lacks/);
    assert.throws(() => exportVap(own('now > timestamp("2026-01-01T00:00:00Z")'), {}), /reads `now`/);
    assert.throws(() => exportVap(own('true', '{sources: [kubernetes], types: ["Dep*"]}'), {}), /not a built-in Kubernetes kind/);
    assert.throws(() => exportVap(own('true', '{sources: [kubernetes], types: [Pod], drift: true}'), {}), /drift/);
  });
});
