import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ContentManifest } from '../../contract/content.ts';
import { unitPrice } from '../../contract/orders.ts';
import { openSqlite } from '../../db/sqlite.ts';
import { request } from '../support/kiosk-in-process.ts';
import type { ServiceProcess } from '../support/service-process.ts';
import { bookOf } from '../support/sales.ts';
import { TEST_PIN } from '../support/staff-login.ts';
import type { Op } from './ledger-check.ts';

/**
 * The counter screen's side of the kill test: it sends sales and refunds with ids it chose,
 * remembers what was acknowledged, and after a restart retries some of what was never answered.
 */
export class KillClient {
  private answers = 0;
  private waiters: Array<{ at: number; resolve: () => void }> = [];
  private dead = false;

  private constructor(
    private readonly service: ServiceProcess,
    private readonly dataDir: string,
    private readonly cookies: { staff: string; supervisor: string },
    private readonly ops: Op[],
    private readonly random: () => number,
  ) {}

  static async connect(service: ServiceProcess, dataDir: string, accounts: { staffId: string; supervisorId: string }, ops: Op[], random: () => number): Promise<KillClient> {
    const signIn = async (accountId: string): Promise<string> => {
      const code = new URL(await service.bootUrl('/')).hash.replace('#boot=', '');
      const origin = `http://127.0.0.1:${service.port}`;
      const res = await request(service.port, { method: 'POST', path: '/api/session', headers: { origin }, body: { code } });
      const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
      const signed = await request(service.port, { method: 'POST', path: '/api/staff/sign-in', headers: { origin, cookie }, body: { accountId, pin: TEST_PIN } });
      if (signed.status !== 200) throw new Error(`sign-in failed: ${signed.status} ${signed.body}`);
      return cookie;
    };
    const [staff, supervisor] = await Promise.all([signIn(accounts.staffId), signIn(accounts.supervisorId)]);
    return new KillClient(service, dataDir, { staff, supervisor }, ops, random);
  }

  /** The active catalogue, read from the service's own database file (a second WAL reader). */
  manifest(): Promise<ContentManifest> {
    const db = openSqlite(path.join(this.dataDir, 'kiosk.db'), { readonly: true });
    try {
      const raw = db.prepare('SELECT p.manifest FROM content_active a JOIN content_packages p ON p.version = a.version').pluck().get() as string;
      return Promise.resolve(JSON.parse(raw) as ContentManifest);
    } finally {
      db.close();
    }
  }

  /** Re-sends each unanswered request (same id, same body) with probability `share`. */
  async retryPending(share: number): Promise<void> {
    for (const op of this.ops.filter((o) => o.state === 'pending')) {
      if (this.random() >= share) continue;
      op.retried += 1;
      await this.send(op);
      if (op.state === 'pending') throw new Error(`retry of ${op.kind} ${op.id} got no answer from a running service`);
    }
  }

  /** `workers` loops of sales (and refunds of acknowledged sales) until the service dies. */
  load(manifest: ContentManifest, workers: number): Promise<void> {
    const loop = async (): Promise<void> => {
      while (!this.dead) await this.send(this.nextOp(manifest));
    };
    return Promise.all(Array.from({ length: workers }, loop)).then(() => undefined);
  }

  /** Resolves after `n` more answers, plus a random few milliseconds (the kill lands mid-flight). */
  async waitForAnswers(n: number): Promise<void> {
    const target = this.answers + n;
    await new Promise<void>((resolve) => this.waiters.push({ at: target, resolve }));
    await new Promise((r) => setTimeout(r, Math.floor(this.random() * 15)));
  }

  private nextOp(manifest: ContentManifest): Op {
    const refundable = this.ops.filter((o) => o.kind === 'sale' && o.state === 'acked' && o.amountFen - this.refundedOf(o.id) > 0);
    if (refundable.length > 0 && this.random() < 0.25) {
      const sale = refundable[Math.floor(this.random() * refundable.length)] as Op;
      const left = sale.amountFen - this.refundedOf(sale.id);
      const amount = 1 + Math.floor(this.random() * left);
      const op: Op = { kind: 'refund', id: randomUUID(), saleId: sale.id, amountFen: amount, body: { refundId: '', amountFen: amount, reason: 'kill test', void: false }, state: 'pending', retried: 0 };
      op.body.refundId = op.id;
      this.ops.push(op);
      return op;
    }
    const lines = Array.from({ length: 1 + Math.floor(this.random() * 3) }, (_, i) => {
      const product = manifest.products[(Math.floor(this.random() * 5) + i * 5) % manifest.products.length];
      if (!product) throw new Error('no products');
      return { productId: product.id, quantity: 1 + Math.floor(this.random() * 4), unitPriceFen: unitPrice(bookOf(manifest), product, Date.now()).priceFen };
    });
    const total = lines.reduce((a, l) => a + l.quantity * l.unitPriceFen, 0);
    const cash = this.random() < 0.5;
    const id = randomUUID();
    const op: Op = { kind: 'sale', id, saleId: id, amountFen: total, body: { saleId: id, contentVersion: manifest.version, lines, method: cash ? 'cash' : 'card', tenderedFen: cash ? total + Math.floor(this.random() * 5000) : null }, state: 'pending', retried: 0 };
    this.ops.push(op);
    return op;
  }

  private refundedOf(saleId: string): number {
    return this.ops.filter((o) => o.kind === 'refund' && o.saleId === saleId && o.state !== 'refused').reduce((a, o) => a + o.amountFen, 0);
  }

  private async send(op: Op): Promise<void> {
    const isSale = op.kind === 'sale';
    const origin = `http://127.0.0.1:${this.service.port}`;
    try {
      const res = await request(this.service.port, { method: 'POST', path: isSale ? '/api/sales' : `/api/sales/${op.saleId}/refund`, headers: { origin, cookie: isSale ? this.cookies.staff : this.cookies.supervisor }, body: op.body });
      op.state = res.status === 200 || res.status === 201 ? 'acked' : 'refused';
      op.status = res.status;
      op.answer = res.body;
      this.answers += 1;
      for (const w of this.waiters.filter((x) => x.at <= this.answers)) w.resolve();
      this.waiters = this.waiters.filter((x) => x.at > this.answers);
    } catch {
      this.dead = true; // killed mid-request: the answer is unknown, the op stays pending
    }
  }
}
