import { useEffect, useState } from 'react';

/** Screens, addressed by the URL hash so reloads and back/forward work in both modes. */
export type Route =
  | { readonly screen: 'inbox' }
  /**
   * A change set, opened on one finding (`/<id>`) or one resource (`/resource/<index>`), with the
   * list's search, filters and sort as a query part (`?q=…&category=drift&sort=severity`).
   */
  | { readonly screen: 'review'; readonly digest: string; readonly finding?: number; readonly resource?: number; readonly params?: Readonly<Record<string, string>> }
  | { readonly screen: 'keys' }
  | { readonly screen: 'audit' }
  /** A contract (by metadata.name; default: the default contract) and optionally one of its policies. */
  | { readonly screen: 'contract'; readonly contract?: string; readonly policy?: string }
  /** Issue 13: one release against many customers' published contracts (nothing stored). */
  | { readonly screen: 'fleet' }
  /** Issue 12: one drift report (a live snapshot of an install) with its items and acknowledgements. */
  | { readonly screen: 'drift'; readonly id: number }
  /** Issue 12: findings over time, lead time, exceptions, most-violated policies, drift, per vendor and install. */
  | { readonly screen: 'dashboard' };

/** Longest query part read from a URL (a pasted link cannot make the screen parse megabytes). */
const MAX_QUERY = 4096;

/** The query part of the hash as plain key → value (first of a repeated key; empty values dropped). */
function queryParams(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (query === '' || query.length > MAX_QUERY) return out;
  for (const [k, v] of new URLSearchParams(query)) if (v !== '' && !Object.hasOwn(out, k)) out[k] = v;
  return out;
}

export function parseRoute(hash: string): Route {
  // Path segments are URI-encoded, so the first literal '?' starts the query part.
  const bare = hash.replace(/^#\/?/, '');
  const q = bare.indexOf('?');
  const path = q === -1 ? bare : bare.slice(0, q);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'review': {
      const params = queryParams(q === -1 ? '' : bare.slice(q + 1));
      const withParams = Object.keys(params).length > 0 ? { params } : {};
      if (parts[1] && parts[2] === 'resource') {
        const index = Number(parts[3]);
        return { screen: 'review', digest: parts[1], ...(Number.isSafeInteger(index) && index >= 0 ? { resource: index } : {}), ...withParams };
      }
      if (parts[1]) return { screen: 'review', digest: parts[1], ...(parts[2] ? { finding: Number(parts[2]) } : {}), ...withParams };
      return { screen: 'inbox' };
    }
    case 'keys': return { screen: 'keys' };
    case 'audit': return { screen: 'audit' };
    case 'fleet': return { screen: 'fleet' };
    case 'drift': {
      const id = Number(parts[1]);
      return Number.isSafeInteger(id) && id >= 1 ? { screen: 'drift', id } : { screen: 'inbox' };
    }
    case 'dashboard': return { screen: 'dashboard' };
    case 'contract':
      return { screen: 'contract', ...(parts[1] ? { contract: parts[1] } : {}), ...(parts[1] && parts[2] ? { policy: parts[2] } : {}) };
    default: return { screen: 'inbox' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'review': {
      const at = route.finding !== undefined ? `/${route.finding}` : route.resource !== undefined ? `/resource/${route.resource}` : '';
      const query = new URLSearchParams(Object.entries(route.params ?? {}).filter(([, v]) => v !== '')).toString();
      return `#/review/${encodeURIComponent(route.digest)}${at}${query === '' ? '' : `?${query}`}`;
    }
    case 'contract': {
      if (route.contract === undefined) return '#/contract';
      const policy = route.policy !== undefined ? `/${encodeURIComponent(route.policy)}` : '';
      return `#/contract/${encodeURIComponent(route.contract)}${policy}`;
    }
    case 'drift': return `#/drift/${route.id}`;
    default: return `#/${route.screen}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
