import { createContext, useContext } from 'react';
import type { ClientMessage, Snapshot } from '../../../contract/api.ts';
import type { Product } from '../../../contract/content.ts';
import type { KioskStore } from '../state/kiosk-store.ts';
import type { Zone } from '../../../contract/admin-settings.ts';

/** What the shopper views need from the app, without prop-drilling. */
export interface ShopperContextValue {
  mediaBase: string;
  qr: Snapshot['qr'];
  products: ReadonlyMap<string, Product>;
  send: (msg: ClientMessage) => void;
  browse: (productId: string | null) => void;
  addToCart: (productId: string) => void;
  /** The store itself, for views that place orders; null outside the app (tests of single views). */
  store: KioskStore | null;
  /** The kiosk's hall zone: campaigns and live streams scheduled for other zones are not shown. */
  zone?: Zone;
  /** The authoring preview's clock (ms since epoch): schedules are read at this instant, not the kiosk's. */
  fixedNow?: number;
}

export const ShopperContext = createContext<ShopperContextValue>({
  mediaBase: '/media/',
  qr: {},
  products: new Map(),
  send: () => undefined,
  browse: () => undefined,
  addToCart: () => undefined,
  store: null,
});

export function useShopper(): ShopperContextValue {
  return useContext(ShopperContext);
}
