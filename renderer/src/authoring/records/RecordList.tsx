import { batchKey, type RecordKind } from '../../../../contract/authoring.ts';
import { isScheduledNow } from '../../../../contract/campaign-schedule.ts';
import { pickText } from '../../../../contract/locale.ts';
import { toHallLocal } from '../form/hall-time.ts';
import { useApp } from '../shell/app-context.ts';
import { routeHref } from '../shell/route.ts';

const TITLES: Record<Exclude<RecordKind, 'product'>, string> = {
  producer: '生产者 · Producers',
  pairing: '帮扶关系 · Pairings',
  batch: '批次 · Batches',
  campaign: '活动 · Campaigns',
  liveStream: '直播 · Live streams',
};

interface Row {
  id: string;
  cells: string[];
}

/** A list of producers, pairings, batches or campaigns, each opening its editor. */
export function RecordList({ kind }: { kind: Exclude<RecordKind, 'product'> }) {
  const { catalogue } = useApp();
  const [head, rows] = rowsOf(kind, catalogue);
  return (
    <section className="page" data-testid={`list-${kind}`}>
      <header className="page-head">
        <h1>{TITLES[kind]}</h1>
        <span className="muted">{rows.length}</span>
        <a className="btn primary" href={routeHref({ screen: 'edit', kind, id: null })}>
          ＋ 新建 New
        </a>
      </header>
      <table className="list-table">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-id={r.id}>
              {r.cells.map((c, i) => (
                <td key={i} className="clip">
                  {i === 0 ? <a href={routeHref({ screen: 'edit', kind, id: r.id })}>{c}</a> : c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function rowsOf(kind: Exclude<RecordKind, 'product'>, cat: ReturnType<typeof useApp>['catalogue']): [string[], Row[]] {
  const zh = (t: Parameters<typeof pickText>[0]) => pickText(t, 'zh-CN');
  switch (kind) {
    case 'producer':
      return [
        ['名称 Name', '类型 Kind', '县区 County', '农户 Households', '商品 Products'],
        cat.producers.map((p) => ({ id: p.id, cells: [zh(p.name), p.kind, zh(p.county), p.households === undefined ? '—' : String(p.households), String(cat.products.filter((x) => x.producerId === p.id).length)] })),
      ];
    case 'pairing':
      return [
        ['帮扶方 → 受帮扶方', '开始 Since', '商品 Products'],
        cat.pairings.map((p) => ({ id: p.id, cells: [`${zh(p.helper)} → ${zh(p.helped)}`, p.since === undefined ? '—' : String(p.since), String(cat.products.filter((x) => x.pairingId === p.id).length)] })),
      ];
    case 'batch':
      return [
        ['批次 Code', '商品 Product', '采收 Harvest', '检测 Inspection'],
        cat.batches.map((b) => ({
          id: batchKey(b),
          cells: [b.code, zh(cat.products.find((p) => p.id === b.productId)?.name) || b.productId, b.harvestDate, b.inspection === undefined ? '—' : `${b.inspection.result} · ${b.inspection.date}`],
        })),
      ];
    case 'campaign': {
      const now = Date.now();
      return [
        ['标题 Title', '展区 Zones', '时段 Window', '此刻 Now'],
        cat.campaigns.map((c) => ({
          id: c.id,
          cells: [
            zh(c.title),
            c.zones === undefined || c.zones.length === 0 ? '全部 all' : c.zones.join(', '),
            c.schedule === undefined ? '全天 all day' : `${c.schedule.from ?? '00:00'}–${c.schedule.to ?? '24:00'}`,
            isScheduledNow(c, undefined, now) ? '播放中 playing' : '—',
          ],
        })),
      ];
    }
    case 'liveStream': {
      const now = Date.now();
      const hall = (iso: string) => toHallLocal(Date.parse(iso)).replace('T', ' ');
      const state = (from: number, to: number) => (now < from ? '未开始 upcoming' : now < to ? '直播中 live' : '已结束 past');
      return [
        ['标题 Title', '开始 Starts (+08:00)', '结束 Ends', '展区 Zones', '状态 State'],
        [...cat.liveStreams]
          .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
          .map((x) => ({
            id: x.id,
            cells: [zh(x.title), hall(x.startsAt), hall(x.endsAt), x.zones === undefined || x.zones.length === 0 ? '全部 all' : x.zones.join(', '), state(Date.parse(x.startsAt), Date.parse(x.endsAt))],
          })),
      ];
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}
