import './zod-jitless.ts';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { ClientMessage, Snapshot } from '../../contract/api.ts';
import { createKioskClient } from './api/kiosk-client.ts';
import { createRingLogger, type LogEntry } from './api/logger.ts';
import { exchangeBootCode } from './api/session.ts';
import { ordersApi } from './api/orders-api.ts';
import { createI18n } from './i18n/i18n.ts';
import { KioskStore } from './state/kiosk-store.ts';
import { App } from './shopper/App.tsx';
import { StaffLayer } from './staff/StaffLayer.tsx';
import { contentImageUrls, ImagePreloader } from './shopper/preload.ts';
import './styles/base.css';
import './styles/shopper.css';
import './styles/product.css';
import './styles/orders.css';

declare global {
  interface Window {
    __kioskLog?: LogEntry[];
  }
}

// Start the single-use code exchange before anything else; the socket waits for it.
const { logger, entries } = createRingLogger(500, (e) => {
  // The page console is what Electron's console-message hook and Playwright capture.
  // eslint-disable-next-line no-console
  (e.level === 'error' ? console.error : console.warn)(`[kiosk] ${e.msg}`, e.obj);
});
window.__kioskLog = entries;
const exchanged = exchangeBootCode(logger);

const store = new KioskStore();
const i18n = createI18n('zh-CN');
const preloader = new ImagePreloader();
let preloadedFor = '';

function preloadImages(snapshot: Snapshot): void {
  const key = `${snapshot.mediaBase}|${snapshot.content?.version ?? 'none'}`;
  if (snapshot.content === null || key === preloadedFor) return;
  preloadedFor = key;
  preloader.preload(contentImageUrls(snapshot.content, snapshot.mediaBase), (url) => logger.warn({ url }, 'image failed to decode'));
}

const client = createKioskClient(
  {
    onState(snapshot, shelf) {
      const cause = shelf?.message.cause;
      if (shelf !== null && cause?.kind === 'lift' && cause.liftId !== undefined) {
        const trace = shelf.message.trace;
        store.addPending({ liftId: cause.liftId, receivedAt: shelf.receivedAt, rxAt: trace?.rxAt ?? null, sentAt: trace?.sentAt ?? null });
      }
      store.setSnapshot(snapshot, shelf !== null);
      preloadImages(snapshot);
    },
    onStatus: (status) => {
      store.setStatus(status);
      // Changes sent while the socket was down are not replayed: read the shown order again.
      const shown = store.getState().order;
      if (status === 'open' && shown !== null) void ordersApi.get(shown.orderId).then((r) => r.ok && store.orderChanged(r.value));
    },
    onOrder: (order) => store.orderChanged(order),
  },
  logger,
);
const send = (m: ClientMessage): void => void client.send(m);

const rootEl = document.getElementById('root');
if (rootEl === null) throw new Error('index.html has no #root');
createRoot(rootEl).render(
  <I18nextProvider i18n={i18n}>
    <App store={store} i18n={i18n} send={send} />
    <StaffLayer store={store} />
  </I18nextProvider>,
);

void exchanged.then(() => client.start());
