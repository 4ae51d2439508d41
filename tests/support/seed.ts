/**
 * The seed for a seeded test: `npm run test:stress` hands each iteration its own in
 * KIOSK_TEST_SEED (and prints it with every failure), so a failure can be replayed with
 * `KIOSK_TEST_SEED=<seed> npx vitest run <file>`; without it, the test's fixed default.
 */
export function testSeed(fallback: number): number {
  const raw = process.env.KIOSK_TEST_SEED;
  const seed = raw === undefined ? NaN : Number(raw);
  return Number.isSafeInteger(seed) ? seed : fallback;
}
