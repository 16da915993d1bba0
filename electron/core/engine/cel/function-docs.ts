/**
 * Editor docs (hover, completion) for the domain functions the policy environment registers
 * and for the CEL variables. `registered` lists each function's overloads exactly as the
 * registry spells them; function-docs.test.ts checks them against the registry both ways, so
 * a new function without a doc (or a doc of a removed one) fails the build.
 */
import type { CelFunctionDoc, CelVariableDoc } from '../../base/policy-builder/catalog-types';

export interface DomainFunctionDoc extends CelFunctionDoc {
  /** The overloads as policyEnvironment's registry lists them (`matches` is registered as its RE2 twin). */
  readonly registered: readonly string[];
}

export const DOMAIN_FUNCTION_DOCS: readonly DomainFunctionDoc[] = [
  {
    name: 'matches',
    signatures: ['s.matches(re: string) → bool', 'matches(s: string, re: string) → bool'],
    summary: 'True when the regular expression finds a match anywhere in s (anchor it with ^ and $ for a whole-string match). Patterns use RE2 syntax and run in linear time; a pattern RE2 rejects (backreferences, lookarounds) is refused when the policy is loaded if it is a literal, and is an error finding at run time if it comes from a parameter.',
    example: 'resource.name.matches("^web-[a-z0-9]+$")',
    receiverStyle: true,
    registered: ['matchRE(string, string): bool', 'string.matchRE(string): bool'],
  },
  {
    name: 'lookup',
    signatures: ['lookup(obj: dyn, path: string, default: dyn) → dyn', 'lookup(obj: dyn, path: list, default: dyn) → dyn'],
    summary: 'Safe deep get: follows the path into maps and lists and returns default when any step is missing or null, instead of an error. A string path uses dots and brackets (`spec.ports[0].port`, `metadata.labels["app.kubernetes.io/name"]`); a list path gives each key or index (`["metadata", "labels", k]`). A value known only after apply makes the result unknown, never the default.',
    example: 'lookup(object, "spec.replicas", 1) >= 2',
    receiverStyle: false,
    registered: ['lookup(dyn, string, dyn): dyn', 'lookup(dyn, list<dyn>, dyn): dyn'],
  },
  {
    name: 'asList',
    signatures: ['asList(x: dyn) → list'],
    summary: 'x itself when it is a list, an empty list when it is null, otherwise a one-item list [x]: for fields that may hold one value or many (IAM statements, Terraform blocks).',
    example: 'asList(lookup(object, "ingress", [])).all(r, r.from_port != 22)',
    receiverStyle: false,
    registered: ['asList(dyn): list<dyn>'],
  },
  {
    name: 'parseJSON',
    signatures: ['parseJSON(s: string) → dyn'],
    summary: 'Decodes a JSON document held in a string, as Terraform keeps IAM policy documents. Invalid JSON is an error finding (fail closed).',
    example: 'asList(lookup(parseJSON(object.policy), "Statement", [])).all(s, s.Effect != "Allow" || s.Action != "*")',
    receiverStyle: false,
    registered: ['parseJSON(string): dyn'],
  },
  {
    name: 'isPublicCIDR',
    signatures: ['isPublicCIDR(cidr: string) → bool'],
    summary: 'True when the address range includes any publicly routable address (0.0.0.0/0, ::/0, 8.8.8.0/24…); private, loopback and link-local ranges are not public. IPv4 and IPv6; an invalid range is an error.',
    example: '!asList(lookup(object, "cidr_blocks", [])).exists(c, isPublicCIDR(c))',
    receiverStyle: false,
    registered: ['isPublicCIDR(string): bool'],
  },
  {
    name: 'isAnyCIDR',
    signatures: ['isAnyCIDR(cidr: string) → bool'],
    summary: 'True exactly for 0.0.0.0/0 or ::/0: a rule open to the whole internet.',
    example: '!asList(lookup(object, "cidr_blocks", [])).exists(c, isAnyCIDR(c))',
    receiverStyle: false,
    registered: ['isAnyCIDR(string): bool'],
  },
  {
    name: 'cidrContains',
    signatures: ['cidrContains(cidr: string, ipOrCidr: string) → bool'],
    summary: 'True when the second address or range lies wholly inside the first (IPv4 and IPv6; different families never contain each other). Invalid input is an error.',
    example: 'cidrContains("10.0.0.0/8", lookup(object, "cidr_block", ""))',
    receiverStyle: false,
    registered: ['cidrContains(string, string): bool'],
  },
  {
    name: 'image',
    signatures: ['image(ref: string) → {reference, registry, repository, tag, digest}'],
    summary: 'Splits a container image reference into its parts, with Docker\'s defaults: no registry means docker.io, a one-part name gets library/, a registry port is not a tag. tag and digest are "" when absent. An invalid reference is an error.',
    example: 'resource.containers.all(c, image(c.image).registry == "ghcr.io")',
    receiverStyle: false,
    registered: ['image(string): map<dyn, dyn>'],
  },
  {
    name: 'glob',
    signatures: ['glob(pattern: string, s: string) → bool'],
    summary: 'True when s matches the glob pattern as a whole: * any run of characters except /, ** any run across / (only as a whole segment: a/**/b, a/**), ? one character, [abc] / [!abc] a class, {a,b} alternatives. Runs in linear time; a malformed pattern is an error.',
    example: 'glob("team-*", resource.namespace)',
    receiverStyle: false,
    registered: ['glob(string, string): bool'],
  },
  {
    name: 'globAny',
    signatures: ['globAny(patterns: list<string>, s: string) → bool'],
    summary: 'True when s matches any of the glob patterns (same syntax as glob). An empty list matches nothing; a pattern that is not a string is an error.',
    example: 'globAny(params.namespaces, resource.namespace)',
    receiverStyle: false,
    registered: ['globAny(list<dyn>, string): bool'],
  },
  {
    name: 'inWindow',
    signatures: ['inWindow(t: timestamp, windows: list) → bool'],
    summary: 'True when t falls inside any maintenance window {days: [Mon..Sun], start: "HH:MM", end: "HH:MM", timezone: "Europe/Paris"}, read on that zone\'s wall clock. days are the days a window starts on (omitted = every day), end is exclusive, end < start crosses midnight, start == end is a whole day, timezone defaults to UTC. A malformed window is an error.',
    example: 'inWindow(now, params.windows)',
    receiverStyle: false,
    registered: ['inWindow(google.protobuf.Timestamp, dyn): bool'],
  },
  {
    name: 'daysUntil',
    signatures: ['daysUntil(when: string, now: timestamp) → int', 'daysUntil(when: timestamp, now: timestamp) → int'],
    summary: 'Whole days from now until when (an ISO date or date-time, or a timestamp), rounded down: anything already past is negative. An unparseable string is an error.',
    example: 'daysUntil(lookup(resource.annotations, ["countersign.dev/expires"], ""), now) <= params.maxDays',
    receiverStyle: false,
    registered: ['daysUntil(string, google.protobuf.Timestamp): int', 'daysUntil(google.protobuf.Timestamp, google.protobuf.Timestamp): int'],
  },
];

const RESOURCE_FIELDS: CelVariableDoc['fields'] = [
  { name: 'source', type: 'string', summary: 'terraform, kubernetes or image' },
  { name: 'address', type: 'string', summary: 'Terraform address, Kubernetes Kind/namespace/name, or the image reference' },
  { name: 'type', type: 'string', summary: 'Terraform resource type, Kubernetes kind, or "image"' },
  { name: 'name', type: 'string', summary: 'the resource\'s name' },
  { name: 'namespace', type: 'string', summary: 'Kubernetes namespace ("" for cluster-scoped kinds and other sources)' },
  { name: 'apiVersion', type: 'string', summary: 'Kubernetes apiVersion' },
  { name: 'action', type: 'string', summary: 'create, update, delete, replace, read or no-op' },
  { name: 'actions', type: 'list<string>', summary: 'Terraform\'s raw action list' },
  { name: 'mode', type: 'string', summary: 'Terraform mode (managed or data)' },
  { name: 'drift', type: 'bool', summary: 'true for a change Terraform found outside its plan (resource_drift)' },
  { name: 'component', type: 'string', summary: 'the bundle component the resource comes from' },
  { name: 'module', type: 'string', summary: 'Terraform module address' },
  { name: 'actionReason', type: 'string', summary: 'Terraform\'s action_reason' },
  { name: 'unknown', type: 'list<string>', summary: 'paths whose values are known only after apply (each is an unknown value in object)' },
  { name: 'sensitive', type: 'list<string>', summary: 'paths masked as "(sensitive value)"' },
  { name: 'labels', type: 'map', summary: 'Kubernetes metadata.labels; Terraform tags_all or tags; {} otherwise' },
  { name: 'annotations', type: 'map', summary: 'Kubernetes metadata.annotations; {} otherwise' },
  { name: 'image', type: 'map', summary: 'images: {reference, registry, repository, tag, digest}; null otherwise' },
  { name: 'usedBy', type: 'list<string>', summary: 'images: addresses of the workloads using it' },
  { name: 'referencedBy', type: 'list<map>', summary: 'Terraform: {address, type, attribute} of each resource of the plan whose configuration refers to this one (resolved to this one instance); a referrer that may point here but cannot be resolved is an entry whose fields are unknown, hinted with its values (r.type == its type is unknown, == another type false), so exists() is unknown, never false, while one may exist' },
  { name: 'planTypes', type: 'list<string>', summary: 'Terraform: the types of the managed resources the plan keeps or creates (not deleted), sorted' },
  { name: 'clusterScoped', type: 'bool', summary: 'a Kubernetes cluster-scoped kind' },
  { name: 'podSpec', type: 'map', summary: 'the pod spec of a Pod/Deployment/StatefulSet/DaemonSet/ReplicaSet/Job/CronJob/ReplicationController after the change; null otherwise' },
  { name: 'containers', type: 'list<map>', summary: 'every container of the pod spec: {type, index, name, image, spec, path} (init and ephemeral containers too)' },
];

const CHANGESET_FIELDS: CelVariableDoc['fields'] = ['digest', 'vendor', 'app', 'install', 'release', 'previousRelease', 'createdAt', 'plannedApplyAt', 'description']
  .map((name) => ({ name, type: 'string', summary: name === 'digest' ? 'the change set digest' : `the change set's ${name} ("" when not given)` }));

export const CEL_VARIABLE_DOCS: readonly CelVariableDoc[] = [
  { name: 'resource', type: 'map', summary: 'The resource change being judged (the same view for every source).', fields: RESOURCE_FIELDS },
  { name: 'object', type: 'dyn', summary: 'The resource after the change (null for a delete). Secret values read "(sensitive value)"; values known only after apply are unknown.', fields: [] },
  { name: 'oldObject', type: 'dyn', summary: 'The resource before the change (null for a create). Masked like object.', fields: [] },
  { name: 'params', type: 'map', summary: 'The policy\'s parameters: its defaults with the contract\'s values on top.', fields: [] },
  { name: 'changeset', type: 'map', summary: 'The change set\'s metadata.', fields: CHANGESET_FIELDS },
  { name: 'now', type: 'timestamp', summary: 'The evaluation time: --at, else the change set\'s plannedApplyAt, else the clock.', fields: [] },
];

/** The docs as the editor receives them (without the registry cross-check list). */
export function functionDocs(): CelFunctionDoc[] {
  return DOMAIN_FUNCTION_DOCS.map(({ registered: _registered, ...doc }) => doc);
}
