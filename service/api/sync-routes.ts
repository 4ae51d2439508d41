import type { ApiServer } from './server.ts';
import type { PlatformLink } from '../platform-link.ts';

/** Sync ledger routes: what is unsent, since when, what was rejected; export of the unsent ledger. */
export function registerSyncRoutes(app: ApiServer, link: PlatformLink): void {
  app.get('/api/sync/status', (_req, reply) => reply.header('cache-control', 'no-store').send(link.status()));
  app.post('/api/sync/export-unsent', (_req, reply) => reply.send({ file: link.exportUnsent() }));
}
