import type { ImageReference, ResourceAction, ResourceChange } from '../../model/resource-change';
import { parseImageReference } from './image-reference';
import { imageUsesOf } from './image-uses';
import type { ImageUse } from './image-uses';

/**
 * One image ResourceChange per distinct reference (as written) used by the given resources:
 * Kubernetes pod-bearing objects, ECS task definitions, Lambda container functions and Terraform
 * kubernetes-provider workloads. `usedBy` lists the users; `location` is where the first user
 * writes the reference. Unknown-until-apply and masked values are skipped.
 */
export function extractImages(resources: readonly ResourceChange[]): ResourceChange[] {
  const byReference = new Map<string, ImageUse[]>();
  for (const rc of resources) {
    for (const use of imageUsesOf(rc)) {
      const list = byReference.get(use.reference);
      if (list) list.push(use);
      else byReference.set(use.reference, [use]);
    }
  }
  const images: ResourceChange[] = [];
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
