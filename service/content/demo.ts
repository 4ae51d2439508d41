import path from 'node:path';
import fs from 'node:fs/promises';
import { buildDemoPackage } from '../../content/build-demo.ts';
import type { SlotStore } from '../../db/slots.ts';
import type { Catalogue } from './catalogue.ts';
import type { Logger } from '../log.ts';

/** Board id of the simulated shelf that ships with the demo. */
export const DEMO_BOARD_ID = 'shelf-A';
/** Channels 0–9 carry demo products; 10 and 11 are configured but empty (an unbound slot). */
export const DEMO_BOUND_CHANNELS = 10;
export const DEMO_CHANNELS = 12;

/**
 * First start with no content: install the demo catalogue through the normal loader and
 * lay out the simulated shelf, so `npm start` shows something real at once.
 */
export async function installDemoContent(deps: { catalogue: Catalogue; slots: SlotStore; dataDir: string; logger: Logger }): Promise<void> {
  const dir = path.join(deps.dataDir, 'demo-package');
  await fs.rm(dir, { recursive: true, force: true });
  await buildDemoPackage(dir);
  const result = await deps.catalogue.install(dir, { source: 'demo', activate: true });
  if (!result.ok) throw new Error(`demo content failed to install: ${result.error.code}: ${result.error.message}`);
  const products = deps.catalogue.active()?.manifest.products ?? [];
  if (deps.slots.list().length === 0) {
    deps.slots.bind(
      Array.from({ length: DEMO_CHANNELS }, (_, ch) => ({
        slotId: `A${String(ch + 1).padStart(2, '0')}`,
        boardId: DEMO_BOARD_ID,
        channel: ch,
        productId: ch < DEMO_BOUND_CHANNELS ? (products[ch]?.id ?? null) : null,
      })),
    );
  }
  deps.logger.info({ version: result.version, products: products.length }, 'demo catalogue installed');
}
