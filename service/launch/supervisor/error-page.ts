import fs from 'node:fs';
import path from 'node:path';

/**
 * The staff error screen a supervisor shows after a part's restart cap (issue 14): a static
 * page, so it shows even when the service is the part that is down. It carries no secret and
 * loads nothing; the supervisor keeps retrying after its cool-down and replaces the page with
 * the kiosk as soon as the service is back.
 */
export function writeErrorPage(dataDir: string, part: 'service' | 'screen', failures: number, at: Date): string {
  const dir = path.join(dataDir, 'error-screen');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'index.html');
  const what = part === 'service' ? '货架服务 / the shelf service' : '显示页面 / the screen';
  const stamp = at.toISOString().replace('T', ' ').slice(0, 19);
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>kiosk-error</title>
<style>body{margin:0;height:100vh;display:flex;align-items:center;justify-content:center;background:#3a1d1d;color:#fff;font:24px/1.5 system-ui,"Noto Sans CJK SC",sans-serif}main{max-width:36em;padding:2em}h1{font-size:2em;margin:0 0 .5em}code{background:#0004;padding:.1em .3em}</style>
<main data-testid="kiosk-error" data-part="${part}">
<h1>暂停服务 · Kiosk needs staff</h1>
<p>${what} 在 10 分钟内失败了 ${failures} 次，已停止自动重启。<br>${what} failed ${failures} times in 10 minutes; automatic restarts are paused.</p>
<p>请联系店内技术人员：重启设备；若仍出现此页面，请按 docs/kiosk-deployment.md “屏幕显示错误” 一节处理。<br>Staff: restart the kiosk (power off and on). If this page comes back, follow “When the screen shows an error” in docs/kiosk-deployment.md.</p>
<p>时间 Time: <code>${stamp} UTC</code> · 部件 Part: <code>${part}</code></p>
<p>货架事件仍会在服务恢复后同步。Shelf events already recorded stay queued for the platform.</p>
</main></html>
`;
  fs.writeFileSync(file, html, { mode: 0o600 });
  return file;
}

/** The page a screen shows while the service starts (the browser starts in parallel with it). */
export function writeStartingPage(dataDir: string): string {
  const dir = path.join(dataDir, 'error-screen');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'starting.html');
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>kiosk-starting</title>
<style>body{margin:0;height:100vh;display:flex;align-items:center;justify-content:center;background:#1d2a22;color:#dfe8df;font:28px system-ui,"Noto Sans CJK SC",sans-serif}</style>
<main data-testid="kiosk-starting">正在启动… · Starting…</main></html>
`;
  fs.writeFileSync(file, html, { mode: 0o600 });
  return file;
}
