import { autoUpdater } from 'electron-updater';

/**
 * Shell updates under Electron (issue 14): electron-updater's generic provider against a feed
 * the platform is to serve (`<platform>/v1/electron/<channel>/latest-*.yml` + the installers).
 * A downloaded update is installed only while no shopper session is open (the supervisor's
 * `isIdle`). Typechecked only: the Electron binary cannot run here, the platform does not yet
 * serve this feed, and electron-updater has no health trial or automatic rollback — the
 * versioned-directory path of the browser fallback has both (docs/kiosk-deployment.md).
 */
export function startElectronUpdates(opts: { feedUrl: string; isIdle(): boolean; log(msg: string, detail?: unknown): void; checkEveryMs?: number }): () => void {
  autoUpdater.setFeedURL({ provider: 'generic', url: opts.feedUrl });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = false;
  let installTimer: NodeJS.Timeout | null = null;
  autoUpdater.on('error', (err: Error) => opts.log('update check failed', err.message));
  autoUpdater.on('update-downloaded', (info: { version: string }) => {
    opts.log('update downloaded; installing when the kiosk is idle', info.version);
    installTimer ??= setInterval(() => {
      if (!opts.isIdle()) return;
      if (installTimer !== null) clearInterval(installTimer);
      // isSilent, isForceRunAfter: no installer UI on a kiosk, and the app comes back by itself.
      autoUpdater.quitAndInstall(true, true);
    }, 5000);
  });
  const check = (): void => void autoUpdater.checkForUpdates().catch((err: unknown) => opts.log('update check failed', String(err)));
  const timer = setInterval(check, opts.checkEveryMs ?? 10 * 60_000);
  check();
  return () => {
    clearInterval(timer);
    if (installTimer !== null) clearInterval(installTimer);
  };
}
