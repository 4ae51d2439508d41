import type { ApiServer } from './server.ts';
import type { PlatformLink } from '../platform-link.ts';
import type { Audit } from './staff-routes.ts';

/** Sync ledger routes: what is unsent, since when, what was rejected; export of the unsent ledger. */
export function registerSyncRoutes(app: ApiServer, link: PlatformLink, audit?: Audit): void {
  app.get('/api/sync/status', (_req, reply) => reply.header('cache-control', 'no-store').send(link.status()));
  app.post('/api/sync/export-unsent', (req, reply) => {
    const file = link.exportUnsent();
    audit?.(req, 'ledger.export', null, null, { file });
    return reply.send({ file });
  });
}
