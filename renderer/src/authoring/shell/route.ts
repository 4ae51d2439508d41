import { useSyncExternalStore } from 'react';
import type { RecordKind } from '../../../../contract/authoring.ts';
import { hasUnsavedEdits } from './leave-guard.ts';

/** The app's screens, kept in the URL hash so reload and the back button work. */
export type Route =
  | { screen: 'overview' }
  | { screen: 'list'; kind: ListKind }
  | { screen: 'edit'; kind: RecordKind; id: string | null }
  | { screen: 'media' }
  | { screen: 'audit' };

type ListKind = Exclude<RecordKind, 'product'>;

/** Hash segments: a list is `#/<plural>`, an editor `#/<singular>/<id>` (`#/live-streams`, `#/live-stream/tea-0603`). */
const LIST_SEGMENTS: Record<ListKind, string> = { producer: 'producers', pairing: 'pairings', batch: 'batches', campaign: 'campaigns', liveStream: 'live-streams' };
const EDIT_SEGMENTS: Record<RecordKind, string> = { product: 'product', producer: 'producer', pairing: 'pairing', batch: 'batch', campaign: 'campaign', liveStream: 'live-stream' };
const byValue = <K extends string>(map: Record<K, string>) => new Map(Object.entries(map).map(([k, v]) => [v as string, k as K]));
const LIST_OF = byValue(LIST_SEGMENTS);
const EDIT_OF = byValue(EDIT_SEGMENTS);

/** `#/product/rice-5kg`, `#/batch/rice-5kg/B2024-01`, `#/campaign/new`, `#/producers`, `#/media`, `#/audit`. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
  const [head, ...rest] = parts;
  if (head === undefined) return { screen: 'overview' };
  if (head === 'media' || head === 'audit') return { screen: head };
  const list = LIST_OF.get(head);
  if (list !== undefined && rest.length === 0) return { screen: 'list', kind: list };
  const kind = EDIT_OF.get(head);
  if (kind !== undefined && rest.length > 0) {
    const id = rest.join('/');
    return { screen: 'edit', kind, id: id === 'new' ? null : id };
  }
  return { screen: 'overview' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/';
    case 'list':
      return `#/${LIST_SEGMENTS[route.kind]}`;
    case 'edit':
      return `#/${EDIT_SEGMENTS[route.kind]}/${route.id === null ? 'new' : route.id.split('/').map(encodeURIComponent).join('/')}`;
    case 'media':
    case 'audit':
      return `#/${route.screen}`;
    default: {
      const never: never = route;
      return never;
    }
  }
}

/**
 * The screen shown follows the hash, except while an editor holds unsaved edits (leave-guard.ts):
 * then a new hash is put back at once (`replaceState`: the address bar keeps naming the editor)
 * and waits as `pending` until the editor answers the leave dialog.
 */
interface RouterState {
  shown: string;
  pending: string | null;
}

let state: RouterState = { shown: typeof window === 'undefined' ? '' : window.location.hash, pending: null };
/** A navigation the app makes itself (after a save or delete) is never asked about. */
let trusted: string | null = null;
const listeners = new Set<() => void>();

function set(next: RouterState): void {
  state = next;
  for (const l of listeners) l();
}

function onHashChange(): void {
  const hash = window.location.hash;
  if (hash === state.shown) return;
  if (trusted === hash || !hasUnsavedEdits()) {
    trusted = null;
    set({ shown: hash, pending: null });
    return;
  }
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${state.shown === '' ? '#/' : state.shown}`);
  set({ ...state, pending: hash });
}

function subscribe(onChange: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('hashchange', onHashChange);
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) window.removeEventListener('hashchange', onHashChange);
  };
}

/** Goes to a route without asking (the app's own moves after a save or delete). */
export function navigate(route: Route): void {
  trusted = routeHref(route);
  window.location.hash = trusted;
}

/** The editor's answer to the leave dialog: leave (drop the edits) or stay. */
export function answerLeave(leave: boolean): void {
  const target = state.pending;
  set({ ...state, pending: null });
  if (leave && target !== null) {
    trusted = target;
    window.location.hash = target;
  }
}

/** The route shown, and the hash waiting for the leave dialog (null when none). */
export function useRouter(): { route: Route; pending: string | null } {
  const snapshot = useSyncExternalStore(subscribe, () => state);
  return { route: parseRoute(snapshot.shown), pending: snapshot.pending };
}
