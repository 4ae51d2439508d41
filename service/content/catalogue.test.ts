import { afterEach, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildPackage } from '../../content/build-package.ts';
import { demoManifestInput } from '../../content/build-demo.ts';
import { SnapshotSchema } from '../../contract/api.ts';
import { createContentStore } from '../../db/content.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { signPackage, testSigningKey } from '../../tests/support/signing.ts';
import { traceUrlOf } from '../../contract/qr-urls.ts';
import { Catalogue } from './catalogue.ts';

const key = testSigningKey();
let tmp: string | undefined;
let db: Db | undefined;
afterEach(() => {
  db?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it('renders one trace QR code per product at activation and no per-product order code (the order panel has its own)', async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-'));
  db = openDatabase(path.join(tmp, 'kiosk.db')).db;
  const { input, mediaFiles } = demoManifestInput();
  await buildPackage({ ...input, version: 1 }, mediaFiles, path.join(tmp, 'v1'));
  signPackage(path.join(tmp, 'v1'), key);
  const catalogue = new Catalogue(createContentStore(db), path.join(tmp, 'media'), pino({ level: 'silent' }), () => [key.publicKey]);
  expect((await catalogue.install(path.join(tmp, 'v1'), { source: 'demo', activate: true })).ok).toBe(true);
  const active = catalogue.active();
  if (!active) throw new Error('nothing active');
  expect(Object.keys(active.qr).sort()).toEqual(active.manifest.products.map((p) => p.id).sort());
  for (const p of active.manifest.products) {
    const codes = active.qr[p.id];
    expect(codes?.traceUrl).toBe(traceUrlOf(active.manifest, p));
    expect(codes?.trace).toMatch(/^<svg/);
    expect(codes).not.toHaveProperty('order');
  }
  // The snapshot schema still takes the entries an older service sent (with the order code).
  const older = { order: '<svg/>', orderUrl: 'https://x.example/o/1', trace: '<svg/>', traceUrl: 'https://x.example/t/1/b' };
  expect(SnapshotSchema.shape.qr.safeParse({ p1: older }).success).toBe(true);
});
