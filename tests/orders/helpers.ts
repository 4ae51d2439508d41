import { randomUUID } from 'node:crypto';
import type { RunningPlatform } from '../../platform/server.ts';
import { enrol } from '../sync/helpers.ts';
import { kioskApi, type KioskApi } from './order-client.ts';

export * from './order-client.ts';

/** A newly enrolled kiosk's order API client. */
export async function enrolKioskApi(p: RunningPlatform): Promise<KioskApi> {
  return kioskApi(p.url, await enrol(p.url, randomUUID()));
}
