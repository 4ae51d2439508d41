import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import type { ApiServer } from '../api/server.ts';
import { z } from 'zod';
import { BoardSetupListSchema } from '../../contract/hardware.ts';
import type { HardwareHandle } from '../shelf/hardware.ts';
import type { Logger } from '../log.ts';
import { statusPageHtml, statusPageScript } from './status-page.ts';
import type { Audit } from '../api/staff-routes.ts';

const BoardIdParam = z.string().regex(/^[A-Za-z0-9._-]{1,16}$/);

export interface HardwareRoutesDeps {
  hardware: HardwareHandle;
  dataDir: string;
  logger: Logger;
  /** Board set-up and exports are staff actions: each becomes a `staff.action` event. */
  audit?: Audit;
}

function refuse(reply: FastifyReply, status: number, error: string, message: string, extra: object = {}): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error, message, ...extra });
}

/** zod issues as "boards.1.slots.0.pin: pin 3 used twice", the form staff and set-up tools see. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): Array<{ path: string; message: string }> {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Hardware set-up and support routes. Their roles are in service/api/route-access.ts:
 * board set-up needs a supervisor; status and flight recordings need staff or the /status
 * page's own session.
 */
export function registerHardwareRoutes(app: ApiServer, deps: HardwareRoutesDeps): void {
  const { hardware } = deps;
  // Listing ports needs the OS (udevadm on Linux): when that fails the answer says so with an
  // empty list, instead of a 500 the set-up screen could not explain (found by the API fuzzer).
  app.get('/api/hardware/ports', async (_req, reply) => {
    try {
      return reply.header('cache-control', 'no-store').send({ ports: await hardware.listPorts() });
    } catch (err: unknown) {
      const message = err instanceof Error ? err.message : String(err);
      deps.logger.warn({ err: message }, 'serial port listing failed');
      return reply.header('cache-control', 'no-store').send({ ports: [], error: 'port-listing-failed', message: `serial ports could not be listed: ${message}` });
    }
  });

  app.get('/api/hardware/boards', (_req, reply) => {
    const { records, invalid } = hardware.configured();
    return reply.header('cache-control', 'no-store').send({ boards: records, invalid });
  });

  app.put('/api/hardware/boards', async (req, reply) => {
    const body = BoardSetupListSchema.safeParse(req.body);
    if (!body.success) {
      const issues = describeIssues(body.error.issues);
      deps.logger.warn({ issues: issues.slice(0, 5) }, 'board configuration refused');
      return refuse(reply, 400, 'bad-board-config', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
    }
    const before = hardware.configured().records.map((r) => r.setup);
    await hardware.saveBoards(body.data.boards);
    deps.audit?.(req, 'boards.save', null, before, body.data.boards);
    return { ok: true, boards: hardware.configured().records };
  });

  app.post<{ Params: { id: string } }>('/api/hardware/boards/:id/confirm', async (req, reply) => {
    const id = BoardIdParam.safeParse(req.params.id);
    if (!id.success) return refuse(reply, 400, 'bad-board-id', 'board id: 1–16 of A–Z a–z 0–9 . _ -');
    if (!(await hardware.confirmBoard(id.data))) return refuse(reply, 404, 'unknown-board', `no configured board ${id.data}`);
    deps.logger.info({ boardId: id.data }, 'board identity confirmed by staff');
    deps.audit?.(req, 'board.confirm', id.data, { confirmed: false }, { confirmed: true });
    return { ok: true };
  });

  app.get('/api/hardware/status', async (_req, reply) => reply.header('cache-control', 'no-store').send(hardware.status()));

  app.get<{ Querystring: { board?: string } }>('/api/support/flight-recording', async (req, reply) => {
    const id = BoardIdParam.safeParse(req.query.board);
    if (!id.success) return refuse(reply, 400, 'bad-board-id', 'give ?board=<board id>');
    const dir = path.join(deps.dataDir, 'flight-recordings');
    await fs.mkdir(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(dir, `${id.data}-${stamp}.jsonl`);
    if (!(await hardware.exportRecording(id.data, file))) return refuse(reply, 404, 'unknown-board', `no board ${id.data}`);
    // Read back and delete: the recorder is bounded (1 MiB per board), and support keeps the download, not the kiosk.
    deps.audit?.(req, 'flight-recording.export', id.data, null, null);
    const text = await fs.readFile(file);
    await fs.rm(file, { force: true });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="flight-${id.data}-${stamp}.jsonl"`)
      .type('application/x-ndjson; charset=utf-8')
      .send(text);
  });

  app.get('/status', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(statusPageHtml()));
  app.get('/status/page.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(statusPageScript));
}
