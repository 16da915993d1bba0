/**
 * Inputs with a planted marker (PlantedSecrets) in every style a secret can be written in:
 * Kubernetes Secrets in YAML and JSON (block, flow, quoted keys, value on the next line, block
 * scalars, tags, anchors/aliases, merge keys, comments, `kind: List`, escapes, stringData,
 * unknown fields, last-applied annotations, Secrets embedded in other objects) and Terraform
 * sensitive values (before/after with *_sensitive markers, nested and in lists, mismatched
 * markers, drift, prior_state, planned_values, output changes, variables). Every marker is
 * secret: no output may show one. `visible` values sit in ConfigMaps and must stay visible.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PlantedSecrets } from './planted-secrets';

/** A bundle folder's files (bundle-relative path → text) and the non-secret values it holds. */
export interface PlantedBundle {
  readonly files: Readonly<Record<string, string>>;
  /** ConfigMap values next to the Secrets: not secret, so masking must not hide them. */
  readonly visible: readonly string[];
}

export function plantedBundle(s: PlantedSecrets): PlantedBundle {
  const visible = ['visible-config-value-1', 'visible-config-value-2'];
  return {
    files: {
      'changeset.yaml': MANIFEST,
      'k8s/release.yaml': plantedKubernetesYaml(s, visible),
      'k8s/previous.yaml': plantedPreviousYaml(s),
      'k8s/secret.json': plantedKubernetesJson(s),
      'k8s/list.json': plantedKubernetesListJson(s),
      'infra/plan.json': plantedTerraformPlan(s),
    },
    visible,
  };
}

/**
 * A Secret whose values are scalars two YAML readers resolve differently (octal ints, booleans):
 * the loader may refuse it or report it, but never by quoting the value.
 */
export function plantedAmbiguousSecret(s: PlantedSecrets): string {
  return `apiVersion: v1
kind: Secret
metadata: {name: ambiguous, namespace: app}
stringData:
  pin: ${s.plantOctal('an octal-looking Secret value')}
  flag: yes
data:
  code: ${s.plantOctal('an octal-looking Secret data value')}
`;
}

/** Writes a bundle's files under `dir` (a bundle folder, as a vendor hands it over); returns `dir`. */
export function writeBundle(dir: string, bundle: PlantedBundle): string {
  for (const [path, text] of Object.entries(bundle.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const MANIFEST = `apiVersion: countersign.dev/v1
kind: ChangeSet
metadata:
  vendor: Planted Inc
  app: planted
  install: test
  release: 1.0.0
artifacts:
  - {kind: terraform-plan, path: infra/plan.json, component: infra}
  - {kind: kubernetes, path: k8s/release.yaml, previous: k8s/previous.yaml, component: app}
  - {kind: kubernetes, path: k8s/secret.json, component: app}
  - {kind: kubernetes, path: k8s/list.json, component: app}
`;

/** Multi-document YAML: a ConfigMap, then Secrets in every YAML style, a List, an embedded Secret. */
export function plantedKubernetesYaml(s: PlantedSecrets, visible: readonly string[] = ['visible-config-value']): string {
  const lastApplied = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'applied' }, data: { password: s.plant('a Secret JSON in a ConfigMap\'s last-applied annotation') } });
  return `# Source: chart/templates/config.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: app
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '${lastApplied}'
data:
  mode: ${visible[0]}
---
# Source: chart/templates/secret.yaml
# the old password was ${s.plant('a comment before a Secret document')}
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: app
  labels:
    app: db
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"${s.plant('the last-applied annotation of a Secret')}"}}'
type: Opaque
data:
  password: ${s.plant('block mapping data')}   # rotated from ${s.plant('an end-of-line comment')}
  "quoted-key": "${s.plant('quoted key and value')}"
  next-line:
    ${s.plant('value on the next line')}
  tagged: !!str ${s.plant('a !!str tag')}
  binary: !!binary ${Buffer.from(s.plant('a !!binary tag (base64, decoded as kubectl does)')).toString('base64')}
  <<: {merged: ${s.plant('a merge key')}}
stringData:
  literal: |
    ${s.plant('a literal block scalar')}
  folded: >-
    ${s.plant('a folded block scalar')}
  multi-line: "first
    ${s.plant('a multi-line quoted scalar')}"
# ${s.plant('a comment after a Secret')}
---
apiVersion: v1
kind: Secret
metadata: {name: aliased, namespace: app}
data:
  anchored: &planted ${s.plant('an anchor')}
  aliased: *planted
---
apiVersion: v1
kind: Secret
metadata: {name: flow, namespace: app}
data: {password: ${s.plant('a flow mapping')}, "token": '${s.plant('a flow mapping, quoted')}'}
---
"apiVersion": "v1"
"kind": "Secret"
"metadata":
  "name": "quoted"
  "namespace": "app"
"stringData":
  "password": "${s.plant('quoted keys throughout')}"
---
apiVersion: v1
kind: !!str Secret
metadata:
  name: tagged-kind
  namespace: app
stringdata:
  password: ${s.plant('an unknown field of a Secret (stringdata)')}
---
{apiVersion: v1, kind: Secret, metadata: {name: one-line, namespace: app}, stringData: {password: ${s.plant('a whole Secret in flow style on one line')}}}
---
apiVersion: v1
kind:
  Secret
metadata:
  name: kind-on-next-line
  namespace: app
data:
  password: ${s.plant('a Secret whose kind is on the next line')}
---
apiVersion: v1
kind: List
items: [{apiVersion: v1, kind: Secret, metadata: {name: flow-item, namespace: app}, data: {password: ${s.plant('a flow item of a kind: List')}}}]
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: listed-config, namespace: app}
  data: {mode: ${visible[1] ?? 'visible'}}
- apiVersion: v1
  kind: Secret
  metadata: {name: listed, namespace: app}
  stringData: {password: ${s.plant('a Secret item of a kind: List')}}
---
apiVersion: v1
kind: SecretList
metadata: {name: named-list}
items:
- metadata: {name: kindless, namespace: app}
  data: {password: ${s.plant('a kindless item of a named SecretList (kubectl applies it as a Secret)')}}
---
apiVersion: example.com/v1
kind: SecretTemplate
metadata:
  name: embedded
  namespace: app
spec:
  template:
    apiVersion: v1
    kind: Secret
    metadata: {name: generated}
    stringData:
      password: ${s.plant('a Secret embedded in a custom resource')}
`;
}

/** The release being replaced: its Secret (a changed value) must not show in the diff either. */
export function plantedPreviousYaml(s: PlantedSecrets): string {
  return `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: app
data:
  password: ${s.plant('the previous release\'s Secret')}
`;
}

/** Pretty JSON with `\u` escapes in the kind and in a key, as kubectl reads it. */
export function plantedKubernetesJson(s: PlantedSecrets): string {
  return `{
  "apiVersion": "v1",
  "kind": "Secr\\u0065t",
  "metadata": {
    "name": "escaped",
    "namespace": "app"
  },
  "d\\u0061ta": {
    "password": "${s.plant('JSON with the kind written with a \\u escape')}"
  },
  "stringData": {"token": "\\u0050${s.plant('JSON with an escaped value').slice(1)}"}
}
`;
}

/** A minified kubectl List (JSON on one line): a ConfigMap and a Secret item. */
export function plantedKubernetesListJson(s: PlantedSecrets): string {
  return `${JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'json-config', namespace: 'app' }, data: { mode: 'json-visible' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'json-listed', namespace: 'app' }, data: { password: s.plant('a Secret in a minified JSON List') } },
    ],
  })}\n`;
}

/** A plan with sensitive values wherever Terraform writes them, every one a marker. */
export function plantedTerraformPlan(s: PlantedSecrets): string {
  const before = {
    identifier: 'planted-db', password: s.plant('terraform before, before_sensitive'),
    settings: [{ name: 'a', secret_list: ['not-secret', s.plant('terraform a list item marked sensitive')] }],
    tags: { Owner: 'team', Secret: s.plant('terraform a map entry marked sensitive') },
  };
  const after = {
    identifier: 'planted-db', password: s.plant('terraform after, after_sensitive'),
    settings: [{ name: 'a', secret_list: ['not-secret', s.plant('terraform after list item')] }],
    tags: { Owner: 'team', Secret: s.plant('terraform after map entry') },
    connection: { user: 'admin', token: s.plant('terraform a whole object marked sensitive') },
    // Terraform never writes a list marker for a map: it hides the whole map (fail closed).
    odd: { key: s.plant('terraform a marker shaped unlike its value') },
  };
  const sensitive = { password: true, settings: [{ secret_list: [false, true] }], tags: { Secret: true }, connection: true, odd: [true] };
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.5',
    variables: { db_password: { value: s.plant('terraform a sensitive variable\'s value') } },
    planned_values: {
      outputs: { db_password: { sensitive: true, value: s.plant('terraform planned_values output') } },
      root_module: { resources: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', values: { password: s.plant('terraform planned_values') }, sensitive_values: { password: true } }] },
    },
    resource_changes: [
      {
        address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', provider_name: 'registry.terraform.io/hashicorp/aws',
        change: { actions: ['update'], before, after, after_unknown: {}, before_sensitive: sensitive, after_sensitive: sensitive },
      },
      {
        address: 'random_password.only_after', mode: 'managed', type: 'random_password', name: 'only_after', provider_name: 'registry.terraform.io/hashicorp/random',
        change: { actions: ['create'], before: null, after: { result: s.plant('terraform only after_sensitive given') }, after_unknown: {}, after_sensitive: { result: true } },
      },
    ],
    resource_drift: [
      {
        address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', provider_name: 'registry.terraform.io/hashicorp/aws',
        change: { actions: ['update'], before: { password: s.plant('terraform drift before') }, after: { password: s.plant('terraform drift after') }, before_sensitive: { password: true }, after_sensitive: { password: true } },
      },
    ],
    output_changes: {
      db_password: { actions: ['update'], before: s.plant('terraform output change before'), after: s.plant('terraform output change after'), after_unknown: false, before_sensitive: true, after_sensitive: true },
    },
    prior_state: {
      format_version: '1.0',
      values: {
        outputs: { db_password: { sensitive: true, value: s.plant('terraform prior_state output') } },
        root_module: { resources: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', values: { password: s.plant('terraform prior_state resource') }, sensitive_values: { password: true } }] },
      },
    },
  };
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/**
 * A contract that makes every output carry as much of each resource as it can: a finding on
 * every resource whose message is the whole (masked) object before and after, one that points
 * at a Secret's data, and one whose CEL error reads a masked value.
 */
export const PEEK_CONTRACT = `apiVersion: countersign.dev/v1
kind: Contract
metadata:
  name: planted-peek
spec:
  extends: [baseline]
  policies:
    - id: peek-everything
      title: Shows every resource whole
      description: Test policy; its message holds the object before and after.
      severity: low
      enforcement: advisory
      match: {actions: [create, update, delete, replace, read, no-op]}
      condition: "false"
      message: "after {{ object }} before {{ oldObject }} sensitive {{ resource.sensitive }}"
    - id: peek-secret-data
      title: Points at a Secret's data
      description: Test policy.
      severity: high
      enforcement: deny
      match: {sources: [kubernetes], types: [Secret], actions: [create, update, delete, replace, read, no-op]}
      condition: "false"
      message: "{{ object.data }} {{ object.stringData }}"
      path: '["data"]'
    - id: peek-error
      title: Fails on a masked value
      description: Test policy; its CEL error names the value it could not convert.
      severity: high
      enforcement: approval
      match: {actions: [create, update, delete, replace, read, no-op]}
      condition: "int(object.password) > 0 || int(object.data.password) > 0"
      message: "{{ int(object.password) }}"
`;
