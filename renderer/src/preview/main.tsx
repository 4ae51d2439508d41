import '../zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import QRCode from 'qrcode';
import { PreviewMessageSchema } from '../../../contract/authoring.ts';
import { createI18n } from '../i18n/i18n.ts';
import { KioskStore } from '../state/kiosk-store.ts';
import { App } from '../shopper/App.tsx';
import { previewFrame, previewSnapshot, traceUrls } from './preview-snapshot.ts';
import '../styles/base.css';
import '../styles/shopper.css';
import '../styles/product.css';
import '../styles/orders.css';
import './preview.css';

/*
 * The authoring app's preview (issue 11): the real shopper App, fed by messages from the parent
 * window instead of a kiosk service. No WebSocket, no session exchange, no heartbeat: the page
 * only renders what it is sent. Served with frame-ancestors 'self', so only platform pages frame it.
 */

const store = new KioskStore();
store.setStatus('open');
const i18n = createI18n('zh-CN');
const svgByUrl = new Map<string, string>();
/** Messages are applied in order: a slow QR render must not let an older draft win. */
let latest = 0;
let rev = 0;
let fixedNow: number | undefined;
let problem: string | null = null;

const rootEl = document.getElementById('root');
if (rootEl === null) throw new Error('preview.html has no #root');
const root = createRoot(rootEl);

function render(): void {
  document.body.dataset.previewRev = String(rev);
  root.render(
    <I18nextProvider i18n={i18n}>
      <App store={store} i18n={i18n} send={() => undefined} fixedNow={fixedNow} />
      {problem !== null && (
        <p className="preview-problem" role="status" data-testid="preview-problem">
          草稿有误，显示的是上一个有效版本 · The draft has errors; showing the last valid one — {problem}
        </p>
      )}
    </I18nextProvider>,
  );
}

async function svgFor(url: string): Promise<string> {
  const cached = svgByUrl.get(url);
  if (cached !== undefined) return cached;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  svgByUrl.set(url, svg);
  return svg;
}

async function apply(data: unknown): Promise<void> {
  const msg = PreviewMessageSchema.safeParse(data);
  if (!msg.success) return;
  const seq = ++latest;
  const frame = previewFrame(msg.data);
  if (!frame.ok) {
    problem = frame.error;
    render();
    return;
  }
  const svgs = new Map<string, string>();
  for (const [productId, url] of traceUrls(frame.value.content)) svgs.set(productId, await svgFor(url));
  if (seq !== latest) return;
  problem = null;
  fixedNow = frame.value.fixedNow;
  rev += 1;
  store.setSnapshot(previewSnapshot(frame.value, svgs, rev), false);
  render();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Only the platform's own pages may drive the preview (the authoring app is same-origin).
  if (event.origin !== window.location.origin) return;
  void apply(event.data);
});
render();
