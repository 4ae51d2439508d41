import { BrowserWindow, screen } from 'electron';
import { windowOpenDecision, kioskWebPreferences } from './policies.ts';
import type { ScreenHost } from '../service/launch/supervisor/supervisor.ts';

/**
 * The shell's screen host: one kiosk BrowserWindow. A reload of a hung page crashes its
 * renderer first (`forcefullyCrashRenderer`: a busy loop cannot run a reload) and loads a fresh
 * boot URL; a recreate destroys the window. Typechecked; not run here (no Electron binary).
 */
export class WindowScreenHost implements ScreenHost {
  private win: BrowserWindow | null = null;
  private closing = false;

  constructor(private readonly opts: { isProduction: boolean; displayIndex: number }) {}

  async open(url: string, onGone: (detail: string) => void): Promise<void> {
    this.closing = false;
    const displays = screen.getAllDisplays();
    const target = displays[this.opts.displayIndex] ?? screen.getPrimaryDisplay();
    const win = new BrowserWindow({
      x: target.bounds.x,
      y: target.bounds.y,
      kiosk: this.opts.isProduction,
      fullscreen: this.opts.isProduction,
      backgroundColor: '#1d2a22',
      autoHideMenuBar: true,
      webPreferences: kioskWebPreferences(this.opts.isProduction),
    });
    this.win = win;
    win.webContents.setWindowOpenHandler(windowOpenDecision);
    let gone = false;
    const reportGone = (detail: string): void => {
      if (gone || this.closing || this.win !== win) return;
      gone = true;
      this.win = null;
      if (!win.isDestroyed()) win.destroy();
      onGone(detail);
    };
    win.webContents.on('render-process-gone', (_e, details) => reportGone(`renderer ${details.reason}`));
    win.on('closed', () => reportGone('window closed'));
    await win.loadURL(url);
  }

  async reload(url: string): Promise<void> {
    const win = this.win;
    if (win === null) throw new Error('no kiosk window');
    // A page that is not answering cannot unload itself: end its renderer, then load afresh.
    if (win.webContents.isCrashed() === false && !(await answers(win))) win.webContents.forcefullyCrashRenderer();
    await win.loadURL(url);
  }

  async showError(file: string): Promise<void> {
    await this.win?.loadFile(file);
  }

  close(): Promise<void> {
    this.closing = true;
    const win = this.win;
    this.win = null;
    if (win !== null && !win.isDestroyed()) win.destroy();
    return Promise.resolve();
  }
}

/** Whether the page's main thread runs a trivial script within a second. */
async function answers(win: BrowserWindow): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 1000)));
  const ran = win.webContents.executeJavaScript('1').then(() => true as const, () => false as const);
  const result = await Promise.race([ran, timeout]);
  clearTimeout(timer);
  return result;
}
