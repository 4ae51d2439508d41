import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProductSchema } from '../../contract/content.ts';
import { buildDemoPackage } from '../../content/build-demo.ts';
import { ImportJobs, SILENT_MS } from '../../platform/catalogue/import-jobs.ts';
import { seedFromPackage } from '../../platform/catalogue/seed.ts';
import { buildPlatformApp } from '../../platform/server.ts';
import { buildImportSheet } from '../support/catalogue-sheet.ts';
import { tempDir, waitFor } from './helpers.ts';

/**
 * An import killed in the middle of its apply (SIGKILL inside the SQLite transaction, 500 of
 * 966 rows written) leaves the old catalogue whole: same revision, same products, no audit
 * row of it; the killed job reads as interrupted from any process; the same import then
 * applies cleanly, exactly once when two processes apply it at the same moment.
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

    // The killed job is in the database: once its process has been silent long enough, any
    // process reports it as interrupted with nothing written (its audit record is absent).
    const killed = (JSON.parse(readFileSync(marker, 'utf8')) as { jobId: string }).jobId;
    const later = buildPlatformApp({ dataDir, adminToken: 'parent-admin-token-0123456789abcdef', now: () => Date.now() + SILENT_MS + 1_000 });
    try {
      const settled = await new ImportJobs(later.deps).get(killed);
      expect(settled?.state).toBe('failed');
      expect(settled?.error?.code).toBe('interrupted');
    } finally {
      await later.app.close();
    }

    const again = buildPlatformApp({ dataDir, adminToken: 'parent-admin-token-0123456789abcdef' });
    try {
      const jobs = new ImportJobs(again.deps);
      const job = await jobs.start({ kind: 'token' }, 'xlsx', sheet.xlsx);
      await waitFor(() => job.state === 'ready', 60_000, 'dry run');
      // Another process (its own ImportJobs on the same database) sees the checked job; one apply wins.
      const other = buildPlatformApp({ dataDir, adminToken: 'parent-admin-token-0123456789abcdef' });
      try {
        const seen = await new ImportJobs(other.deps).get(job.id);
        expect(seen?.state).toBe('ready');
        expect(seen?.counts).toEqual(job.counts);
        const results = await Promise.all([jobs.apply(job, { kind: 'token' }), new ImportJobs(other.deps).apply(seen ?? job, { kind: 'token' })]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.find((r) => !r.ok)).toMatchObject({ status: 409, code: 'not-ready' });
      } finally {
        await other.app.close();
      }
      expect((await again.deps.store.catalogueProducts()).length).toBe(before.products.length + sheet.counts.new);
      expect((await jobs.get(job.id))?.state).toBe('applied');
    } finally {
      await again.app.close();
    }
  });
});
