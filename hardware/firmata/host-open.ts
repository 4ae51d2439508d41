import { readdirSync, readlinkSync, realpathSync } from 'node:fs';

/**
 * Counts how many file descriptors, in any process, have a tty open (Linux /proc).
 *
 * Why: a real Uno resets when the host opens the port (DTR). On a socat pty pair the
 * device end sees no DTR, so the emulator watches who holds the host end open instead.
 * socat itself keeps one descriptor on each end, so callers compare against a baseline
 * taken before any host opened it. A scan costs a few ms; poll it, don't spin on it.
 */
export function countOpeners(ttyPath: string): number {
  const target = realpathSync(ttyPath);
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    const first = entry.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // the process exited or is not ours to read
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === target) count += 1;
      } catch {
        // descriptor closed while we looked
      }
    }
  }
  return count;
}

/** Whether /proc fd scanning works here (Linux with procfs). */
export function canDetectOpeners(): boolean {
  try {
    readdirSync('/proc/self/fd');
    return true;
  } catch {
    return false;
  }
}
