import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Product } from '../../contract/content.ts';
import { actorOf, type Principal } from '../accounts/admin-auth.ts';
import type { PlatformDeps } from '../deps.ts';
import type { ApplyProbe } from '../store/catalogue-store.ts';
import type { ImportJobRow } from '../store/import-job-store.ts';
import { checkHeader, planProduct, planRow, type PlanContext, type RowOutcome, type RowStatus } from './dry-run.ts';
import { MAX_SHEET_ROWS, readSheet, SheetReadError, type SheetFormat } from './sheet-io.ts';
import { loadCatalogue, type WorkingCatalogue } from './working-catalogue.ts';

/** What rows are checked against: the catalogue's products, media and records. */
function planContext(cat: WorkingCatalogue): PlanContext {
  return { existing: cat.products, media: new Set((cat.meta?.media ?? []).map((m) => m.sha256)), seen: new Map<string, number>(), producers: new Set(cat.producers.keys()), pairings: new Set(cat.pairings.keys()) };
}

/** A spreadsheet, or a JSON package (`manifest.json`: its products). */
export type ImportFormat = SheetFormat | 'json';

export type JobState = 'parsing' | 'checking' | 'ready' | 'applying' | 'applied' | 'failed';

/** A spreadsheet import: parsed and checked in the background (the dry run), applied on request. */
export interface ImportJob {
  id: string;
  state: JobState;
  format: ImportFormat;
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
/** Jobs are kept for a week. */
const KEEP_MS = 7 * 24 * 3600_000;
/** A running job whose process has not moved it for this long is taken as interrupted. */
export const SILENT_MS = 120_000;
const RUNNING: ReadonlySet<JobState> = new Set(['parsing', 'checking']);

/** Public view of a job: everything but the product documents. */
export function jobView(job: ImportJob) {
  return {
    id: job.id, state: job.state, format: job.format, createdBy: job.createdBy, createdAt: new Date(job.createdAt).toISOString(), progress: job.progress,
    baseRevision: job.baseRevision, counts: job.counts, rows: job.rows, error: job.error, appliedRevision: job.appliedRevision,
  };
}

/** Where a job's own trouble is logged (the platform's logger). */
export interface JobLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

type JobDoc = Pick<ImportJob, 'progress' | 'baseRevision' | 'rows' | 'counts' | 'error' | 'appliedRevision' | 'changes'>;

function toRow(job: ImportJob, at: number): ImportJobRow {
  const doc: JobDoc = { progress: job.progress, baseRevision: job.baseRevision, rows: job.rows, counts: job.counts, error: job.error, appliedRevision: job.appliedRevision, changes: job.changes };
  return { id: job.id, state: job.state, format: job.format, createdBy: job.createdBy, createdAt: job.createdAt, updatedAt: at, doc: JSON.stringify(doc) };
}

function fromRow(row: ImportJobRow): ImportJob & { updatedAt: number } {
  const doc = JSON.parse(row.doc) as JobDoc;
  return { id: row.id, state: row.state as JobState, format: row.format as ImportFormat, createdBy: row.createdBy, createdAt: row.createdAt, updatedAt: row.updatedAt, ...doc };
}

/**
 * Spreadsheet imports. Each job lives in the platform's database: the process that received
 * the upload checks it and writes its progress every few rows; any process can report it or
 * apply it, and exactly one apply wins (the ready → applying move is conditional).
 */
export class ImportJobs {
  /** Jobs this process is checking right now (their rows are written as they go). */
  private readonly running = new Set<string>();

  constructor(
    private readonly deps: PlatformDeps,
    private readonly log?: JobLog,
  ) {}

  /** The job as stored; a job its process abandoned is settled first (see `settle`). */
  async get(id: string): Promise<ImportJob | undefined> {
    const row = await this.deps.store.getImportJob(id);
    return row ? this.settle(fromRow(row)) : undefined;
  }

  /** Starts the dry run in the background and returns once the job is recorded; poll `get(id)` for progress. */
  async start(by: Principal, format: ImportFormat, bytes: Buffer): Promise<ImportJob> {
    const job: ImportJob = {
      id: randomUUID(), state: 'parsing', format, createdBy: actorOf(by), createdAt: this.deps.now(), progress: { done: 0, total: 0 },
      baseRevision: 0, rows: [], counts: { new: 0, changed: 0, unchanged: 0, invalid: 0 }, error: null, appliedRevision: null, changes: [],
    };
    await this.deps.store.pruneImportJobs(job.createdAt - KEEP_MS);
    await this.save(job);
    this.running.add(job.id);
    void this.check(job, bytes)
      .catch(async (err: unknown) => {
        this.fail(job, 'internal', err instanceof Error ? err.message : String(err));
        await this.save(job);
      })
      .catch((err: unknown) => this.log?.error({ err, job: job.id }, 'import job could not be saved'))
      .finally(() => this.running.delete(job.id));
    return job;
  }

  private save(job: ImportJob): Promise<void> {
    return this.deps.store.putImportJob(toRow(job, this.deps.now()));
  }

  /**
   * A job left running by a process that died: a dry run silent for SILENT_MS is failed
   * (upload again); an apply silent that long either committed — its audit record is written
   * in the same transaction — or wrote nothing, and the job says which.
   */
  private async settle(job: ImportJob & { updatedAt: number }): Promise<ImportJob> {
    const silent = this.deps.now() - job.updatedAt >= SILENT_MS && !this.running.has(job.id);
    if (!silent || !(RUNNING.has(job.state) || job.state === 'applying')) return job;
    if (job.state === 'applying') {
      const applied = await this.deps.store.auditExists('catalogue.import', `import:${job.id}`);
      if (applied) {
        job.state = 'applied';
        job.appliedRevision = job.baseRevision + 1;
      } else this.fail(job, 'interrupted', 'the apply was interrupted and wrote nothing: upload the sheet again');
    } else this.fail(job, 'interrupted', 'the check was interrupted (the platform restarted): upload the sheet again');
    this.log?.warn({ job: job.id, state: job.state }, 'import job settled after its process went silent');
    await this.save(job);
    return job;
  }

  private fail(job: ImportJob, code: string, message: string): void {
    job.state = 'failed';
    job.error = { code, message };
  }

  /** The products of a JSON package (a manifest with `products`, or a bare array of products). */
  private readPackage(bytes: Buffer): unknown[] | string {
    let doc: unknown;
    try {
      doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (err) {
      return `not readable JSON: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}`;
    }
    const products = Array.isArray(doc) ? doc : doc !== null && typeof doc === 'object' ? (doc as { products?: unknown }).products : undefined;
    if (!Array.isArray(products)) return 'a JSON package is a manifest.json with a "products" array, or an array of products';
    if (products.length === 0) return 'the package has no products';
    if (products.length > MAX_SHEET_ROWS) return `at most ${MAX_SHEET_ROWS} products per import, the package has ${products.length}`;
    return products as unknown[];
  }

  /** Each item planned against the catalogue, progress saved every CHUNK items; the job ends ready (or failed). */
  private async plan<T>(job: ImportJob, items: readonly T[], planOne: (item: T, index: number, ctx: PlanContext) => { outcome: RowOutcome; product?: Product }): Promise<void> {
    const cat = await loadCatalogue(this.deps.store);
    if (!cat.meta) {
      this.fail(job, 'empty-catalogue', 'the catalogue has no title, URLs or media yet: seed it from a package first');
      return this.save(job);
    }
    job.state = 'checking';
    job.baseRevision = cat.revision;
    job.progress = { done: 0, total: items.length };
    const ctx = planContext(cat);
    for (const [i, item] of items.entries()) {
      const planned = planOne(item, i, ctx);
      job.rows.push(planned.outcome);
      job.counts[planned.outcome.status]++;
      if (planned.product && planned.outcome.status !== 'unchanged') job.changes.push(planned.product);
      job.progress.done = i + 1;
      if ((i + 1) % CHUNK === 0) {
        await this.save(job);
        await yieldToLoop();
      }
    }
    job.state = 'ready';
    await this.save(job);
  }

  private async check(job: ImportJob, bytes: Buffer): Promise<void> {
    if (job.format === 'json') {
      const products = this.readPackage(bytes);
      if (typeof products !== 'string') return this.plan(job, products, (raw, i, ctx) => planProduct(i + 1, raw, ctx));
      this.fail(job, 'unreadable', products);
      return this.save(job);
    }
    let sheet;
    try {
      sheet = await readSheet(job.format, bytes);
    } catch (err) {
      if (err instanceof SheetReadError) {
        this.fail(job, 'unreadable', err.message);
        return this.save(job);
      }
      throw err;
    }
    const header = checkHeader(sheet.headers);
    if (!header.ok) {
      this.fail(job, 'bad-header', header.message);
      return this.save(job);
    }
    return this.plan(job, sheet.rows, (r, _i, ctx) => planRow(r.row, r.cells, header.columns, ctx));
  }

  /**
   * Writes every valid new or changed row in one transaction (invalid rows are left out whole,
   * never half-applied); refused when the catalogue changed after the dry run, and when
   * another request (in this or another process) is applying or applied it.
   */
  async apply(job: ImportJob, by: Principal, probe?: ApplyProbe): Promise<{ ok: true } | { ok: false; status: number; code: string; message: string }> {
    const at = this.deps.now();
    if (job.state !== 'ready' || !(await this.deps.store.moveImportJob(job.id, 'ready', 'applying', at))) {
      const now = (await this.get(job.id)) ?? job;
      return { ok: false, status: 409, code: 'not-ready', message: `the import is ${now.state}` };
    }
    job.state = 'applying';
    const summary = { at, actor: actorOf(by), action: 'catalogue.import', target: `import:${job.id}`, detail: JSON.stringify({ counts: job.counts, format: job.format }) };
    const perRow = job.rows
      .filter((r) => r.status === 'new' || r.status === 'changed')
      .map((r) => ({ at, actor: actorOf(by), action: r.status === 'new' ? 'product.create' : 'product.edit', target: `product:${r.id}`, detail: JSON.stringify({ row: r.row, changes: r.changes }) }));
    try {
      const products = job.changes.map((p) => ({ productId: p.id, doc: JSON.stringify(p) }));
      const r = await this.deps.store.applyCatalogue({ expectedRevision: job.baseRevision, products, audit: [summary, ...perRow] }, probe);
      if (r === 'stale') {
        this.fail(job, 'stale', 'the catalogue changed after this dry run: upload the sheet again');
        await this.save(job);
        return { ok: false, status: 409, code: 'stale', message: job.error?.message ?? '' };
      }
    } catch (err) {
      this.fail(job, 'apply-failed', err instanceof Error ? err.message : String(err));
      await this.save(job);
      throw err;
    }
    job.state = 'applied';
    job.appliedRevision = job.baseRevision + 1;
    await this.save(job);
    return { ok: true };
  }
}
