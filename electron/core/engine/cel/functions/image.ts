import { SYNC } from './sync';
import type { Environment } from '@marcbachmann/cel-js';
import { parseImageReference } from '../../../base/image-reference';
import type { ImageReference } from '../../../model/resource-change';
import { CelFunctionError, quote } from '../function-error';

/** The CEL view of an image reference: a plain map with exactly the documented keys. */
export type ImageView = { reference: string; registry: string; repository: string; tag: string; digest: string };

export function imageView(ref: ImageReference): ImageView {
  return { reference: ref.reference, registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest };
}

// Policies, their messages and paths parse the same container image over and over (every
// failing workload: condition, message and path): parsed references are kept for reuse. The
// views are frozen, as CEL never modifies a value; a bad reference is parsed (and refused) again.
const IMAGE_CACHE_LIMIT = 1024;
const imageCache = new Map<string, Readonly<ImageView>>();

/** `image(ref)`: registry/repository/tag/digest of a reference (docker.io and library/ defaults). */
export function image(ref: string): Readonly<ImageView> {
  const hit = imageCache.get(ref);
  if (hit !== undefined) return hit;
  try {
    const view = Object.freeze(imageView(parseImageReference(ref)));
    if (imageCache.size >= IMAGE_CACHE_LIMIT) imageCache.clear();
    imageCache.set(ref, view);
    return view;
  } catch (err) {
    throw new CelFunctionError(`image: invalid image reference ${quote(ref)}: ${err instanceof Error ? (err as { reason?: string }).reason ?? err.message : String(err)}`);
  }
}

export function registerImageFunctions(env: Environment): void {
  env.registerFunction('image(string): map', image, SYNC);
}
