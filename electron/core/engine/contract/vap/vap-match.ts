import type { PolicyMatch } from '../../../model/policy';
import type { ResourceAction } from '../../../model/resource-change';
import { CLUSTER_SCOPED_KINDS, resourceOfKind, resourcesNamed } from './kubernetes-resources';
import type { ResourceRule, Vap } from './vap-schema';

/** A refusal with the path of the field that caused it (relative to spec.matchConstraints). */
export class MatchRefusal extends Error {
  constructor(readonly path: readonly (string | number)[], reason: string) {
    super(reason);
  }
}

const OPERATIONS: Readonly<Record<string, readonly ResourceAction[]>> = {
  CREATE: ['create'],
  // A Countersign `replace` is a delete-and-create of the same object: kubectl sends it as an update.
  UPDATE: ['update', 'replace'],
  DELETE: ['delete'],
  '*': ['create', 'update', 'replace', 'delete'],
};
/** The label Kubernetes sets on every namespace to its own name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** matchConstraints → a Countersign match (Kubernetes only), exactly, or a MatchRefusal. */
export function matchFromConstraints(constraints: NonNullable<Vap['spec']['matchConstraints']>): PolicyMatch {
  if (constraints.excludeResourceRules?.length) throw new MatchRefusal(['excludeResourceRules'], 'excludeResourceRules has no Countersign equivalent yet: write the exclusion into the expression');
  const rules = constraints.resourceRules ?? [];
  if (rules.length === 0) throw new MatchRefusal(['resourceRules'], 'matchConstraints.resourceRules is required (it says which objects the policy checks)');
  const perRule = rules.map((rule, i) => ({ types: typesOf(rule, i), actions: actionsOf(rule, i) }));
  const actions = perRule[0]!.actions;
  perRule.forEach((r, i) => {
    if (r.actions.join() !== actions.join()) {
      throw new MatchRefusal(['resourceRules', i, 'operations'], 'the rules pair different operations with different resources; a Countersign match applies one set of actions to all its types: split the policy');
    }
  });
  const types = perRule.some((r) => r.types === null) ? null : [...new Set(perRule.flatMap((r) => r.types!))];
  const namespaces = namespacesOf(constraints.namespaceSelector);
  // The apiserver never skips a cluster-scoped object for a namespaceSelector (a Namespace is
  // matched by its own labels), but match.namespaces never matches one: those objects would pass.
  const clusterScoped = types === null ? 'any cluster-scoped kind' : types.find((t) => CLUSTER_SCOPED_KINDS.has(t));
  if (namespaces.namespaces && clusterScoped) {
    throw new MatchRefusal(['namespaceSelector'], `the rules match ${clusterScoped === 'any cluster-scoped kind' ? 'every resource, cluster-scoped ones included' : `${clusterScoped}, which is cluster-scoped`}: the apiserver applies the policy to cluster-scoped objects whatever the namespaceSelector, and match.namespaces cannot say so; split the policy (namespaced kinds with the selector, cluster-scoped ones without)`);
  }
  return {
    sources: ['kubernetes'],
    ...(types ? { types } : {}),
    actions,
    ...namespaces,
    ...labelsOf(constraints.objectSelector),
  };
}

function typesOf(rule: ResourceRule, i: number): readonly string[] | null {
  const at = (field: string, reason: string) => new MatchRefusal(['resourceRules', i, field], reason);
  if (rule.resourceNames?.length) throw at('resourceNames', 'resourceNames has no Countersign equivalent yet: test object.metadata.name in the expression');
  if (rule.scope !== undefined && rule.scope !== '*') throw at('scope', `scope "${rule.scope}" has no Countersign equivalent yet: test resource scope in the expression`);
  const groups = rule.apiGroups ?? [];
  const resources = rule.resources ?? [];
  if (groups.length === 0 || resources.length === 0) throw at(groups.length === 0 ? 'apiGroups' : 'resources', 'a resource rule names apiGroups and resources');
  if (resources.includes('*')) {
    if (!groups.includes('*')) throw at('resources', 'every resource of named API groups cannot be listed by kind (custom resources are unknown here): use apiGroups ["*"] or name the resources');
    return null;
  }
  return resources.flatMap((resource, j) => {
    if (resource.includes('/')) throw new MatchRefusal(['resourceRules', i, 'resources', j], `"${resource}" is a subresource: a change set holds whole objects, not subresource requests`);
    const found = resourcesNamed(groups, resource);
    if (found.length === 0) {
      throw new MatchRefusal(['resourceRules', i, 'resources', j], `"${resource}" in API groups ${JSON.stringify(groups)} is not a built-in Kubernetes resource this build knows the kind of (a custom resource's kind cannot be told from its plural)`);
    }
    return found.map((r) => r.kind);
  });
}

function actionsOf(rule: ResourceRule, i: number): readonly ResourceAction[] {
  const ops = rule.operations ?? [];
  if (ops.length === 0) throw new MatchRefusal(['resourceRules', i, 'operations'], 'a resource rule names its operations');
  const out = new Set<ResourceAction>();
  ops.forEach((op, j) => {
    const mapped = OPERATIONS[op];
    if (!mapped) throw new MatchRefusal(['resourceRules', i, 'operations', j], op === 'CONNECT' ? 'CONNECT (exec, attach, port-forward) is a request, not a change: it has no meaning before apply' : `unknown operation "${op}"`);
    mapped.forEach((a) => out.add(a));
  });
  const order: readonly ResourceAction[] = ['create', 'update', 'replace', 'delete'];
  return order.filter((a) => out.has(a));
}

type Selector = NonNullable<NonNullable<Vap['spec']['matchConstraints']>['namespaceSelector']>;

/** Only a selection by the namespace's own name can be judged before apply (its other labels live in the cluster). */
function namespacesOf(selector: Selector | undefined): Pick<PolicyMatch, 'namespaces'> {
  if (!selector || (!selector.matchLabels && !selector.matchExpressions?.length)) return {};
  const labels = Object.entries(selector.matchLabels ?? {});
  const exprs = selector.matchExpressions ?? [];
  const byName = labels.length === 0 && exprs.length === 1 && exprs[0]!.key === NAMESPACE_NAME_LABEL && exprs[0]!.operator === 'In'
    ? exprs[0]!.values ?? []
    : exprs.length === 0 && labels.length === 1 && labels[0]![0] === NAMESPACE_NAME_LABEL ? [labels[0]![1]] : null;
  if (!byName || byName.some((n) => /[*?[\]{}]/.test(n))) {
    throw new MatchRefusal(['namespaceSelector'], `namespaceSelector selects namespaces by labels of the live Namespace objects, which a change set does not carry (only "${NAMESPACE_NAME_LABEL} In [names]" can be judged)`);
  }
  return { namespaces: byName };
}

function labelsOf(selector: Selector | undefined): Pick<PolicyMatch, 'labels'> {
  if (!selector) return {};
  if (selector.matchExpressions?.length) throw new MatchRefusal(['objectSelector', 'matchExpressions'], 'objectSelector.matchExpressions has no Countersign equivalent yet (matchLabels does)');
  const labels = selector.matchLabels ?? {};
  for (const [k, v] of Object.entries(labels)) {
    if (v === '*') throw new MatchRefusal(['objectSelector', 'matchLabels', k], 'a label value "*" means any value in a Countersign match, not the text "*"');
  }
  return Object.keys(labels).length > 0 ? { labels } : {};
}

/** A Countersign match → VAP matchConstraints, or a refusal naming why it cannot be one. */
export function constraintsFromMatch(match: PolicyMatch): Record<string, unknown> {
  const sources = match.sources ?? [];
  const types = match.types ?? [];
  const kubernetesOnly = (sources.length === 1 && sources[0] === 'kubernetes') || (sources.length === 0 && types.length > 0 && types.every((t) => resourceOfKind(t)));
  if (!kubernetesOnly) throw new Error('it matches Terraform or image resources too (match.sources), and an admission policy sees only Kubernetes objects');
  if (match.drift !== undefined) throw new Error('match.drift has no admission equivalent');
  const operations = [...new Set((match.actions ?? ['create', 'update', 'replace', 'delete']).flatMap((a) => (a === 'create' ? ['CREATE'] : a === 'update' || a === 'replace' ? ['UPDATE'] : a === 'delete' ? ['DELETE'] : [])))];
  if (operations.length === 0) throw new Error('it matches only read/no-op actions, which are no admission requests');
  const rules = types.length === 0
    ? [{ apiGroups: ['*'], apiVersions: ['*'], operations, resources: ['*'] }]
    : types.map((t) => {
      const r = resourceOfKind(t);
      if (!r) throw new Error(`match.types "${t}" is not a built-in Kubernetes kind this build knows the resource of (glob patterns and custom kinds cannot be admission rules)`);
      return { apiGroups: [r.group], apiVersions: ['*'], operations, resources: [r.resource] };
    });
  const namespaces = match.namespaces ?? [];
  if (namespaces.some((n) => /[*?[\]{}]/.test(n))) throw new Error('match.namespaces holds glob patterns, which a namespaceSelector cannot express');
  const labels = Object.entries(match.labels ?? {});
  return {
    resourceRules: rules,
    ...(namespaces.length ? { namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: namespaces }] } } : {}),
    ...(labels.length ? {
      objectSelector: labels.some(([, v]) => v === '*')
        ? { matchExpressions: labels.map(([key, v]) => (v === '*' ? { key, operator: 'Exists' } : { key, operator: 'In', values: [v] })) }
        : { matchLabels: Object.fromEntries(labels) },
    } : {}),
  };
}
