import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EditContext } from '../engine/contract/edit/apply-contract-edits';
import type { PolicyData } from '../engine/contract/schemas';

/**
 * Contracts written in the styles people write YAML in, for the contract editor's tests, with
 * what each holds (own policy ids, a test name, a roster fingerprint).
 */
export interface EditFixture {
  readonly name: string;
  readonly text: string;
  readonly own: readonly string[];
  readonly testName?: string;
  readonly fingerprint?: string;
}

const demoPath = fileURLToPath(new URL('../../demo/contract.yaml', import.meta.url));

const V1_BLOCK = `apiVersion: countersign.dev/v1
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

const COMMENTED = `--- # contract
# Acme's production contract.
"apiVersion": "countersign.dev/v2"   # pinned packs
'kind': Contract
metadata:
    # who
    name: acme   # the name
    vendor: 'Acme: EU'
spec:
    # packs
    extends:
        -   pack: baseline   # the built-in pack
            version: 2
    overrides:   # none yet
    approvals:
        quorum: 1   # one approver
        exceptionQuorum: 2
    policies:
        # Buckets
        -   id: own-a
            title: "Buckets are private"   # title
            severity: high
            enforcement: deny
            # the rule
            condition: >-
                object.acl
                != "public-read"
            tests:
                -   name: first
                    input: fixtures/a.json
        # Ingress
        -   "id": own-b
            title: Ingress
            severity: low
            enforcement: advisory
            match:
                types: [Ingress]   # kinds
            condition: |
                object.spec.rules.size() == 0
# end of contract
...
# after the document
`;

const FLOW = `apiVersion: countersign.dev/v2
kind: Contract
metadata: {name: flow, vendor: v}
spec: {extends: [{pack: baseline, version: 2}], parameters: {required-tags: {tags: [owner]}},
  overrides: {approved-registries: {enabled: false}}, approvals: {quorum: 1},
  policies: [{id: flowy, title: Flow, severity: low, enforcement: advisory, condition: "true", tests: [{name: t, input: x.json}]}]}
`;

const ROSTER = `apiVersion: countersign.dev/v3
kind: Contract
metadata:
  name: r
  vendor: acme
  install: prod-eu   # the EU install
roster:
  # Alice signs approvals
  - name: Alice Example
    email: alice@example.com
    fingerprint: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    roles: [approver, contract-owner]
  - name: Bob
    fingerprint: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    roles:
      - approver
spec:
  extends:
    - {pack: baseline, version: 3}
  policies:
    - id: own-r
      title: R
      severity: low
      enforcement: advisory
      condition: "true"
      tests:
        - name: passes
          resource: {source: kubernetes, type: Service}
          expect: pass
`;

export const EDIT_FIXTURES: readonly EditFixture[] = [
  { name: 'the demo contract', text: readFileSync(demoPath, 'utf8'), own: [] },
  { name: 'v1, block, flow entries', text: V1_BLOCK, own: ['no-public-buckets'] },
  { name: 'comments everywhere, 4 spaces, quoted keys, ---/..., empty overrides', text: COMMENTED, own: ['own-a', 'own-b'], testName: 'first' },
  { name: 'the same with CRLF line breaks', text: COMMENTED.replace(/\n/g, '\r\n'), own: ['own-a', 'own-b'], testName: 'first' },
  { name: 'flow-style spec', text: FLOW, own: ['flowy'], testName: 't' },
  { name: 'v3 with a roster', text: ROSTER, own: ['own-r'], testName: 'passes', fingerprint: 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
];

function packPolicy(id: string, extra: Partial<PolicyData> = {}): PolicyData {
  return {
    id, title: `Pack ${id}`, description: '', severity: 'high', enforcement: 'deny', enabled: true, match: { types: ['aws_*'] },
    parameters: {}, condition: 'object.x == params.y', message: '', remediation: 'Fix it.', tags: ['pack'], tests: [{ name: 'file test', input: 'tests/a.json', expectFail: [] }],
    ...extra,
  };
}

/** Pack policies the fixtures override or parameterise, one with a v3 typed parameter. */
export const FIXTURE_PACKS: Readonly<Record<string, PolicyData>> = {
  'approved-registries': packPolicy('approved-registries', { parameters: { registries: { description: 'allowed prefixes', default: [] }, strict: { description: '', default: true } } }),
  'required-tags': packPolicy('required-tags', { parameters: { tags: { description: 'tags', default: [] } }, condition: 'params.tags.all(t,\n  t in object.tags)' }),
  'images-approved-registries': packPolicy('images-approved-registries', { parameters: { registries: { description: 'allowed', default: [] } } }),
  'pk-typed': packPolicy('pk-typed', { parameters: { ports: { description: 'ports', default: [], type: 'number-list', min: 1 } as never } }),
};

export const fixtureContext: EditContext = { packPolicy: (id) => FIXTURE_PACKS[id] };
