import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { browserArgs } from '../browser.ts';
import { launchFileUrl, writeLaunchFile } from '../launch-file.ts';
import type { ScreenHost } from './supervisor.ts';

export interface ChromiumScreenOptions {
  executablePath: string;
  dataDir: string;
  fullscreen: boolean;
  isRoot: boolean;
  /** Tests and machines without a display run the screen headless (a real renderer, no window). */
  headless: boolean;
}

/**
 * The browser fallback's screen: Chromium in app mode, controlled over its DevTools pipe
 * (`--remote-debugging-pipe`, no port is opened) through playwright-core. The pipe is how the
 * supervisor sees a renderer crash (`crash`) or the browser going away (`close`), and how it
 * reloads a page: a hung page cannot run a reload itself, so the supervisor navigates the tab
 * to a fresh launch page (file://, another origin: Chromium gives it a new renderer process
 * and drops the busy one), which forwards to a fresh boot URL. Boot codes never go in argv.
 */
export class ChromiumScreenHost implements ScreenHost {
  private context: BrowserContext | null = null;
  private page: Page | null = null;
  private closing = false;

  constructor(private readonly opts: ChromiumScreenOptions) {}

  /** The shown page (tests evaluate in it, e.g. to hang it). */
  currentPage(): Page | null {
    return this.page;
  }

  /** Pid of the browser's main process (Linux: found in /proc among our children). */
  browserPid(): number | null {
    if (this.context === null) return null;
    const profile = this.profileDir();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== process.pid) continue;
        if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`--user-data-dir=${profile}`)) return Number(entry);
      } catch {
        // the process went away while we looked
      }
    }
    return null;
  }

  private profileDir(): string {
    return path.resolve(this.opts.dataDir, 'browser-profile');
  }

  private pageUrl(url: string): string {
    // A boot URL goes through a 0600 launch page; error pages are plain files.
    return url.startsWith('file:') ? url : launchFileUrl(writeLaunchFile(this.opts.dataDir, url, 'kiosk'));
  }

  async open(url: string, onGone: (detail: string) => void): Promise<void> {
    this.closing = false;
    const args = [
      ...browserArgs(this.pageUrl(url), this.profileDir(), { fullscreen: this.opts.fullscreen, isRoot: this.opts.isRoot }),
      '--remote-debugging-pipe',
      ...(this.opts.headless ? ['--headless=new', '--disable-gpu', '--window-size=1080,1920'] : []),
    ];
    // ignoreDefaultArgs: our own kiosk flags only (no automation banner, no about:blank tab).
    const context = await chromium.launchPersistentContext(this.profileDir(), { executablePath: this.opts.executablePath, ignoreDefaultArgs: true, args, viewport: null, timeout: 60_000 });
    this.context = context;
    const page = context.pages()[0] ?? (await context.waitForEvent('page', { timeout: 30_000 }));
    this.page = page;
    let gone = false;
    const reportGone = (detail: string): void => {
      if (gone || this.closing || this.context !== context) return;
      gone = true;
      this.context = null;
      this.page = null;
      // Take the rest of the browser down too, so a recreate starts clean.
      void context.close().catch(() => undefined);
      onGone(detail);
    };
    page.on('crash', () => reportGone('renderer crashed'));
    page.on('close', () => reportGone('page closed'));
    context.on('close', () => reportGone('browser exited'));
  }

  async reload(url: string): Promise<void> {
    const page = this.page;
    if (page === null) throw new Error('no kiosk page to reload');
    await page.goto(this.pageUrl(url), { waitUntil: 'commit', timeout: 15_000 });
  }

  async showError(file: string): Promise<void> {
    const page = this.page;
    if (page === null) throw new Error('no kiosk page');
    await page.goto(launchFileUrl(file), { waitUntil: 'commit', timeout: 15_000 });
  }

  async close(): Promise<void> {
    this.closing = true;
    const context = this.context;
    this.context = null;
    this.page = null;
    await context?.close().catch(() => undefined);
  }
}
