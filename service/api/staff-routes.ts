import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CreateAccountRequestSchema, FirstSetupRequestSchema, SignInRequestSchema } from '../../contract/staff.ts';
import type { Actor, StaffResult, StaffService } from '../staff/staff-service.ts';
import { SESSION_COOKIE } from './auth.ts';
import type { ApiServer } from './server.ts';

/** Error reply in the API's one shape; `extra` carries e.g. retryAfterMs. */
export function refuse(reply: FastifyReply, status: number, error: string, message: string, extra: object = {}): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error, message, ...extra });
}

/** Parses a body with its schema; on failure answers 400 with every issue and returns undefined. */
export function parseBody<T>(schema: z.ZodType<T>, req: FastifyRequest, reply: FastifyReply): T | undefined {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  void refuse(reply, 400, 'bad-request', parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
  return undefined;
}

export function sessionOf(req: FastifyRequest): string {
  return req.cookies[SESSION_COOKIE] ?? '';
}

/** The signed-in person behind a staff route (the access hook already checked the role). */
export function actorOf(staff: StaffService, req: FastifyRequest): Actor {
  const actor = staff.actor(sessionOf(req));
  if (!actor) throw new Error('staff route reached without a signed-in session');
  return actor;
}

/** Records a staff action done through a route (who: the signed-in person, or null for a page session such as /status). */
export type Audit = (req: FastifyRequest, action: string, target: string | null, before: unknown, after: unknown) => void;

export function auditWith(staff: StaffService): Audit {
  return (req, action, target, before, after) => staff.record(staff.actor(sessionOf(req)) ?? null, action, target, before, after);
}

function answer<T>(reply: FastifyReply, result: StaffResult<T>): FastifyReply | T {
  if (result.ok) return result.value;
  return refuse(reply, result.status, result.error, result.message, result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {});
}

const IdleSettingsSchema = z.object({ idleSignOutMs: z.number().int().min(30_000).max(3_600_000) });

/** PIN sign-in, first set-up, sign-out and account management (docs/local-api.md, "Roles"). */
export function registerStaffRoutes(app: ApiServer, staff: StaffService): void {
  app.get('/api/staff/state', (req, reply) => reply.header('cache-control', 'no-store').send(staff.state(sessionOf(req))));

  app.post('/api/staff/first-setup', async (req, reply) => {
    const body = parseBody(FirstSetupRequestSchema, req, reply);
    if (!body) return reply;
    return answer(reply, await staff.firstSetup(sessionOf(req), body.code, body.name, body.pin));
  });

  app.post('/api/staff/sign-in', async (req, reply) => {
    const body = parseBody(SignInRequestSchema, req, reply);
    if (!body) return reply;
    return answer(reply, await staff.signIn(sessionOf(req), body.accountId, body.pin));
  });

  app.post('/api/staff/sign-out', (req, reply) => {
    const reason = z.object({ reason: z.enum(['sign-out', 'attract']) }).safeParse(req.body ?? { reason: 'sign-out' });
    staff.signOut(sessionOf(req), reason.success ? reason.data.reason : 'sign-out');
    return reply.send({ ok: true });
  });

  app.post('/api/staff/touch', (_req, reply) => reply.send({ ok: true }));

  app.post('/api/staff/mode', (req, reply) => {
    const body = parseBody(z.object({ on: z.boolean() }), req, reply);
    if (!body) return reply;
    staff.setStaffMode(sessionOf(req), body.on);
    return reply.send({ ok: true });
  });

  app.get('/api/staff/accounts', (_req, reply) => reply.header('cache-control', 'no-store').send({ accounts: staff.listAccounts() }));

  app.post('/api/staff/accounts', async (req, reply) => {
    const body = parseBody(CreateAccountRequestSchema, req, reply);
    if (!body) return reply;
    return answer(reply, await staff.createAccount(actorOf(staff, req), body.name, body.role, body.pin));
  });

  app.delete<{ Params: { id: string } }>('/api/staff/accounts/:id', (req, reply) => {
    const result = staff.deleteAccount(actorOf(staff, req), req.params.id);
    return result.ok ? reply.send({ ok: true }) : answer(reply, result);
  });

  app.put('/api/staff/settings', (req, reply) => {
    const body = parseBody(IdleSettingsSchema, req, reply);
    if (!body) return reply;
    staff.setIdleSignOutMs(actorOf(staff, req), body.idleSignOutMs);
    return reply.send({ ok: true });
  });
}
