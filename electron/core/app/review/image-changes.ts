/**
 * Previous → new image of each container of a resource: the reference split into registry,
 * repository, tag and digest (core/base/image-reference.ts, the distribution grammar), and
 * whether it is pinned by digest. Read from the masked model: a masked or unknown image says so
 * instead of showing a value.
 */
import type { ImageChangeDto, ImageSideDto } from '../../../shared/review-types';
import type { ResourceChange } from '../../model/resource-change';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { parseImageReference } from '../../base/image-reference';
import { containersOf } from '../../base/pod-spec';
import { TERRAFORM_POD_SPEC_PATHS } from '../../loaders/images/image-uses';
import { childPath } from '../../loaders/terraform/field-paths';
import { escapeHidden } from '../../../shared/visible-text';

const EMPTY = { reference: '', registry: '', repository: '', tag: '', digest: '', pinned: false } as const;

export function imageSide(reference: string, state: 'known' | 'unknown' = 'known'): ImageSideDto {
  if (state === 'unknown') return { ...EMPTY, state };
  if (reference === SENSITIVE_MASK) return { ...EMPTY, state: 'sensitive' };
  try {
    const r = parseImageReference(reference);
    return { reference: r.reference, registry: r.registry, repository: r.repository, tag: r.tag, digest: r.digest, pinned: r.digest !== '', state: 'known' };
  } catch (e) {
    // The message quotes the reference, which comes from the masked model like every value here;
    // hidden and bidirectional characters are escaped so it cannot read as a valid one.
    return { ...EMPTY, reference: escapeHidden(reference), state: 'invalid', problem: escapeHidden(e instanceof Error ? e.message : String(e)) };
  }
}

function sameSide(a: ImageSideDto, b: ImageSideDto): boolean {
  return a.state === b.state && a.state !== 'unknown' && a.state !== 'sensitive' && a.reference === b.reference;
}

function pair(container: string, before: ImageSideDto | undefined, after: ImageSideDto | undefined): ImageChangeDto {
  if (!before) return { container, change: 'added', before: null, after: after ?? null };
  if (!after) return { container, change: 'removed', before, after: null };
  return { container, change: sameSide(before, after) ? 'unchanged' : 'changed', before, after };
}

/** Pairs two keyed lists: after's order, then what only before had. */
function pairAll(before: ReadonlyMap<string, ImageSideDto>, after: ReadonlyMap<string, ImageSideDto>): ImageChangeDto[] {
  const out = [...after].map(([k, a]) => pair(k, before.get(k), a));
  for (const [k, b] of before) if (!after.has(k)) out.push(pair(k, b, undefined));
  return out;
}

/** The key, or the key with " (2)", " (3)"… when a repeated container name has it already: no image is ever dropped. */
function uniqueKey(map: ReadonlyMap<string, unknown>, key: string): string {
  if (!map.has(key)) return key;
  let n = 2;
  while (map.has(`${key} (${n})`)) n++;
  return `${key} (${n})`;
}

function kubernetesImages(rc: ResourceChange, state: unknown): Map<string, ImageSideDto> {
  const out = new Map<string, ImageSideDto>();
  for (const c of containersOf(rc.type, state)) {
    // Containers are matched by name (what kubectl merges on); an unnamed one by its place.
    out.set(uniqueKey(out, `${c.type}/${c.name === '' ? `#${c.index}` : escapeHidden(c.name)}`), imageSide(c.image));
  }
  return out;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Dotted form of a path, as unknownPaths write it. */
function dotted(path: readonly (string | number)[]): string {
  return path.reduce<string>((p, step) => childPath(p, step), '');
}

/**
 * Terraform: the image fields image policies read (imageUsesOf: Lambda, ECS task definitions,
 * kubernetes_* pod specs), each named by its container. Unlike imageUsesOf (which feeds policies
 * only readable references), a masked or unknown image is listed as such: it never vanishes.
 */
function terraformImages(rc: ResourceChange, side: 'before' | 'after'): Map<string, ImageSideDto> {
  const state = side === 'before' ? rc.before : rc.after;
  const out = new Map<string, ImageSideDto>();
  if (!isObject(state)) return out;
  const unknown = (path: readonly (string | number)[]) => {
    if (side === 'before') return false;
    const target = dotted(path);
    return rc.unknownPaths.some((u) => u === '' || u === target || target.startsWith(`${u}.`) || target.startsWith(`${u}[`));
  };
  const add = (key: string, value: unknown, path: readonly (string | number)[]) => {
    if (unknown(path)) out.set(uniqueKey(out, key), imageSide('', 'unknown'));
    else if (typeof value === 'string' && value.trim() !== '') out.set(uniqueKey(out, key), imageSide(value));
  };
  if (rc.type === 'aws_lambda_function') {
    add('image_uri', state.image_uri, ['image_uri']);
  } else if (rc.type === 'aws_ecs_task_definition') {
    const raw = state.container_definitions;
    if (unknown(['container_definitions']) || raw === SENSITIVE_MASK) return (add('container_definitions', raw, ['container_definitions']), out);
    let definitions: unknown;
    try {
      definitions = typeof raw === 'string' ? JSON.parse(raw) : undefined;
    } catch {
      return out; // not JSON: the policies see the raw string, the diff shows it
    }
    if (Array.isArray(definitions)) {
      definitions.forEach((d, i) => {
        if (isObject(d)) add(`container_definitions/${typeof d.name === 'string' && d.name !== '' ? d.name : `#${i}`}`, d.image, ['container_definitions']);
      });
    }
  } else if (Object.hasOwn(TERRAFORM_POD_SPEC_PATHS, rc.type)) {
    const specPath = TERRAFORM_POD_SPEC_PATHS[rc.type]!;
    let spec: unknown = state;
    for (const step of specPath) spec = typeof step === 'number' ? (Array.isArray(spec) ? spec[step] : undefined) : isObject(spec) ? spec[step] : undefined;
    if (!isObject(spec)) return out;
    for (const block of ['container', 'init_container']) {
      const list = spec[block];
      if (!Array.isArray(list)) continue;
      list.forEach((c, i) => {
        if (!isObject(c)) return;
        add(`${block}/${typeof c.name === 'string' && c.name !== '' ? c.name : `#${i}`}`, c.image, [...specPath, block, i, 'image']);
      });
    }
  }
  return out;
}

/** The image changes of one resource; [] when it names no image. Never throws. */
export function imageChanges(rc: ResourceChange): ImageChangeDto[] {
  try {
    if (rc.source === 'image') {
      // An image of the change set itself: new when the change set brings it, else unchanged.
      const side = imageSide(rc.image?.reference ?? rc.address);
      if (rc.action === 'create') return [{ container: 'image', change: 'added', before: null, after: side }];
      if (rc.action === 'delete') return [{ container: 'image', change: 'removed', before: side, after: null }];
      return [{ container: 'image', change: 'unchanged', before: side, after: side }];
    }
    if (rc.source === 'kubernetes') return pairAll(kubernetesImages(rc, rc.before), kubernetesImages(rc, rc.after));
    return pairAll(terraformImages(rc, 'before'), terraformImages(rc, 'after'));
  } catch {
    return [];
  }
}
