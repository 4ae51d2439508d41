/**
 * Bounded, named teardown for tests, like the kiosk's own shutdown steps: every step runs
 * (one that hangs or throws does not keep the others from cleaning up), each waits at most
 * `stepMs`, and a step that failed or hung is reported by name — not as an anonymous
 * "hook timed out".
 */
export type TeardownStep = readonly [name: string, run: () => unknown];

/** Generous on a loaded 2-core machine; the kiosk's own steps are bounded at 5 s each. */
export const TEARDOWN_STEP_MS = 20_000;

export async function teardown(steps: readonly TeardownStep[], stepMs = TEARDOWN_STEP_MS): Promise<void> {
  const problems: string[] = [];
  for (const [name, run] of steps) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), stepMs)));
    const outcome = await Promise.race([Promise.resolve().then(run).then(() => 'done' as const), timedOut]).catch((err: unknown) => `failed: ${err instanceof Error ? err.message : String(err)}`);
    clearTimeout(timer);
    if (outcome === 'timeout') problems.push(`${name}: did not finish within ${stepMs} ms`);
    else if (outcome !== 'done') problems.push(`${name}: ${outcome}`);
  }
  if (problems.length > 0) throw new Error(`teardown: ${problems.join('; ')}`);
}
