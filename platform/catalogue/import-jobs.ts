import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Product } from '../../contract/content.ts';
import { actorOf, type Principal } from '../accounts/admin-auth.ts';
import type { PlatformDeps } from '../deps.ts';
import type { ApplyProbe } from '../store/catalogue-store.ts';
import { checkHeader, planRow, type RowOutcome, type RowStatus } from './dry-run.ts';
import { readSheet, SheetReadError, type SheetFormat } from './sheet-io.ts';
import { loadCatalogue } from './working-catalogue.ts';

export type JobState = 'parsing' | 'checking' | 'ready' | 'applying' | 'applied' | 'failed';

/** A spreadsheet import: parsed and checked in the background (the dry run), applied on request. */
export interface ImportJob {
  id: string;
  state: JobState;
  format: SheetFormat;
  createdBy: string;
  createdAt: number;
  progress: { done: number; total: number };
  /** The catalogue revision the dry run was computed against. */
  baseRevision: number;
  rows: RowOutcome[];
  counts: Record<RowStatus, number>;
  error: { code: string; message: string } | null;
  appliedRevision: number | null;
  /** The products a successful apply writes (valid new and changed rows). */
  changes: Product[];
}

const CHUNK = 100;
const MAX_JOBS = 50;

/** Public view of a job: everything but the product documents. */
export function jobView(job: ImportJob) {
  return {
    id: job.id, state: job.state, format: job.format, createdBy: job.createdBy, createdAt: new Date(job.createdAt).toISOString(), progress: job.progress,
    baseRevision: job.baseRevision, counts: job.counts, rows: job.rows, error: job.error, appliedRevision: job.appliedRevision,
  };
}

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(private readonly deps: PlatformDeps) {}

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** Starts the dry run in the background and returns at once; poll `get(id)` for progress. */
  start(by: Principal, format: SheetFormat, bytes: Buffer): ImportJob {
    const job: ImportJob = {
      id: randomUUID(), state: 'parsing', format, createdBy: actorOf(by), createdAt: this.deps.now(), progress: { done: 0, total: 0 },
      baseRevision: 0, rows: [], counts: { new: 0, changed: 0, unchanged: 0, invalid: 0 }, error: null, appliedRevision: null, changes: [],
    };
    this.remember(job);
    void this.check(job, bytes).catch((err: unknown) => this.fail(job, 'internal', err instanceof Error ? err.message : String(err)));
    return job;
  }

  private remember(job: ImportJob): void {
    this.jobs.set(job.id, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= MAX_JOBS) break;
      if (old.state !== 'applying') this.jobs.delete(id);
    }
  }

  private fail(job: ImportJob, code: string, message: string): void {
    job.state = 'failed';
    job.error = { code, message };
  }

  private async check(job: ImportJob, bytes: Buffer): Promise<void> {
    let sheet;
    try {
      sheet = await readSheet(job.format, bytes);
    } catch (err) {
      if (err instanceof SheetReadError) return this.fail(job, 'unreadable', err.message);
      throw err;
    }
    const header = checkHeader(sheet.headers);
    if (!header.ok) return this.fail(job, 'bad-header', header.message);
    const cat = await loadCatalogue(this.deps.store);
    if (!cat.meta) return this.fail(job, 'empty-catalogue', 'the catalogue has no title, URLs or media yet: seed it from a package first');
    job.state = 'checking';
    job.baseRevision = cat.revision;
    job.progress = { done: 0, total: sheet.rows.length };
    const ctx = { existing: cat.products, media: new Set(cat.meta.media.map((m) => m.sha256)), seen: new Map<string, number>() };
    for (const [i, r] of sheet.rows.entries()) {
      const planned = planRow(r.row, r.cells, header.columns, ctx);
      job.rows.push(planned.outcome);
      job.counts[planned.outcome.status]++;
      if (planned.product && planned.outcome.status !== 'unchanged') job.changes.push(planned.product);
      job.progress.done = i + 1;
      if ((i + 1) % CHUNK === 0) await yieldToLoop();
    }
    job.state = 'ready';
  }

  /**
   * Writes every valid new or changed row in one transaction (invalid rows are left out whole,
   * never half-applied); refused when the catalogue changed after the dry run.
   */
  async apply(job: ImportJob, by: Principal, probe?: ApplyProbe): Promise<{ ok: true } | { ok: false; status: number; code: string; message: string }> {
    if (job.state !== 'ready') return { ok: false, status: 409, code: 'not-ready', message: `the import is ${job.state}` };
    job.state = 'applying';
    const at = this.deps.now();
    const summary = { at, actor: actorOf(by), action: 'catalogue.import', target: `import:${job.id}`, detail: JSON.stringify({ counts: job.counts, format: job.format }) };
    const perRow = job.rows
      .filter((r) => r.status === 'new' || r.status === 'changed')
      .map((r) => ({ at, actor: actorOf(by), action: r.status === 'new' ? 'product.create' : 'product.edit', target: `product:${r.id}`, detail: JSON.stringify({ row: r.row, changes: r.changes }) }));
    try {
      const products = job.changes.map((p) => ({ productId: p.id, doc: JSON.stringify(p) }));
      const r = await this.deps.store.applyCatalogue({ expectedRevision: job.baseRevision, products, audit: [summary, ...perRow] }, probe);
      if (r === 'stale') {
        this.fail(job, 'stale', 'the catalogue changed after this dry run: upload the sheet again');
        return { ok: false, status: 409, code: 'stale', message: job.error?.message ?? '' };
      }
    } catch (err) {
      this.fail(job, 'apply-failed', err instanceof Error ? err.message : String(err));
      throw err;
    }
    job.state = 'applied';
    job.appliedRevision = job.baseRevision + 1;
    return { ok: true };
  }
}
