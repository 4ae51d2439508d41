import { createContext, useContext } from 'react';
import type { ClientMessage, Snapshot } from '../../../contract/api.ts';
import type { Product } from '../../../contract/content.ts';
import type { Zone } from '../../../contract/admin-settings.ts';

/** What the shopper views need from the app, without prop-drilling. */
export interface ShopperContextValue {
  mediaBase: string;
  qr: Snapshot['qr'];
  products: ReadonlyMap<string, Product>;
  send: (msg: ClientMessage) => void;
  browse: (productId: string | null) => void;
  /** The kiosk's hall zone: campaigns and live streams scheduled for other zones are not shown. */
  zone?: Zone;
}

export const ShopperContext = createContext<ShopperContextValue>({
  mediaBase: '/media/',
  qr: {},
  products: new Map(),
  send: () => undefined,
  browse: () => undefined,
});

export function useShopper(): ShopperContextValue {
  return useContext(ShopperContext);
}
