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
import { imageUsesOf } from '../../loaders/images/image-uses';
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

function kubernetesImages(rc: ResourceChange, state: unknown): Map<string, ImageSideDto> {
  const out = new Map<string, ImageSideDto>();
  for (const c of containersOf(rc.type, state)) {
    // Containers are matched by name (what kubectl merges on); an unnamed one by its place.
    out.set(`${c.type}/${c.name === '' ? `#${c.index}` : c.name}`, imageSide(c.image));
  }
  return out;
}

/** Terraform: the image fields imageUsesOf knows (pod specs, ECS, Lambda), matched by their order. */
function terraformImages(rc: ResourceChange, side: 'before' | 'after'): Map<string, ImageSideDto> {
  const state = side === 'before' ? rc.before : rc.after;
  if (state === null || state === undefined) return new Map();
  // imageUsesOf reads `after` (or `before` of a delete); `before` has no unknowns.
  const view: ResourceChange = side === 'before' ? { ...rc, action: 'delete', after: null, unknownPaths: [] } : { ...rc, action: rc.action === 'delete' ? 'update' : rc.action };
  const uses = imageUsesOf(view);
  const label = (i: number) => (rc.type === 'aws_lambda_function' ? 'image_uri' : `container ${i + 1}`);
  return new Map(uses.map((u, i) => [label(i), u.unknownAt !== undefined ? imageSide('', 'unknown') : imageSide(u.reference)]));
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
