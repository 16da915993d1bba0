import type { FieldPath, ResourceChange, SourceLocation } from '../../model/resource-change';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { containersOf, isPodBearingKind } from '../../base/pod-spec';

/** One place where a resource names a container image. */
export interface ImageUse {
  /** The reference as written; '' when it is known only after apply (`unknownAt` says where). */
  readonly reference: string;
  /** Set when the image is known only after apply: the dotted path of the unknown field. */
  readonly unknownAt?: string;
  readonly user: ResourceChange;
  readonly location: SourceLocation;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Terraform kubernetes provider workloads: where the pod spec block sits. The provider models
 * every nested block as a list, so each step into a block is `[0]`.
 */
export const TERRAFORM_POD_SPEC_PATHS: Readonly<Record<string, FieldPath>> = (() => {
  const template: FieldPath = ['spec', 0, 'template', 0, 'spec', 0];
  const paths: Record<string, FieldPath> = {};
  for (const base of ['deployment', 'stateful_set', 'daemon_set', 'job', 'replication_controller']) {
    paths[`kubernetes_${base}`] = template;
    paths[`kubernetes_${base}_v1`] = template;
  }
  paths.kubernetes_daemonset = template; // the pre-v1 name is spelled without the underscore
  paths.kubernetes_pod = ['spec', 0];
  paths.kubernetes_pod_v1 = ['spec', 0];
  const cron: FieldPath = ['spec', 0, 'job_template', 0, 'spec', 0, 'template', 0, 'spec', 0];
  paths.kubernetes_cron_job = cron;
  paths.kubernetes_cron_job_v1 = cron;
  return paths;
})();

/** `spec[0].container[1].image`, the dotted form of unknownPaths. */
function dotted(path: FieldPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function isUnknown(rc: ResourceChange, path: FieldPath): boolean {
  const target = dotted(path);
  return rc.unknownPaths.some((u) => u === target || target.startsWith(`${u}.`) || target.startsWith(`${u}[`));
}

function get(value: unknown, path: FieldPath): unknown {
  let cur = value;
  for (const step of path) {
    if (typeof step === 'number') cur = Array.isArray(cur) ? cur[step] : undefined;
    else cur = isObject(cur) ? cur[step] : undefined;
  }
  return cur;
}

function isImage(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '' && v !== SENSITIVE_MASK;
}

/** The state that says which images a resource uses: after the change, or before a delete. */
function stateOf(rc: ResourceChange): unknown {
  return rc.action === 'delete' ? rc.before : rc.after;
}

function locate(rc: ResourceChange, path: FieldPath): SourceLocation {
  return rc.locate?.(path) ?? rc.location;
}

/**
 * An image known only after apply is still a use: its policies must see it (as unknown), never
 * skip it, or an ECS/Lambda image computed at apply time would pass every image rule silently.
 */
function addUse(uses: ImageUse[], rc: ResourceChange, reference: unknown, path: FieldPath): void {
  if (isUnknown(rc, path)) uses.push({ reference: '', unknownAt: dotted(path), user: rc, location: locate(rc, path) });
  else if (isImage(reference)) uses.push({ reference, user: rc, location: locate(rc, path) });
}

/** Every image reference a resource names (Kubernetes: in file order). */
export function imageUsesOf(rc: ResourceChange): ImageUse[] {
  const state = stateOf(rc);
  if (!isObject(state)) return [];
  const uses: ImageUse[] = [];

  if (rc.source === 'kubernetes') {
    if (!isPodBearingKind(rc.type)) return [];
    for (const c of containersOf(rc.type, state)) addUse(uses, rc, c.image, [...c.path, 'image']);
    // File order, so an init container written above the containers comes first.
    return uses.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
  }
  if (rc.source !== 'terraform') return [];

  if (rc.type === 'aws_lambda_function') {
    addUse(uses, rc, state.image_uri, ['image_uri']);
  } else if (rc.type === 'aws_ecs_task_definition') {
    const raw = state.container_definitions;
    if (isUnknown(rc, ['container_definitions'])) {
      addUse(uses, rc, undefined, ['container_definitions']);
      return uses;
    }
    if (typeof raw !== 'string') return [];
    let definitions: unknown;
    try {
      definitions = JSON.parse(raw);
    } catch {
      return []; // not our file to judge; the policies see the raw string
    }
    if (Array.isArray(definitions)) {
      definitions.forEach((d) => addUse(uses, rc, isObject(d) ? d.image : undefined, ['container_definitions']));
    }
  } else {
    // Own entries only: the vendor names the type, and "constructor" is on every object's prototype.
    const specPath = Object.hasOwn(TERRAFORM_POD_SPEC_PATHS, rc.type) ? TERRAFORM_POD_SPEC_PATHS[rc.type] : undefined;
    if (!specPath) return [];
    const podSpec = get(state, specPath);
    if (!isObject(podSpec)) return [];
    for (const block of ['container', 'init_container']) {
      const list = podSpec[block];
      if (!Array.isArray(list)) continue;
      list.forEach((c, i) => {
        const path = [...specPath, block, i, 'image'];
        addUse(uses, rc, isObject(c) ? c.image : undefined, path);
      });
    }
  }
  return uses;
}
