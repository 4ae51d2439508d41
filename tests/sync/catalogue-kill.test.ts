import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProductSchema } from '../../contract/content.ts';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { ImportJobs } from '../../platform/catalogue/import-jobs.ts';
import { seedFromPackage } from '../../platform/catalogue/seed.ts';
import { buildPlatformApp } from '../../platform/server.ts';
import { buildImportSheet } from '../support/catalogue-sheet.ts';
import { tempDir, waitFor } from './helpers.ts';

/**
 * An import killed in the middle of its apply (SIGKILL inside the SQLite transaction, 500 of
 * 966 rows written) leaves the old catalogue whole: same revision, same products, no audit
 * row of it; the same import then applies cleanly.
 */
const t = tempDir('catalogue-kill');
afterAll(() => t.cleanup());

async function snapshot(dataDir: string) {
  const { app, deps } = buildPlatformApp({ dataDir, adminToken: 'parent-admin-token-0123456789abcdef' });
  try {
    return { revision: await deps.store.catalogueRevision(), products: await deps.store.catalogueProducts(), audit: await deps.store.listAudit(5000) };
  } finally {
    await app.close();
  }
}

describe('an import killed mid-apply', () => {
  it('leaves the old content whole, and the import can run again', async () => {
    const dataDir = path.join(t.dir, 'platform');
    const demo = path.join(t.dir, 'demo');
    await buildDemoPackage(demo);
    const { app, deps } = buildPlatformApp({ dataDir, adminToken: 'parent-admin-token-0123456789abcdef' });
    expect((await seedFromPackage(deps, { kind: 'token' }, demo)).ok).toBe(true);
    const sheet = await buildImportSheet((await deps.store.catalogueProducts()).map((r) => ProductSchema.parse(JSON.parse(r.doc))));
    await app.close();
    const sheetFile = path.join(t.dir, 'sheet.xlsx');
    writeFileSync(sheetFile, sheet.xlsx);
    const before = await snapshot(dataDir);

    const marker = path.join(t.dir, 'mid-apply');
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/import-apply-child.ts', dataDir, sheetFile, marker, '500'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = once(child, 'exit');
    await waitFor(() => existsSync(marker) || child.exitCode !== null, 60_000, 'the child to reach row 500 of its apply');
    expect(existsSync(marker), stderr).toBe(true);
    child.kill('SIGKILL');
    const [, signal] = (await exited) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');

    const after = await snapshot(dataDir);
    expect(after.revision).toBe(before.revision);
    expect(after.products).toEqual(before.products);
    expect(after.audit.filter((a) => a.action === 'catalogue.import' || a.action === 'product.create')).toEqual([]);

    const again = buildPlatformApp({ dataDir, adminToken: 'parent-admin-token-0123456789abcdef' });
    try {
      const jobs = new ImportJobs(again.deps);
      const job = jobs.start({ kind: 'token' }, 'xlsx', sheet.xlsx);
      await waitFor(() => job.state === 'ready', 60_000, 'dry run');
      expect((await jobs.apply(job, { kind: 'token' })).ok).toBe(true);
      expect((await again.deps.store.catalogueProducts()).length).toBe(before.products.length + sheet.counts.new);
    } finally {
      await again.app.close();
    }
  });
});
