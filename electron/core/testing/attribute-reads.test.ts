// The walker the provider-schema test relies on: every way a policy reaches into `object`
// must show up as a read, or the schema check would pass a misspelt attribute unseen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attributeReads, constantPaths, dottedSteps } from './attribute-reads';

const reads = (cel: string): string[] => attributeReads(cel).reads.map((p) => p.join('.')).sort();

describe('attributeReads', () => {
  const cases: readonly (readonly [string, string, readonly string[]])[] = [
    ['lookup with a dotted path (indexes dropped)', 'lookup(object, "encrypt_at_rest[0].enabled", false)', ['encrypt_at_rest.enabled']],
    ['lookup with a list path', 'lookup(object, ["settings", 0, "ip_configuration"], [])', ['settings.ip_configuration']],
    ['field selection and index', 'object.vpc_config[0].endpoint_public_access', ['vpc_config', 'vpc_config.endpoint_public_access']],
    ['map index with a string key', 'object["tags"]', ['tags']],
    ['oldObject is the same root', 'lookup(oldObject, "policy", "")', ['policy']],
    ['asList and a comprehension variable', 'asList(lookup(object, "ingress", [])).exists(r, lookup(r, "cidr_blocks", []) != [])', ['ingress', 'ingress.cidr_blocks']],
    ['nested comprehensions', 'object.settings.all(s, lookup(s, "ip_configuration", []).all(ic, ic.ssl_mode == "x"))', ['settings', 'settings.ip_configuration', 'settings.ip_configuration.ssl_mode']],
    ['cel.bind', 'cel.bind(v, asList(lookup(object, "listener", [])), v.all(l, lookup(l, "lb_protocol", "") == "https"))', ['listener', 'listener.lb_protocol']],
    ['filter keeps the element', 'lookup(object, "allow", []).filter(a, true).exists(a, lookup(a, "ports", []) == [])', ['allow', 'allow.ports']],
    ['a literal list of keys', '["a", "b"].all(k, lookup(object, k, false) == true)', ['a', 'b']],
    ['inside a ternary and a call', 'resource.type == "x" ? string(lookup(object, "acl", "")) : size(object.policy)', ['acl', 'policy']],
    ['not a parsed JSON document', 'lookup(parseJSON(string(lookup(object, "policy", "{}"))), "Statement", []).exists(s, lookup(s, "Effect", "") == "Allow")', ['policy']],
    ['not resource or params', 'resource.type == "a" && params.ports.exists(p, p == 22) && lookup(resource.labels, "x", "") == ""', []],
  ];
  for (const [name, cel, want] of cases) {
    test(name, () => assert.deepEqual(reads(cel), [...want].sort()));
  }

  test('a lookup on the object whose path is computed is reported as unresolved', () => {
    const r = attributeReads('lookup(object, resource.type == "a" ? "x" : "y", false) && lookup(parseJSON("{}"), resource.type, 1) == 1');
    assert.deepEqual(r.unresolved, ['lookup(object, resource.type == "a" ? "x" : "y", false)']);
  });

  test('a comprehension variable shadows an outer binding', () => {
    assert.deepEqual(reads('cel.bind(x, lookup(object, "a", []), [1].exists(x, lookup(x, "b", 0) == 1))'), ['a']);
  });
});

describe('constantPaths and dottedSteps', () => {
  test('path expressions give the literal lists they result in, not lists used on the way nor @entry', () => {
    assert.deepEqual(
      constantPaths('resource.type in ["aws_lb", "aws_elb"] ? ["listener", 0, "lb_protocol"] : resource.action == "x" ? ["@entry", "change", "actions"] : ["ssl_policy"]'),
      [['listener', 'lb_protocol'], ['ssl_policy']],
    );
    assert.deepEqual(constantPaths('cel.bind(off, ["a", "b"].filter(k, true), size(off) > 0 ? [off[0]] : ["c"])'), [['c']]);
  });

  test('quoted keys keep their dots', () => {
    assert.deepEqual(dottedSteps('metadata.labels["app.kubernetes.io/name"]'), ['metadata', 'labels', 'app.kubernetes.io/name']);
  });
});
