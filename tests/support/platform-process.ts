import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface PlatformProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `platform/main.ts` as a real child process on a free port with the given
 * environment (PLATFORM_DATABASE_URL, PLATFORM_DATA_DIR, PLATFORM_ADMIN_TOKEN) and waits for
 * the line that names its URL. stop() sends SIGTERM and waits for the exit.
 */
export async function startPlatformProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<PlatformProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'platform/main.ts'], {
    env: { ...process.env, PLATFORM_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform process did not start within ${timeoutMs} ms: ${err}`)), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /platform listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform process exited (${code}) before listening: ${err}`));
    });
  });
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
