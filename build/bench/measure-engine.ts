// Prints engine figures (a script, not a test): node --import tsx build/bench/measure-engine.ts
//  1. why `matches` must not use JavaScript RegExp (and globs not picomatch's RegExp),
//  2. policy×resource checks per second on a synthetic 15k-resource change set with 13 policies.
import { Environment } from '@marcbachmann/cel-js';
import picomatch from 'picomatch';
import type { Policy } from '../../electron/core/model/policy';
import type { ResourceChange } from '../../electron/core/model/resource-change';
import { compileExpression } from '../../electron/core/engine/cel/compile-expression';
import { glob } from '../../electron/core/engine/cel/functions/glob';
import { compilePolicy } from '../../electron/core/engine/compile/compile-policy';
import { evaluateChangeSet } from '../../electron/core/engine/evaluate/evaluate-changeset';
import { changeSet, kubernetesObject, policy, resourceChange } from '../../electron/core/testing/engine-fixtures';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function time<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const v = fn();
  return [v, ms(t)];
}

console.log('== Catastrophic regex: "(a+)+$" against "a"×n + "b"');
const builtin = new Environment({ unlistedVariablesAreDyn: true });
const viaRE2 = compileExpression('object.s.matches("(a+)+$")');
for (const n of [16, 20, 24, 26, 27]) {
  const s = `${'a'.repeat(n)}b`;
  const [, jsMs] = time(() => builtin.evaluate('s.matches("(a+)+$")', { s }));
  const [, re2Ms] = time(() => viaRE2.run({ resource: {}, object: { s }, oldObject: null, params: {}, changeset: {}, now: new Date() }));
  console.log(`  n=${String(n).padStart(2)}  cel-js built-in matches (JS RegExp): ${jsMs.toFixed(1).padStart(8)} ms   engine (RE2): ${re2Ms.toFixed(2)} ms`);
}
for (const n of [10_000, 100_000, 1_000_000]) {
  const s = `${'a'.repeat(n)}b`;
  const [, re2Ms] = time(() => viaRE2.run({ resource: {}, object: { s }, oldObject: null, params: {}, changeset: {}, now: new Date() }));
  console.log(`  n=${n}  engine (RE2): ${re2Ms.toFixed(1)} ms`);
}

console.log('== Catastrophic glob: "*a*a*a*a*a*a*b" against "a"×n');
for (const n of [40, 60, 70]) {
  const s = 'a'.repeat(n);
  const [, pmMs] = time(() => picomatch('*a*a*a*a*a*a*b', { dot: true })(s));
  const [, re2Ms] = time(() => glob('*a*a*a*a*a*a*b', s));
  console.log(`  n=${n}  picomatch (JS RegExp): ${pmMs.toFixed(1).padStart(8)} ms   engine glob (RE2): ${re2Ms.toFixed(2)} ms`);
}

// ---- throughput -------------------------------------------------------------------------
const RESOURCES = 15_000;
const policies: Policy[] = [
  policy({ id: 'db-no-replace', match: { sources: ['terraform'], types: ['aws_db_*'], actions: ['delete', 'replace'] }, condition: 'false', message: '{{ resource.address }} would be {{ resource.action }}d' }),
  policy({ id: 'storage-encrypted', match: { types: ['aws_db_instance', 'aws_rds_cluster'] }, condition: 'lookup(object, "storage_encrypted", false) == true' }),
  policy({ id: 's3-private', match: { types: ['aws_s3_bucket', 'aws_s3_bucket_acl'] }, condition: '!(lookup(object, "acl", "private") in ["public-read", "public-read-write"])' }),
  policy({ id: 'no-world-ingress', enforcement: 'approval', match: { types: ['aws_security_group', 'aws_security_group_rule'] }, condition: '!asList(lookup(object, "ingress", [])).exists(i, asList(lookup(i, "cidr_blocks", [])).exists(c, isAnyCIDR(c)))' }),
  policy({ id: 'required-tags', enforcement: 'advisory', match: { sources: ['terraform'], types: ['aws_*'] }, condition: 'params.tags.all(t, t in resource.labels)', parameters: { tags: { description: '', default: ['owner', 'env'] } } }),
  policy({ id: 'iam-no-wildcard', match: { types: ['aws_iam_*policy'] }, condition: '!asList(parseJSON(object.policy).Statement).exists(s, asList(s.Action).exists(a, a == "*"))' }),
  policy({ id: 'no-privileged', match: { sources: ['kubernetes'] }, condition: 'resource.containers.all(c, !lookup(c.spec, "securityContext.privileged", false))' }),
  policy({ id: 'no-host-namespaces', match: { sources: ['kubernetes'] }, condition: 'resource.podSpec == null || !(lookup(resource.podSpec, "hostNetwork", false) || lookup(resource.podSpec, "hostPID", false))' }),
  policy({ id: 'resources-limits', match: { sources: ['kubernetes'], types: ['Deployment', 'StatefulSet', 'DaemonSet'] }, condition: 'resource.containers.all(c, lookup(c.spec, "resources.limits.memory", "") != "")' }),
  policy({ id: 'image-tag-pinned', match: { sources: ['image'] }, condition: 'resource.image.digest != "" || (resource.image.tag != "" && resource.image.tag != "latest")' }),
  policy({ id: 'approved-registries', match: { sources: ['image'] }, condition: 'params.registries.exists(r, resource.image.reference.startsWith(r))', parameters: { registries: { description: '', default: ['registry.example.com/', 'ghcr.io/example/'] } } }),
  policy({ id: 'namespace-scope', match: { sources: ['kubernetes'] }, condition: 'resource.clusterScoped || resource.namespace.matches("^(team|app)-[a-z0-9-]+$")' }),
  policy({ id: 'maintenance-window', enforcement: 'approval', match: { types: ['aws_db_*', 'StatefulSet'] }, condition: 'inWindow(now, params.windows)', parameters: { windows: { description: '', default: [{ days: ['Sat', 'Sun'], start: '22:00', end: '04:00', timezone: 'Europe/Paris' }] } } }),
];

function syntheticResources(): ResourceChange[] {
  const out: ResourceChange[] = [];
  const tfTypes = ['aws_instance', 'aws_s3_bucket', 'aws_security_group', 'aws_db_instance', 'aws_iam_role_policy', 'aws_lambda_function', 'aws_route53_record', 'aws_subnet'];
  for (let i = 0; out.length < RESOURCES * 0.6; i++) {
    const type = tfTypes[i % tfTypes.length] as string;
    const after: Record<string, unknown> = { tags_all: { owner: 'team', env: 'prod' }, name: `r${i}` };
    if (type === 'aws_security_group') after.ingress = [{ cidr_blocks: [i % 7 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'], from_port: 443, to_port: 443 }];
    if (type === 'aws_iam_role_policy') after.policy = JSON.stringify({ Statement: [{ Action: ['s3:GetObject'], Resource: '*' }] });
    if (type === 'aws_db_instance') after.storage_encrypted = i % 3 !== 0;
    if (type === 'aws_s3_bucket') after.acl = 'private';
    out.push(resourceChange({ address: `module.m${i % 50}.${type}.r${i}`, type, action: i % 11 === 0 ? 'update' : i % 13 === 0 ? 'no-op' : 'create', after }));
  }
  for (let i = 0; out.length < RESOURCES * 0.93; i++) {
    const kind = ['Deployment', 'Service', 'ConfigMap', 'StatefulSet', 'Pod'][i % 5] as string;
    const container = { name: 'app', image: `ghcr.io/example/app:${i}`, resources: { limits: { memory: '1Gi' } }, securityContext: { privileged: i % 97 === 0 } };
    const body = kind === 'Service' || kind === 'ConfigMap' ? { data: { k: 'v' } }
      : kind === 'Pod' ? { spec: { containers: [container] } }
        : { spec: { template: { spec: { containers: [container], initContainers: [{ ...container, name: 'init' }] } } } };
    out.push(kubernetesObject(kind, `obj${i}`, i % 9 === 0 ? 'kube-system' : `team-${i % 20}`, { ...body, metadata: { name: `obj${i}`, labels: { app: 'x' } } }));
  }
  for (let i = 0; out.length < RESOURCES; i++) {
    const reference = i % 5 === 0 ? `nginx:${i}` : `ghcr.io/example/app:${i}`;
    const slash = reference.indexOf('/');
    out.push(resourceChange({
      source: 'image', type: 'image', address: reference, name: reference,
      image: { reference, registry: slash > 0 ? 'ghcr.io' : 'docker.io', repository: slash > 0 ? 'example/app' : 'library/nginx', tag: String(i), digest: '' },
      usedBy: [`Deployment/team-1/obj${i}`], after: null,
    }));
  }
  return out;
}

const resources = syntheticResources();
const [compiledPolicies, compileMs] = time(() => policies.map((p) => compilePolicy(p, {})));
const compiled = { contract: { name: 'measure', vendor: '', extends: [], policies, parameters: {}, approvals: { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 }, digest: '', source: 'measure' }, policies: compiledPolicies };
const cs = changeSet(resources);
const at = new Date('2026-01-10T23:30:00Z');

console.log(`== Throughput: ${resources.length} resources × ${policies.length} policies (compile: ${compileMs.toFixed(1)} ms)`);
const runs: number[] = [];
let last = evaluateChangeSet(cs, compiled, { at }); // warm-up
for (let i = 0; i < 7; i++) {
  const [e, t] = time(() => evaluateChangeSet(cs, compiled, { at }));
  last = e;
  runs.push(t);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)] as number;
const best = runs[0] as number;
const { checks, evaluations, findings, errors } = last.summary;
console.log(`  checks ${checks}, CEL evaluations ${evaluations}, findings ${findings} (errors ${errors}), verdict ${last.verdict}`);
console.log(`  evaluate: median ${median.toFixed(1)} ms, best ${best.toFixed(1)} ms over ${runs.length} runs`);
console.log(`  => ${(checks / (median / 1000) / 1e6).toFixed(2)} M checks/s (median), ${(checks / (best / 1000) / 1e6).toFixed(2)} M checks/s (best); ${(evaluations / (median / 1000) / 1e6).toFixed(2)} M CEL evaluations/s`);
