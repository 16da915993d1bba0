/**
 * How Kubernetes matches the items of a list between an applied manifest and the live object:
 * lists of named objects are "associative" (x-kubernetes-list-type: map) and matched by their
 * merge key (x-kubernetes-list-map-keys / patchMergeKey in the built-in API types), never by
 * position; every other list is atomic (replaced whole, compared item by item in order).
 */

export interface ListKey {
  /** Fields that together name an item. */
  readonly fields: readonly string[];
  /** Values the server fills in for a key field the manifest leaves out (a port's protocol). */
  readonly defaults: Readonly<Record<string, string | number>>;
}

const NAME: ListKey = { fields: ['name'], defaults: {} };

/**
 * Associative lists of the built-in types, by field name (the same name means the same list
 * type in every built-in kind that has it). `ports` is told apart by its items: a container's
 * ports are keyed by containerPort+protocol, a Service's by port+protocol.
 */
const BY_FIELD: ReadonlyMap<string, ListKey> = new Map([
  ['containers', NAME],
  ['initContainers', NAME],
  ['ephemeralContainers', NAME],
  ['env', NAME],
  ['volumes', NAME],
  ['imagePullSecrets', NAME],
  ['volumeMounts', { fields: ['mountPath'], defaults: {} }],
  ['volumeDevices', { fields: ['devicePath'], defaults: {} }],
  ['hostAliases', { fields: ['ip'], defaults: {} }],
  ['resizePolicy', { fields: ['resourceName'], defaults: {} }],
  ['topologySpreadConstraints', { fields: ['topologyKey', 'whenUnsatisfiable'], defaults: {} }],
]);

const CONTAINER_PORTS: ListKey = { fields: ['containerPort', 'protocol'], defaults: { protocol: 'TCP' } };
const SERVICE_PORTS: ListKey = { fields: ['port', 'protocol'], defaults: { protocol: 'TCP' } };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The merge key of the list at field `field` of a built-in object, or undefined for an atomic
 * list (and for every list of a custom resource, whose schema we do not have: compared in order).
 */
export function listKeyOf(field: string | number | undefined, approvedItems: readonly unknown[], builtIn: boolean): ListKey | undefined {
  if (!builtIn || typeof field !== 'string') return undefined;
  if (field === 'ports') {
    if (approvedItems.every((i) => isObject(i) && Object.hasOwn(i, 'containerPort'))) return CONTAINER_PORTS;
    if (approvedItems.every((i) => isObject(i) && Object.hasOwn(i, 'port'))) return SERVICE_PORTS;
    return undefined;
  }
  return BY_FIELD.get(field);
}

/**
 * The identity of one item under `key` as canonical JSON ({"containerPort":80,"protocol":"TCP"},
 * fields in key order), or undefined when the item lacks a key field or holds one that is not
 * a string or number (then the list is compared in order).
 */
export function itemIdentity(item: unknown, key: ListKey): string | undefined {
  if (!isObject(item)) return undefined;
  const parts: [string, string | number][] = [];
  for (const field of key.fields) {
    const value = Object.hasOwn(item, field) && item[field] !== null ? item[field] : key.defaults[field];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    parts.push([field, value]);
  }
  return JSON.stringify(Object.fromEntries(parts));
}

/** The path step naming an item: `name=web`, `containerPort=80,protocol=TCP`. */
export function itemStep(identity: string): string {
  const fields = JSON.parse(identity) as Record<string, string | number>;
  return Object.entries(fields).map(([k, v]) => `${k}=${String(v)}`).join(',');
}
