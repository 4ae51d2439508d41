import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SessionPersistence } from './auth.ts';

const FileSchema = z.array(z.tuple([z.string().regex(/^[0-9a-f]{64}$/), z.object({ lastUsed: z.number(), scope: z.enum(['screen', 'status', 'dev']) })])).max(64);

/**
 * Page sessions in `<data>/sessions.json` (0600, written atomically): token hashes, scope and
 * last use — never a token. A missing or unreadable file means no sessions (the pages then get
 * fresh boot codes from the supervisor), never a failed start.
 */
export function sessionFile(dataDir: string, onError: (err: unknown) => void): SessionPersistence {
  const file = path.join(dataDir, 'sessions.json');
  return {
    load() {
      try {
        if (!fs.existsSync(file)) return [];
        const parsed = FileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
        if (!parsed.success) {
          onError(new Error('sessions.json failed its schema: ignored'));
          return [];
        }
        return parsed.data;
      } catch (err) {
        onError(err);
        return [];
      }
    },
    save(entries) {
      try {
        const tmp = `${file}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(entries), { mode: 0o600 });
        fs.renameSync(tmp, file);
      } catch (err) {
        onError(err);
      }
    },
  };
}
