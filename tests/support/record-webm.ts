import type { Page } from 'playwright-core';

/** A real 1.5 s VP8 WebM, recorded from a canvas by Chromium's MediaRecorder (nothing downloaded). */
export async function recordWebm(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      document: { createElement(t: 'canvas'): { width: number; height: number; getContext(k: '2d'): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void }; captureStream(fps: number): unknown } };
      MediaRecorder: new (s: unknown, o: { mimeType: string }) => { ondataavailable: (e: { data: Blob }) => void; onstop: () => void; start(): void; stop(): void };
    };
    const canvas = g.document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const ctx = canvas.getContext('2d');
    const recorder = new g.MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const stopped = new Promise<void>((resolve) => (recorder.onstop = resolve));
    recorder.start();
    for (let f = 0; f < 22; f++) {
      ctx.fillStyle = `hsl(${f * 15}, 55%, 45%)`;
      ctx.fillRect(0, 0, 320, 180);
      await new Promise((r) => setTimeout(r, 66));
    }
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(base64, 'base64');
}
