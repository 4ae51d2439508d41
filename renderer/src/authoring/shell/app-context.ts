import { createContext, useContext } from 'react';
import type { AuthoringCatalogue } from '../../../../contract/authoring.ts';

export type Tone = 'ok' | 'error';

/** What every screen shares: the catalogue as last loaded, how to reload it, and the notice bar. */
export interface AppContextValue {
  catalogue: AuthoringCatalogue;
  /** Loads the catalogue again; editors restart from it unless `remount` is false (uploads, publishes). */
  reload: (opts?: { remount?: boolean }) => Promise<void>;
  notify: (text: string, tone: Tone) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside the loaded app');
  return value;
}
