import { useSyncExternalStore } from 'react';
import type { RecordKind } from '../../../../contract/authoring.ts';

/** The app's screens, kept in the URL hash so reload and the back button work. */
export type Route =
  | { screen: 'overview' }
  | { screen: 'list'; kind: Exclude<RecordKind, 'product'> }
  | { screen: 'edit'; kind: RecordKind; id: string | null }
  | { screen: 'media' }
  | { screen: 'audit' };

const LISTS = new Set<string>(['producer', 'pairing', 'batch', 'campaign']);
const KINDS = new Set<string>(['product', 'producer', 'pairing', 'batch', 'campaign']);

/** `#/product/rice-5kg`, `#/batch/rice-5kg/B2024-01`, `#/campaign/new`, `#/producers`, `#/media`, `#/audit`. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  const [head, ...rest] = parts;
  if (head === undefined) return { screen: 'overview' };
  if (head === 'media' || head === 'audit') return { screen: head };
  const single = head.endsWith('s') ? head.slice(0, -1) : head;
  if (head.endsWith('s') && LISTS.has(single) && rest.length === 0) return { screen: 'list', kind: single as Exclude<RecordKind, 'product'> };
  if (KINDS.has(head) && rest.length > 0) {
    const id = rest.join('/');
    return { screen: 'edit', kind: head as RecordKind, id: id === 'new' ? null : id };
  }
  return { screen: 'overview' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/';
    case 'list':
      return `#/${route.kind}s`;
    case 'edit':
      return `#/${route.kind}/${route.id === null ? 'new' : route.id.split('/').map(encodeURIComponent).join('/')}`;
    case 'media':
    case 'audit':
      return `#/${route.screen}`;
    default: {
      const never: never = route;
      return never;
    }
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route (the hash string is the snapshot, so equal hashes never re-render). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
