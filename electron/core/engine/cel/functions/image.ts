import type { Environment } from '@marcbachmann/cel-js';
import { parseImageReference } from '../../../base/image-reference';
import type { ImageReference } from '../../../model/resource-change';
import { CelFunctionError, quote } from '../function-error';

/** The CEL view of an image reference: a plain map with exactly the documented keys. */
export type ImageView = { reference: string; registry: string; repository: string; tag: string; digest: string };

export function imageView(ref: ImageReference): ImageView {
  return { reference: ref.reference, registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest };
}

/** `image(ref)`: registry/repository/tag/digest of a reference (docker.io and library/ defaults). */
export function image(ref: string): ImageView {
  try {
    return imageView(parseImageReference(ref));
  } catch (err) {
    throw new CelFunctionError(`image: invalid image reference ${quote(ref)}: ${err instanceof Error ? (err as { reason?: string }).reason ?? err.message : String(err)}`);
  }
}

export function registerImageFunctions(env: Environment): void {
  env.registerFunction('image(string): map', image);
}
