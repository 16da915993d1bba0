import { SENSITIVE_MASK } from '../../model/resource-change';

type Json = Record<string, unknown>;

/** kubectl keeps the whole last-applied object, Secret values included, in this annotation. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface MaskedObject {
  readonly object: Json;
  /** Dotted paths of masked values (`data.password`, `data["tls.crt"]`). */
  readonly sensitivePaths: readonly string[];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `a.b` for identifier-like keys, `a["tls.crt"]` otherwise, so a path stays unambiguous. */
export function childPath(parent: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Secret values never leave the loader: a core/v1 Secret's `data` and `stringData` values (and
 * kubectl's last-applied annotation, which repeats them) are replaced by SENSITIVE_MASK. Keys stay
 * visible, so policies can still check which keys a Secret has. Other objects are returned as is.
 */
export function maskSecretValues(object: Json): MaskedObject {
  if (object.kind !== 'Secret' || object.apiVersion !== 'v1') return { object, sensitivePaths: [] };
  const masked: Json = { ...object };
  const paths: string[] = [];
  for (const field of ['data', 'stringData']) {
    const values = object[field];
    if (values === undefined || values === null) continue;
    if (!isObject(values)) {
      masked[field] = SENSITIVE_MASK;
      paths.push(field);
      continue;
    }
    const out: Json = {};
    for (const key of Object.keys(values)) {
      Object.defineProperty(out, key, { value: SENSITIVE_MASK, enumerable: true, writable: true, configurable: true });
      paths.push(childPath(field, key));
    }
    masked[field] = out;
  }
  const metadata = object.metadata;
  if (isObject(metadata) && isObject(metadata.annotations) && Object.hasOwn(metadata.annotations, LAST_APPLIED)) {
    masked.metadata = { ...metadata, annotations: { ...metadata.annotations, [LAST_APPLIED]: SENSITIVE_MASK } };
    paths.push(childPath('metadata.annotations', LAST_APPLIED));
  }
  return { object: masked, sensitivePaths: paths };
}
