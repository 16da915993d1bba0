import type { FieldPath } from '../model/resource-change';

type Json = Record<string, unknown>;

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';
export const CONTAINER_TYPES: readonly ContainerType[] = ['containers', 'initContainers', 'ephemeralContainers'];

/** Where each pod-bearing kind keeps its pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, FieldPath>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

export function isPodBearingKind(kind: string): boolean {
  return Object.hasOwn(POD_SPEC_PATHS, kind);
}

/** Own entries only: a kind named "constructor" or "toString" is not pod-bearing. */
export function podSpecPath(kind: string): FieldPath | undefined {
  return Object.hasOwn(POD_SPEC_PATHS, kind) ? POD_SPEC_PATHS[kind] : undefined;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The pod spec of a Kubernetes object of a pod-bearing kind, or null. */
export function podSpecOf(kind: string, obj: unknown): Json | null {
  const path = podSpecPath(kind);
  if (!path) return null;
  let cur: unknown = obj;
  for (const key of path) {
    if (!isObject(cur)) return null;
    cur = cur[key as string];
  }
  return isObject(cur) ? cur : null;
}

export interface ContainerRef {
  readonly type: ContainerType;
  readonly index: number;
  readonly name: string;
  readonly image: string;
  readonly spec: Json;
  /** Field path of the container from the object root. */
  readonly path: FieldPath;
}

/** Every container, init container and ephemeral container of the object's pod spec. */
export function containersOf(kind: string, obj: unknown): ContainerRef[] {
  const spec = podSpecOf(kind, obj);
  const base = podSpecPath(kind);
  if (!spec || !base) return [];
  const out: ContainerRef[] = [];
  for (const type of CONTAINER_TYPES) {
    const list = spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((c, index) => {
      if (!isObject(c)) return;
      out.push({
        type,
        index,
        name: typeof c.name === 'string' ? c.name : '',
        image: typeof c.image === 'string' ? c.image : '',
        spec: c,
        path: [...base, type, index],
      });
    });
  }
  return out;
}
