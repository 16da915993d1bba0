import type { ImageReference, ResourceAction, ResourceChange } from '../../model/resource-change';
import { parseImageReference } from '../../base/image-reference';
import { imageUsesOf } from './image-uses';
import type { ImageUse } from './image-uses';

/**
 * One image ResourceChange per distinct reference (as written) used by the given resources:
 * Kubernetes pod-bearing objects, ECS task definitions, Lambda container functions and Terraform
 * kubernetes-provider workloads. `usedBy` lists the users; `location` is where the first user
 * writes the reference. Masked values are skipped. An image known only after apply becomes its
 * own entry per use, whose `image` is unknown: image policies then decide `unknown` (needs
 * approval), never a silent pass.
 */
export function extractImages(resources: readonly ResourceChange[]): ResourceChange[] {
  const byReference = new Map<string, ImageUse[]>();
  const unknown: ImageUse[] = [];
  for (const rc of resources) {
    for (const use of imageUsesOf(rc)) {
      if (use.unknownAt !== undefined) {
        unknown.push(use);
        continue;
      }
      const list = byReference.get(use.reference);
      if (list) list.push(use);
      else byReference.set(use.reference, [use]);
    }
  }
  const images: ResourceChange[] = unknown.map((use) => imageChange({
    // An image known only after apply: `resource.image` (and `object.image`) are unknown.
    address: `(known after apply) ${use.user.address}.${use.unknownAt}`, name: `image of ${use.user.address}`,
    image: NO_IMAGE, unknown: true, uses: [use],
  }));
  for (const [reference, uses] of byReference) {
    let image: ImageReference;
    try {
      image = parseImageReference(reference);
    } catch {
      // Kept, with empty parts: a registry allow-list then fails closed instead of never seeing it.
      image = { ...NO_IMAGE, reference };
    }
    images.push(imageChange({ address: reference, name: image.repository || reference, image, unknown: false, uses }));
  }
  return images;
}

const NO_IMAGE: ImageReference = { reference: '', registry: '', repository: '', tag: '', digest: '' };

/** The image entry for one reference (or one unknown use), located where its first user writes it. */
function imageChange(e: { address: string; name: string; image: ImageReference; unknown: boolean; uses: readonly ImageUse[] }): ResourceChange {
  const first = e.uses[0]!;
  const users = e.uses.map((u) => u.user);
  const action = combinedAction(users);
  const value = e.unknown ? {} : e.image;
  const change: ResourceChange = {
    source: 'image',
    address: e.address,
    type: 'image',
    name: e.name,
    namespace: '',
    clusterScoped: false,
    apiVersion: '',
    action,
    actions: [action],
    mode: 'managed',
    before: action === 'create' || e.unknown ? null : value,
    after: action === 'delete' ? null : value,
    unknownPaths: e.unknown ? ['image'] : [],
    sensitivePaths: [],
    drift: users.every((u) => u.drift),
    location: first.location,
    component: first.user.component,
    module: '',
    actionReason: '',
    image: e.image,
    usedBy: [...new Set(users.map((u) => u.address))],
  };
  Object.defineProperty(change, 'locate', { value: () => first.location, enumerable: false });
  return change;
}

/** create when any user is created/updated/replaced; delete when every user is deleted; else no-op. */
function combinedAction(users: readonly ResourceChange[]): ResourceAction {
  if (users.some((u) => u.action === 'create' || u.action === 'update' || u.action === 'replace')) return 'create';
  if (users.every((u) => u.action === 'delete')) return 'delete';
  return 'no-op';
}

