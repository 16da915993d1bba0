import type { ResourceChange } from '../model/resource-change';

/**
 * A resource with some fields replaced, keeping the loader's non-enumerable `locate` and
 * `snippetAt` (a spread would drop them, and findings would lose their field locations).
 */
export function copyResource(rc: ResourceChange, over: Partial<Pick<ResourceChange, 'address' | 'drift'>>): ResourceChange {
  const copy = Object.create(Object.getPrototypeOf(rc) as object, Object.getOwnPropertyDescriptors(rc)) as ResourceChange;
  for (const [k, v] of Object.entries(over)) Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  return copy;
}
