import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { parseRouteTable } from './route-table.ts';

describe('route table from fastify', () => {
  it('reads every method and full path back from printRoutes, shared prefixes included', async () => {
    const app = Fastify();
    const ok = () => Promise.resolve(1);
    app.get('/a', ok);
    app.post('/api/session', ok);
    app.get('/api/session', ok);
    app.get('/media/:sha', ok);
    app.post('/api/hardware/boards/:id/confirm', ok);
    app.put('/api/hardware/boards', ok);
    app.get('/*', ok);
    await app.ready();
    const routes = parseRouteTable(app.printRoutes({ commonPrefix: false })).filter((r) => r.method !== 'HEAD');
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      ['GET /a', 'POST /api/session', 'GET /api/session', 'GET /media/:sha', 'POST /api/hardware/boards/:id/confirm', 'PUT /api/hardware/boards', 'GET /*'].sort(),
    );
    await app.close();
  });
});
