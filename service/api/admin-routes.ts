import { EnrolRequestSchema, InstallFromPathSchema } from '../../contract/admin-settings.ts';
import type { ContentAdmin } from '../admin/content-admin.ts';
import type { KioskSettings } from '../admin/kiosk-settings.ts';
import type { PlatformLink } from '../platform-link.ts';
import type { StaffService } from '../staff/staff-service.ts';
import type { ApiServer } from './server.ts';
import { actorOf, parseBody, refuse } from './staff-routes.ts';

export interface AdminRouteDeps {
  settings: KioskSettings;
  content: ContentAdmin;
  link: PlatformLink;
  staff: StaffService;
  /** Settings the screen shows changed: send a fresh snapshot. */
  resync: () => void;
}

/** Kiosk administration (admin role): settings, enrolment, packages from a file, rollback (docs/kiosk-admin.md). */
export function registerAdminRoutes(app: ApiServer, deps: AdminRouteDeps): void {
  app.get('/api/admin/settings', (_req, reply) => reply.header('cache-control', 'no-store').send(deps.settings.view()));

  app.put('/api/admin/settings', (req, reply) => {
    const before = deps.settings.values();
    const r = deps.settings.update(req.body);
    if (!r.ok) return refuse(reply, r.status, r.error, r.message);
    const actor = actorOf(deps.staff, req);
    const after = r.value.values;
    if (r.changed.includes('staffIdleMs')) deps.staff.setIdleSignOutMs(actor, after.staffIdleMs);
    deps.staff.record(actor, 'settings.change', null, Object.fromEntries(r.changed.map((k) => [k, before[k]])), Object.fromEntries(r.changed.map((k) => [k, after[k]])));
    deps.resync();
    return reply.send(r.value);
  });

  app.post('/api/admin/enrol', async (req, reply) => {
    const body = parseBody(EnrolRequestSchema, req, reply);
    if (!body) return reply;
    const url = deps.settings.values().platformUrl;
    if (url === '') return refuse(reply, 409, 'no-platform', 'set the platform URL first');
    const r = await deps.link.enrol(url, body.code);
    deps.staff.record(actorOf(deps.staff, req), 'platform.enrol', url, null, r.ok ? { kioskId: r.kioskId } : { refused: r.error.code });
    if (!r.ok) return refuse(reply, 422, r.error.code, r.error.message);
    const restart = deps.settings.platformUrlAtStart() !== url;
    return reply.send({ kioskId: r.kioskId, restartNeeded: restart });
  });

  app.get('/api/admin/content', (_req, reply) => reply.header('cache-control', 'no-store').send(deps.content.view()));
  app.get('/api/admin/content/install', (_req, reply) => reply.header('cache-control', 'no-store').send(deps.content.status()));

  app.post('/api/admin/content/install', (req, reply) => {
    const body = parseBody(InstallFromPathSchema, req, reply);
    if (!body) return reply;
    const r = deps.content.startInstall(body.path);
    deps.staff.record(actorOf(deps.staff, req), 'content.install-from-file', body.path, null, r.ok ? { started: true } : { refused: r.error });
    return r.ok ? reply.code(202).send(r.value) : refuse(reply, r.status, r.error, r.message);
  });

  app.post('/api/admin/content/rollback', async (req, reply) => {
    const before = deps.content.view().active;
    const r = await deps.content.rollback();
    deps.staff.record(actorOf(deps.staff, req), 'content.rollback', null, { active: before }, r.ok ? { active: r.value.active } : { refused: r.error });
    return r.ok ? reply.send(r.value) : refuse(reply, r.status, r.error, r.message);
  });
}
