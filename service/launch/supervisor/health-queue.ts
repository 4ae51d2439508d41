import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EVENT_TYPES, type EventPayload } from '../../../contract/events.ts';

/**
 * Supervisor health events travel through files: the supervisor writes one file per event in
 * `<data>/health-queue/`, the service turns them into outbox events (`kiosk.supervisor`) at
 * start and when told over IPC. A file survives the service being the part that is down, and a
 * crash between recording and deleting at worst records an event twice (each has its own id,
 * so the platform sees a repeat, never a loss).
 */
export type SupervisorHealth = EventPayload<'kiosk.supervisor'>;

const HealthFileSchema = EVENT_TYPES['kiosk.supervisor'].payload;

export function healthQueueDir(dataDir: string): string {
  return path.join(dataDir, 'health-queue');
}

/** Queues one health event (atomic: written to a temp name, then renamed). */
export function queueHealthEvent(dataDir: string, event: SupervisorHealth): void {
  const dir = healthQueueDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `${Date.now().toString().padStart(15, '0')}-${randomBytes(4).toString('hex')}.json`;
  const tmp = path.join(dir, `.${name}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(event), { mode: 0o600 });
  fs.renameSync(tmp, path.join(dir, name));
}

/** Queued events, oldest first; unreadable files are reported and left out. */
export function readHealthQueue(dataDir: string): Array<{ file: string; event: SupervisorHealth } | { file: string; error: string }> {
  const dir = healthQueueDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      try {
        const parsed = HealthFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
        return parsed.success ? { file, event: parsed.data } : { file, error: parsed.error.issues.map((i) => i.message).join('; ') };
      } catch (err) {
        return { file, error: err instanceof Error ? err.message : String(err) };
      }
    });
}

/** Records every queued event with `record` and deletes its file; returns how many were recorded. */
export function drainHealthQueue(dataDir: string, record: (event: SupervisorHealth) => void, onBad: (file: string, error: string) => void): number {
  let n = 0;
  for (const item of readHealthQueue(dataDir)) {
    if ('error' in item) {
      onBad(item.file, item.error);
      fs.rmSync(item.file, { force: true });
      continue;
    }
    record(item.event);
    fs.rmSync(item.file, { force: true });
    n += 1;
  }
  return n;
}
