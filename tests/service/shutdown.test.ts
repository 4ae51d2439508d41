import net from 'node:net';
import { expect, it } from 'vitest';
import { startTestKiosk } from '../support/kiosk-in-process.ts';

// A browser pre-opens sockets to the local API on which it never sends a request. Stopping the
// kiosk must cut them: before the fix, the "local API" stop step waited for them until its
// 5 s bound and logged an error, and the socket stayed open for the 60 s headers timeout.
it('stops the local API even while a client holds a connection with no request on it', async () => {
  const t = await startTestKiosk();
  const silent = net.connect(t.kiosk.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => silent.once('connect', resolve).once('error', reject));
  silent.on('error', () => undefined); // the cut may arrive as a reset
  const closedByServer = new Promise<void>((resolve) => silent.once('close', () => resolve()));
  await t.stop();
  await closedByServer;
  expect(silent.destroyed).toBe(true);
}, 30_000);
