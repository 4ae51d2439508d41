/**
 * Running as root: Chromium then needs `--no-sandbox`, so a renderer exploit would own the
 * machine, and every file the kiosk writes belongs to root. The kiosk should run as its own
 * unprivileged account (docs/security.md). Returns the warning to show, or null.
 */
export function rootWarning(uid: number | null, env: NodeJS.ProcessEnv): string | null {
  if (uid !== 0) return null;
  if (env.VITEST !== undefined || env.NODE_ENV === 'test') return null;
  return 'running as root: the browser sandbox is off (--no-sandbox) and a compromised page would own the machine. Run the kiosk as an unprivileged user (docs/security.md).';
}

/** The current uid, or null where there is none (Windows). */
export function currentUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}
