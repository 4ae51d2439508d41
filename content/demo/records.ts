import type { Batch, Producer } from '../../contract/authoring.ts';
import { DEMO_PAIRING_LIST, DEMO_PAIRINGS, type DemoPairing } from './pairings.ts';
import { DEMO_PRODUCTS } from './products.ts';
import { joinTri, t, type DemoEntry, type Tri } from './types.ts';

/*
 * The demo catalogue's authoring records (contract/authoring.ts): producers, pairings and
 * batches, so a platform seeded with the demo starts with records, not empty tabs.
 *
 * - Pairings come from the articles (pairings.ts, each cites its article).
 * - No article names a producer, a batch or a harvest date for any product (SEED-FACTS §5), so
 *   every producer and batch is demo: a producer is made from its products' own origin text
 *   (same name, county and township, all already labelled 示例 / demo) and carries the product's
 *   demo origin source; a batch keeps the product's batch code, and its dates fall inside the
 *   product's harvest text (2024年10月 → a day in October 2024; 春 → Feb–May; 秋 → Aug–Nov).
 */

type ProducerKind = Producer['kind'];

/** What the records add to one demo product: whom it is from, which pairing, when its batch was harvested. */
interface ProductRefs {
  producer: string;
  /** Absent when the product's line is not a pairing (衡阳's own counties). */
  pairing?: DemoPairing;
  harvestDate: string;
  packedDate?: string;
}

const P = DEMO_PAIRINGS;

/** Producer ids and kinds (合作社 co-op; 联营 / company; 养鸡场, 茶园 family farm; 作坊, 酒坊 household). */
const PRODUCER_KINDS: Record<string, ProducerKind> = {
  'demo-dy-hill-veg-coop': 'co-op',
  'demo-dy-orchard-coop': 'co-op',
  'demo-dy-garden-coop': 'co-op',
  'demo-dy-poultry-farm': 'family-farm',
  'demo-dy-rice-coop': 'co-op',
  'demo-dy-soy-workshop': 'household',
  'demo-dy-oil-tea-coop': 'co-op',
  'demo-dy-tea-garden': 'family-farm',
  'demo-dy-winery': 'household',
  'demo-dy-produce-partners': 'company',
  'demo-mb-vine-tea-coop': 'co-op',
  'demo-mb-produce-partners': 'company',
  'demo-gs-lily-coop': 'co-op',
  'demo-gs-apple-coop': 'co-op',
  'demo-gs-potato-coop': 'co-op',
  'demo-ln-pepper-coop': 'co-op',
  'demo-ln-produce-partners': 'company',
  'demo-gs-village-coop': 'co-op',
  'demo-hy-fruit-coop': 'co-op',
  'demo-hy-produce-partners': 'company',
  'demo-ss-grape-coop': 'co-op',
  'demo-ss-melon-coop': 'co-op',
  'demo-hg-produce-partners': 'company',
  'demo-ly-bee-coop': 'co-op',
  'demo-lg-tea-garden': 'family-farm',
};

/** Per product id, in shelf order. */
const REFS: Record<string, ProductRefs> = {
  'dongyuan-veg-box': { producer: 'demo-dy-hill-veg-coop', pairing: P.yantianDongyuan, harvestDate: '2024-10-12' },
  'dongyuan-fruit-box': { producer: 'demo-dy-orchard-coop', pairing: P.yantianDongyuan, harvestDate: '2024-10-18' },
  'dongyuan-greens': { producer: 'demo-dy-garden-coop', pairing: P.yantianDongyuan, harvestDate: '2024-10-25' },
  'dongyuan-eggs': { producer: 'demo-dy-poultry-farm', pairing: P.yantianDongyuan, harvestDate: '2024-10-20' },
  'dongyuan-rice': { producer: 'demo-dy-rice-coop', pairing: P.yantianDongyuan, harvestDate: '2024-09-20' },
  'dongyuan-yuba': { producer: 'demo-dy-soy-workshop', pairing: P.yantianDongyuan, harvestDate: '2024-10-08' },
  'dongyuan-camellia-oil': { producer: 'demo-dy-oil-tea-coop', pairing: P.yantianDongyuan, harvestDate: '2024-11-06' },
  'dongyuan-tea': { producer: 'demo-dy-tea-garden', pairing: P.yantianDongyuan, harvestDate: '2024-04-02' },
  'dongyuan-huangjiu': { producer: 'demo-dy-winery', pairing: P.yantianDongyuan, harvestDate: '2024-01-16' },
  'dongyuan-selection': { producer: 'demo-dy-produce-partners', pairing: P.yantianDongyuan, harvestDate: '2024-11-02', packedDate: '2024-11-05' },
  'maoba-vine-tea': { producer: 'demo-mb-vine-tea-coop', pairing: P.zhengxiangMaoba, harvestDate: '2024-05-10' },
  'maoba-vine-tea-gift': { producer: 'demo-mb-vine-tea-coop', pairing: P.zhengxiangMaoba, harvestDate: '2024-05-10', packedDate: '2024-05-20' },
  'maoba-specialty-box': { producer: 'demo-mb-produce-partners', pairing: P.zhengxiangMaoba, harvestDate: '2024-05-16', packedDate: '2024-08-06' },
  'lanzhou-lily': { producer: 'demo-gs-lily-coop', pairing: P.eastGansu, harvestDate: '2024-09-12' },
  'lanzhou-lily-dried': { producer: 'demo-gs-lily-coop', pairing: P.eastGansu, harvestDate: '2024-09-12', packedDate: '2024-10-08' },
  'jingning-apple': { producer: 'demo-gs-apple-coop', pairing: P.eastGansu, harvestDate: '2024-10-10' },
  'dingxi-potato': { producer: 'demo-gs-potato-coop', pairing: P.eastGansu, harvestDate: '2024-09-22' },
  'longnan-dahongpao-pepper': { producer: 'demo-ln-pepper-coop', pairing: P.qingdaoLongnan, harvestDate: '2024-08-05' },
  'longnan-specialty-box': { producer: 'demo-ln-produce-partners', pairing: P.qingdaoLongnan, harvestDate: '2024-09-03', packedDate: '2024-09-10' },
  'gansu-assisted-village-box': { producer: 'demo-gs-village-coop', pairing: P.armyGansuVillages, harvestDate: '2024-10-09', packedDate: '2024-10-12' },
  'huayuan-kiwi-demo': { producer: 'demo-hy-fruit-coop', pairing: P.hengyangHuayuan, harvestDate: '2024-10-15' },
  'huayuan-specialty-box-demo': { producer: 'demo-hy-produce-partners', pairing: P.hengyangHuayuan, harvestDate: '2024-10-20', packedDate: '2024-10-24' },
  'shanshan-raisins-demo': { producer: 'demo-ss-grape-coop', pairing: P.hengyangShanshan, harvestDate: '2024-09-10' },
  'shanshan-melon-demo': { producer: 'demo-ss-melon-coop', pairing: P.hengyangShanshan, harvestDate: '2024-08-20' },
  'hengyang-county-box-demo': { producer: 'demo-hg-produce-partners', harvestDate: '2024-10-18', packedDate: '2024-10-22' },
  'leye-honey-demo': { producer: 'demo-ly-bee-coop', pairing: P.yantianLeye, harvestDate: '2024-09-18' },
  'lingyun-tea-demo': { producer: 'demo-lg-tea-garden', pairing: P.yantianLingyun, harvestDate: '2024-10-08' },
};

function refsOf(productId: string): ProductRefs {
  const refs = REFS[productId];
  if (!refs) throw new Error(`demo product ${productId} has no records (content/demo/records.ts)`);
  return refs;
}

/** The record references a demo product carries in the package: `producerId` and (when it has one) `pairingId`. */
export function demoRecordRefs(productId: string): { producerId: string; pairingId?: string } {
  const refs = refsOf(productId);
  return { producerId: refs.producer, ...(refs.pairing ? { pairingId: refs.pairing.id } : {}) };
}

/** A producer from the first product that names it: the same name, county and township, and that product's demo origin source. */
function producerFrom(id: string, e: DemoEntry): Producer {
  const kind = PRODUCER_KINDS[id];
  if (!kind) throw new Error(`demo producer ${id} has no kind (content/demo/records.ts)`);
  const o = e.product.origin;
  return { id, kind, name: o.producer, county: o.county, township: o.township, source: o.source };
}

function demoProducers(): Producer[] {
  const byId = new Map<string, Producer>();
  for (const e of DEMO_PRODUCTS) {
    const id = refsOf(e.product.id).producer;
    if (!byId.has(id)) byId.set(id, producerFrom(id, e));
  }
  return [...byId.values()];
}

const BATCH_NOTE = t('演示批次:批次号与日期均为示例数据。商品标注的采收期:', '演示批次:批次號與日期均為示例資料。商品標註的採收期:', 'Demo batch: its code and dates are examples. Harvest as the product states it:');

function demoBatch(e: DemoEntry): Batch {
  const p = e.product;
  const refs = refsOf(p.id);
  const notes: Tri = joinTri(BATCH_NOTE, p.origin.harvest);
  return {
    code: p.traceBatch,
    productId: p.id,
    producerId: refs.producer,
    harvestDate: refs.harvestDate,
    ...(refs.packedDate ? { packedDate: refs.packedDate } : {}),
    notes,
    source: p.origin.source,
  };
}

/** Every record the demo catalogue seeds: producers and batches are demo, pairings cite their articles. */
export interface DemoRecords {
  producers: Producer[];
  pairings: DemoPairing[];
  batches: Batch[];
}

/** The demo catalogue's records (fresh objects on every call). */
export function demoRecords(): DemoRecords {
  return { producers: demoProducers(), pairings: structuredClone([...DEMO_PAIRING_LIST]), batches: DEMO_PRODUCTS.map(demoBatch) };
}
