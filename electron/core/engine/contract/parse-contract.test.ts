import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../model/errors';
import { defaultContract, loadContractFile } from './load-contract';
import { parseContract } from './parse-contract';

const root = mkdtempSync(join(tmpdir(), 'countersign-contract-'));
after(() => rmSync(root, { recursive: true, force: true }));

function writePolicy(pack: string, id: string, body: string): void {
  mkdirSync(join(root, pack, id), { recursive: true });
  writeFileSync(join(root, pack, id, 'policy.yaml'), `id: ${id}\ntitle: ${id}\n${body}`);
}
writePolicy('baseline', 'approved-registries', 'severity: high\nenforcement: deny\nparameters:\n  registries: {description: allowed prefixes, default: ["registry.example.com/"]}\n  strict: {default: true}\ncondition: "true"\n');
writePolicy('baseline', 'required-tags', 'severity: low\nenforcement: deny\ncondition: "true"\n');
writePolicy('extra', 'required-tags', 'severity: low\nenforcement: deny\ncondition: "true"\n');

const CONTRACT = `apiVersion: countersign.dev/v1
kind: Contract
metadata:
  name: acme-production
  vendor: example-vendor
spec:
  extends: [baseline]
  parameters:
    approved-registries: {registries: ["ghcr.io/example/"]}
  overrides:
    required-tags: {enforcement: advisory}
  approvals: {quorum: 2, exceptionQuorum: 2, maxExceptionDays: 14}
  policies:
    - id: no-public-buckets
      title: Buckets are private
      severity: critical
      enforcement: mandatory
      match: {types: [aws_s3_bucket]}
      condition: object.acl != "public-read"
`;

function parse(text: string) {
  return parseContract('contract.yaml', text, root);
}

function inputError(text: string): InputError {
  try {
    parse(text);
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    return err;
  }
  assert.fail('expected an InputError');
}

describe('parseContract', () => {
  test('resolves packs, own policies, overrides, parameters and approvals', () => {
    const c = parse(CONTRACT);
    assert.equal(c.name, 'acme-production');
    assert.equal(c.vendor, 'example-vendor');
    assert.deepEqual(c.policies.map((p) => `${p.pack || '(own)'}:${p.id}`), ['baseline:approved-registries', 'baseline:required-tags', '(own):no-public-buckets']);
    assert.equal(c.policies.find((p) => p.id === 'required-tags')?.enforcement, 'advisory');
    assert.deepEqual(c.parameters['approved-registries'], { registries: ['ghcr.io/example/'], strict: true });
    assert.deepEqual(c.parameters['required-tags'], {});
    // v1–v3 mean no separation-of-duties rule (filled since v4 exists; not digest content for them).
    assert.deepEqual(c.approvals, { quorum: 2, exceptionQuorum: 2, maxExceptionDays: 14, separationOfDuties: { requesterMayWaiveAlone: true, approverMaySignReliedExceptions: true } });
    assert.equal(c.source, 'contract.yaml');
    assert.match(c.digest, /^sha256:[0-9a-f]{64}$/);
    // an own policy points into the contract file
    assert.deepEqual(c.policies[2]?.definedAt, { file: 'contract.yaml', line: 14, column: 7 });
  });

  const errors: [string, number, RegExp][] = [
    ['a wrong apiVersion', 1, /apiVersion/],
    ['a wrong kind', 2, /kind/],
    ['an unknown pack', 7, /unknown policy pack "nope"/],
    ['an override for an unknown policy', 11, /override for unknown policy "nope-policy"/],
    ['an invalid enforcement', 11, /enforcement/],
    ['parameters for an unknown policy', 9, /parameters for unknown policy "ghost"/],
    ['an unknown parameter name', 9, /has no parameter "registry" \(it has: registries, strict\)/],
    ['a parameter of the wrong type', 9, /must be a list \(like its default\), got a string/],
    ['an own policy colliding with a pack id', 14, /already exists in an extended pack; change it with spec.overrides/],
    ['an own policy with a bad field', 16, /spec\.policies\[0\]\.severity/],
    ['an unknown spec field', 12, /unknown field "spec.aprovals"/],
  ];
  const edits: Record<string, (t: string) => string> = {
    'a wrong apiVersion': (t) => t.replace('countersign.dev/v1', 'countersign.dev/v1beta'),
    'a wrong kind': (t) => t.replace('kind: Contract', 'kind: Policy'),
    'an unknown pack': (t) => t.replace('extends: [baseline]', 'extends: [baseline, nope]'),
    'an override for an unknown policy': (t) => t.replace('required-tags: {enforcement: advisory}', 'nope-policy: {enforcement: advisory}'),
    'an invalid enforcement': (t) => t.replace('{enforcement: advisory}', '{enforcement: sometimes}'),
    'parameters for an unknown policy': (t) => t.replace('approved-registries: {registries', 'ghost: {registries'),
    'an unknown parameter name': (t) => t.replace('{registries: ["ghcr.io/example/"]}', '{registry: ["ghcr.io/example/"]}'),
    'a parameter of the wrong type': (t) => t.replace('["ghcr.io/example/"]', '"ghcr.io/example/"'),
    'an own policy colliding with a pack id': (t) => t.replace('id: no-public-buckets', 'id: required-tags'),
    'an own policy with a bad field': (t) => t.replace('severity: critical', 'severity: extreme'),
    'an unknown spec field': (t) => t.replace('  approvals:', '  aprovals:'),
  };
  for (const [label, line, reason] of errors) {
    test(`${label} is an InputError on line ${line}`, () => {
      const err = inputError((edits[label] as (t: string) => string)(CONTRACT));
      assert.equal(err.file, 'contract.yaml');
      assert.match(err.reason, reason);
      assert.equal(err.line, line);
    });
  }

  test('two extended packs defining the same policy id is an error', () => {
    assert.match(inputError(CONTRACT.replace('extends: [baseline]', 'extends: [baseline, extra]')).reason, /both define policy "required-tags"/);
  });

  test('a CEL problem in an own policy is left to compileContract (parse succeeds)', () => {
    assert.doesNotThrow(() => parse(CONTRACT.replace('object.acl != "public-read"', 'object.acl !=')));
  });
});

describe('contractDigest', () => {
  const base = parse(CONTRACT).digest;

  test('does not change with reformatting, key order or explicit defaults', () => {
    const reformatted = `kind: Contract
apiVersion: "countersign.dev/v1"
spec:
  policies:
    - condition: 'object.acl != "public-read"'
      enforcement: mandatory
      severity: critical
      id: no-public-buckets
      title: "Buckets are private"
      enabled: true
      description: ""
      match:
        types:
          - aws_s3_bucket
  approvals:
    maxExceptionDays: 14
    exceptionQuorum: 2
    quorum: 2
  overrides: {required-tags: {enforcement: advisory}}
  parameters:
    approved-registries:
      registries:
        - ghcr.io/example/
      strict: true
  extends:
    - baseline
metadata: {vendor: example-vendor, name: acme-production}
`;
    assert.equal(parse(reformatted).digest, base);
  });

  test('does not depend on where the packs or the contract file live', () => {
    assert.equal(parseContract('/elsewhere/contract.yaml', CONTRACT, root).digest, base);
  });

  test('changes when a parameter value changes', () => {
    assert.notEqual(parse(CONTRACT.replace('ghcr.io/example/', 'ghcr.io/other/')).digest, base);
  });

  test('changes when an override or a condition changes', () => {
    assert.notEqual(parse(CONTRACT.replace('{enforcement: advisory}', '{enforcement: approval}')).digest, base);
    assert.notEqual(parse(CONTRACT.replace('"public-read"', '"public-read-write"')).digest, base);
  });
});

describe('loading', () => {
  test('loadContractFile reads a file; a missing file is an InputError naming it', () => {
    const file = join(root, 'c.yaml');
    writeFileSync(file, CONTRACT.replace('extends: [baseline]', 'extends: []').replace(/ {2}parameters:\n.*\n {2}overrides:\n.*\n/, ''));
    assert.equal(loadContractFile(file).name, 'acme-production');
    assert.throws(() => loadContractFile(join(root, 'missing.yaml')), (err: unknown) => err instanceof InputError && /not found/.test(err.message));
  });

  test('defaultContract extends baseline with every default', () => {
    const c = defaultContract(root);
    assert.deepEqual(c.extends, ['baseline']);
    assert.equal(c.source, '(default)');
    assert.deepEqual(c.approvals, { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30, separationOfDuties: { requesterMayWaiveAlone: true, approverMaySignReliedExceptions: true } });
    assert.deepEqual(c.parameters['approved-registries'], { registries: ['registry.example.com/'], strict: true });
  });
});

describe('extends', () => {
  test('an error in a later entry points at that entry, also after a repeated pack', () => {
    const err = inputError(CONTRACT.replace('extends: [baseline]', 'extends:\n    - baseline\n    - baseline\n    - nope'));
    assert.equal(err.line, 10);
    assert.match(err.reason, /unknown policy pack "nope"/);
  });

  test('v2: the same pack at two versions, and a bare pack name, are errors on their line', () => {
    const v2 = CONTRACT.replace('countersign.dev/v1', 'countersign.dev/v2');
    const twice = inputError(v2.replace('extends: [baseline]', 'extends:\n    - {pack: baseline, version: 1}\n    - {pack: baseline, version: 2}'));
    assert.equal(twice.line, 9);
    assert.match(twice.reason, /extended twice, at different versions/);
    const bare = inputError(v2);
    assert.equal(bare.line, 7);
    assert.match(bare.reason, /countersign\.dev\/v2 pins every pack it extends: write \{pack: <name>, version: <n>\}/);
  });

  test('a newer apiVersion names itself and asks for an upgrade', () => {
    const err = inputError(CONTRACT.replace('countersign.dev/v1', 'countersign.dev/v6'));
    assert.equal(err.line, 1);
    assert.match(err.reason, /this contract is countersign\.dev\/v6; this Countersign reads countersign\.dev\/v1, countersign\.dev\/v2, countersign\.dev\/v3, countersign\.dev\/v4 and countersign\.dev\/v5 only\. Upgrade/);
  });
});
