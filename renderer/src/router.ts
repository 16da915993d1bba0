import { useEffect, useState } from 'react';

/** Screens, addressed by the URL hash so reloads and back/forward work in both modes. */
export type Route =
  | { readonly screen: 'inbox' }
  /** A change set, opened on one finding (`/<id>`) or one resource (`/resource/<index>`). */
  | { readonly screen: 'review'; readonly digest: string; readonly finding?: number; readonly resource?: number }
  | { readonly screen: 'keys' }
  | { readonly screen: 'audit' }
  /** A contract (by metadata.name; default: the default contract) and optionally one of its policies. */
  | { readonly screen: 'contract'; readonly contract?: string; readonly policy?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'review':
      if (parts[1] && parts[2] === 'resource') {
        const index = Number(parts[3]);
        return { screen: 'review', digest: parts[1], ...(Number.isSafeInteger(index) && index >= 0 ? { resource: index } : {}) };
      }
      if (parts[1]) return { screen: 'review', digest: parts[1], ...(parts[2] ? { finding: Number(parts[2]) } : {}) };
      return { screen: 'inbox' };
    case 'keys': return { screen: 'keys' };
    case 'audit': return { screen: 'audit' };
    case 'contract':
      return { screen: 'contract', ...(parts[1] ? { contract: parts[1] } : {}), ...(parts[1] && parts[2] ? { policy: parts[2] } : {}) };
    default: return { screen: 'inbox' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'review': {
      const at = route.finding !== undefined ? `/${route.finding}` : route.resource !== undefined ? `/resource/${route.resource}` : '';
      return `#/review/${encodeURIComponent(route.digest)}${at}`;
    }
    case 'contract': {
      if (route.contract === undefined) return '#/contract';
      const policy = route.policy !== undefined ? `/${encodeURIComponent(route.policy)}` : '';
      return `#/contract/${encodeURIComponent(route.contract)}${policy}`;
    }
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
