import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { startShelfRig } from '../support/shelf-rig.ts';
import { percentile, round, type Metric } from './stats.ts';

interface PaintSample {
  liftId: string;
  rxAt: number;
  sentAt: number;
  receivedAt: number;
  paintedAt: number;
}

const LAYOUTS = [
  { name: 'portrait', width: 1080, height: 1920, lifts: 200 },
  { name: 'landscape', width: 1920, height: 1080, lifts: 100 },
  { name: 'small', width: 1280, height: 800, lifts: 100 },
] as const;

async function samples(page: Page): Promise<PaintSample[]> {
  return page.evaluate(() => ((globalThis as unknown as { __kioskMetrics?: PaintSample[] }).__kioskMetrics ?? []).slice());
}

/**
 * Lift → paint over a real pty: the simulator's write timestamp to the product page painted
 * in Chromium, split into serial (write → driver read), service (read → socket send),
 * socket (send → page receive) and render (receive → paint).
 */
export async function runLiftToPaintBench(): Promise<Metric[]> {
  const rig = await startShelfRig({ KIOSK_LOG_LEVEL: 'error' });
  const browser = await launchChromium();
  const out: Metric[] = [];
  try {
    for (const layout of LAYOUTS) {
      const page = await browser.newPage({ viewport: { width: layout.width, height: layout.height } });
      await page.addInitScript(() => {
        const w = globalThis as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true } as never);
      });
      await page.goto(await rig.service.bootUrl('/'));
      await page.getByTestId('attract').waitFor({ timeout: 20_000 });
      await page.waitForTimeout(500);
      await page.evaluate(() => ((globalThis as unknown as { __longTasks: number[] }).__longTasks.length = 0));
      const total: number[] = [];
      const stage = { serial: [] as number[], service: [] as number[], socket: [] as number[], render: [] as number[] };
      for (let i = 0; i < layout.lifts; i++) {
        const ch = i % 10;
        const before = (await samples(page)).length;
        const writtenAt = await rig.sim.lift(ch);
        await page.waitForFunction((n) => ((globalThis as unknown as { __kioskMetrics?: unknown[] }).__kioskMetrics ?? []).length > n, before, { timeout: 5000, polling: 5 });
        const s = (await samples(page))[before];
        if (s) {
          total.push(s.paintedAt - writtenAt);
          stage.serial.push(s.rxAt - writtenAt);
          stage.service.push(s.sentAt - s.rxAt);
          stage.socket.push(s.receivedAt - s.sentAt);
          stage.render.push(s.paintedAt - s.receivedAt);
        }
        await rig.sim.put(ch);
        await page.getByTestId('attract').waitFor({ timeout: 5000 });
      }
      const longest = await page.evaluate(() => Math.max(0, ...(globalThis as unknown as { __longTasks: number[] }).__longTasks));
      const suffix = layout.name === 'portrait' ? '' : `_${layout.name}`;
      out.push(
        { name: `lift_to_paint_ms_p50${suffix}`, value: round(percentile(total, 50)), unit: 'ms' },
        { name: `lift_to_paint_ms_p95${suffix}`, value: round(percentile(total, 95)), unit: 'ms', goal: '≤ 100' },
      );
      if (layout.name === 'portrait') {
        for (const [k, v] of Object.entries(stage)) out.push({ name: `lift_stage_${k}_ms_p95`, value: round(percentile(v, 95)), unit: 'ms' });
        out.push({ name: 'lift_samples', value: total.length, unit: 'lifts' });
      }
      out.push({ name: `longest_main_thread_task_ms${suffix}`, value: round(longest), unit: 'ms (Long Tasks API; 0 = no task ≥ 50 ms)', goal: '≤ 50' });
      await page.close();
    }
  } finally {
    await browser.close();
    await rig.stop();
  }
  return out;
}
