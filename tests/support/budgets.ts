/**
 * Deadlines in tests under load. A test proves the behaviour (the board is declared lost,
 * it comes back) and that it happens within the product's budget plus honest slack for a
 * busy 2-core CI machine, where a test process can be descheduled for seconds; the tight
 * figures are measured by `npm run bench` (tests/bench/hardware-bench.ts), never here.
 */

/** Extra time a loaded machine may add to any deadline a test waits on. */
export const LOAD_SLACK_MS = 4000;

/** The product's budget for something plus the slack a loaded machine needs. */
export function withLoadSlack(budgetMs: number): number {
  return budgetMs + LOAD_SLACK_MS;
}

/** DESIGN §5: an unplugged board is detected within 2 s … */
export const LOST_BUDGET_MS = 2000;
/** … and back within 10 s. */
export const RECOVER_BUDGET_MS = 10_000;
