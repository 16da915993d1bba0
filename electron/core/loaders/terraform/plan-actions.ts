import type { ResourceAction } from '../../model/resource-change';

/**
 * Terraform's action lists as one normalized action, or undefined for a list this loader does
 * not know (the caller refuses the plan: an unknown action must not pass as harmless).
 *
 * - ["delete","create"] (destroy before create) and ["create","delete"] (create_before_destroy)
 *   are replacements.
 * - ["forget"] (a `removed` block with `destroy = false`, Terraform 1.7+ / OpenTofu) drops the
 *   object from Terraform's management without destroying it. For the customer it leaves the
 *   managed set, so it is reported as a delete (the raw ["forget"] stays in `actions`, so a
 *   policy can tell the two apart); ["create","forget"] likewise counts as a replacement.
 */
export function normalizeActions(actions: readonly string[]): ResourceAction | undefined {
  if (actions.length === 1) {
    switch (actions[0]) {
      case 'no-op': return 'no-op';
      case 'create': return 'create';
      case 'read': return 'read';
      case 'update': return 'update';
      case 'delete': return 'delete';
      case 'forget': return 'delete';
      default: return undefined;
    }
  }
  if (actions.length === 2) {
    const pair = `${actions[0]},${actions[1]}`;
    if (pair === 'delete,create' || pair === 'create,delete' || pair === 'create,forget') return 'replace';
  }
  return undefined;
}
