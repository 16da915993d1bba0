import type { ImageReference, ResourceAction, ResourceChange } from '../../model/resource-change';
import { parseImageReference } from './image-reference';
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
  const images: ResourceChange[] = unknown.map(unknownImage);
  for (const [reference, uses] of byReference) {
    let image: ImageReference;
    try {
      image = parseImageReference(reference);
    } catch {
      // Kept, with empty parts: a registry allow-list then fails closed instead of never seeing it.
      image = { reference, registry: '', repository: '', tag: '', digest: '' };
    }
    const first = uses[0]!;
    const users = uses.map((u) => u.user);
    const action = combinedAction(users);
    const change: ResourceChange = {
      source: 'image',
      address: reference,
      type: 'image',
      name: image.repository || reference,
      namespace: '',
      clusterScoped: false,
      apiVersion: '',
      action,
      actions: [action],
      mode: 'managed',
      before: action === 'create' ? null : image,
      after: action === 'delete' ? null : image,
      unknownPaths: [],
      sensitivePaths: [],
      drift: users.every((u) => u.drift),
      location: first.location,
      component: first.user.component,
      module: '',
      actionReason: '',
      image,
      usedBy: [...new Set(users.map((u) => u.address))],
    };
    Object.defineProperty(change, 'locate', { value: () => first.location, enumerable: false });
    images.push(change);
  }
  return images;
}

/** create when any user is created/updated/replaced; delete when every user is deleted; else no-op. */
function combinedAction(users: readonly ResourceChange[]): ResourceAction {
  if (users.some((u) => u.action === 'create' || u.action === 'update' || u.action === 'replace')) return 'create';
  if (users.every((u) => u.action === 'delete')) return 'delete';
  return 'no-op';
}

const NO_IMAGE: ImageReference = { reference: '', registry: '', repository: '', tag: '', digest: '' };

/** The entry for one image known only after apply: `resource.image` (and `object.image`) unknown. */
function unknownImage(use: ImageUse): ResourceChange {
  const user = use.user;
  const action = combinedAction([user]);
  const change: ResourceChange = {
    source: 'image',
    address: `(known after apply) ${user.address}.${use.unknownAt}`,
    type: 'image',
    name: `image of ${user.address}`,
    namespace: '',
    clusterScoped: false,
    apiVersion: '',
    action,
    actions: [action],
    mode: 'managed',
    before: null,
    after: action === 'delete' ? null : {},
    unknownPaths: ['image'],
    sensitivePaths: [],
    drift: user.drift,
    location: use.location,
    component: user.component,
    module: '',
    actionReason: '',
    image: NO_IMAGE,
    usedBy: [user.address],
  };
  Object.defineProperty(change, 'locate', { value: () => use.location, enumerable: false });
  return change;
}
