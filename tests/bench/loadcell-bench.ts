import { scoreDetector, summarise, type Figures, type Report, type Summary } from '../loadcell/score.ts';
import { round, type Metric } from './stats.ts';

/**
 * The pick detector on the shelf-physics scenarios (tests/physics/loadcell), strictly
 * scored (tests/loadcell/score.ts): ≥ 5,000 lifts per sample rate by default
 * (`LOADCELL_LIFTS` overrides). Prints headline figures over both rates, then per rate,
 * per lift condition and per cell size.
 */
const RATES = [80, 10] as const;
const CONDITIONS = ['single', 'multi', 'staggered', 'dragged', 'hand-press'] as const;

function combine(a: Figures, b: Figures): Figures {
  return {
    lifts: a.lifts + b.lifts,
    liftWrong: a.liftWrong + b.liftWrong,
    liftUncertain: a.liftUncertain + b.liftUncertain,
    puts: a.puts + b.puts,
    putWrong: a.putWrong + b.putWrong,
    putUncertain: a.putUncertain + b.putUncertain,
    wrongItems: a.wrongItems + b.wrongItems,
    wrongItemsCounted: a.wrongItemsCounted + b.wrongItemsCounted,
    falseStarts: a.falseStarts + b.falseStarts,
    falseConfirms: a.falseConfirms + b.falseConfirms,
    hours: a.hours + b.hours,
    confirmAfterMotionMs: [...a.confirmAfterMotionMs, ...b.confirmAfterMotionMs],
    liftStartMs: [...a.liftStartMs, ...b.liftStartMs],
  };
}

function metricsFor(s: Summary, suffix: string, perLiftOnly = false): Metric[] {
  const lifts = `${s.lifts} lifts`;
  const out: Metric[] = [
    { name: `loadcell_wrong_count_rate${suffix}`, value: round(s.wrongCountRate, 5), unit: `per lift, strict (${lifts})`, goal: '≤ 0.001' },
    { name: `loadcell_uncertain_rate${suffix}`, value: round(s.uncertainRate, 5), unit: `per lift (${lifts})`, goal: '≤ 0.02' },
    { name: `loadcell_confirm_ms_p95${suffix}`, value: round(s.confirmMsP95), unit: 'ms simulated, from end of motion', goal: '≤ 1000' },
  ];
  if (!perLiftOnly) out.push({ name: `loadcell_false_starts_per_hour${suffix}`, value: round(s.falseStartsPerHour, 3), unit: `per hour (${round(s.hours, 1)} h simulated)`, goal: '≤ 1' });
  return out;
}

function extraMetrics(s: Summary, suffix: string): Metric[] {
  return [
    { name: `loadcell_lift_start_ms_p95${suffix}`, value: round(s.liftStartMsP95), unit: 'ms simulated, from the first item starting to move' },
    { name: `loadcell_put_wrong_count_rate${suffix}`, value: round(s.putWrongCountRate, 5), unit: `per put (${s.puts} puts)` },
    { name: `loadcell_put_uncertain_rate${suffix}`, value: round(s.putUncertainRate, 5), unit: `per put (${s.puts} puts)` },
    { name: `loadcell_false_confirms_per_hour${suffix}`, value: round(s.falseConfirmsPerHour, 3), unit: 'confirmations during knocks, leans, start-up touches' },
    { name: `loadcell_wrong_item_counted_rate${suffix}`, value: round(s.wrongItemCountedRate, 3), unit: `foreign items confirmed as a count (${s.wrongItems})` },
  ];
}

export interface LoadCellBenchResult {
  metrics: Metric[];
  reports: Map<10 | 80, Report>;
}

export function measureLoadCells(minLifts = Number(process.env.LOADCELL_LIFTS ?? 5000)): LoadCellBenchResult {
  const reports = new Map<10 | 80, Report>();
  for (const sps of RATES) reports.set(sps, scoreDetector({ samplesPerSecond: sps, minLifts }));
  const get = (sps: 10 | 80, key: string): Figures | undefined => reports.get(sps)?.get(key);
  const all80 = get(80, 'all');
  const all10 = get(10, 'all');
  if (!all80 || !all10) throw new Error('no load-cell figures');
  const metrics: Metric[] = [...metricsFor(summarise(combine(all80, all10)), ''), ...extraMetrics(summarise(combine(all80, all10)), '')];
  for (const sps of RATES) {
    const all = get(sps, 'all');
    if (all) metrics.push(...metricsFor(summarise(all), `_${sps}sps`), ...extraMetrics(summarise(all), `_${sps}sps`));
    for (const cell of ['20kg', '5kg']) {
      const f = get(sps, `cell:${cell}`);
      if (f) metrics.push(...metricsFor(summarise(f), `_${sps}sps_${cell}`));
    }
    for (const c of CONDITIONS) {
      const f = get(sps, `condition:${c}`);
      if (f) metrics.push(...metricsFor(summarise(f), `_${sps}sps_${c}`, true));
    }
  }
  return { metrics, reports };
}

export function runLoadCellBench(): Promise<Metric[]> {
  return Promise.resolve(measureLoadCells().metrics);
}

/** One row per group: the figures docs/load-cells.md quotes. */
export function formatTable(reports: Map<10 | 80, Report>): string {
  const lines = ['| rate | group | lifts | wrong (strict) | uncertain | confirm p95 from end of motion | false starts / h | puts | put wrong | put uncertain | false confirms / h |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  const pct = (v: number): string => `${(100 * v).toFixed(2)} %`;
  for (const [sps, report] of reports) {
    for (const key of [...report.keys()].sort()) {
      const f = report.get(key);
      if (!f) continue;
      const s = summarise(f);
      const perHour = key.startsWith('condition:') ? '—' : s.falseStartsPerHour.toFixed(2);
      const falseConfirms = key.startsWith('condition:') ? '—' : s.falseConfirmsPerHour.toFixed(2);
      lines.push(`| ${sps} SPS | ${key} | ${s.lifts} | ${pct(s.wrongCountRate)} | ${pct(s.uncertainRate)} | ${Math.round(s.confirmMsP95)} ms | ${perHour} | ${s.puts} | ${pct(s.putWrongCountRate)} | ${pct(s.putUncertainRate)} | ${falseConfirms} |`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const { metrics, reports } = measureLoadCells();
  for (const m of metrics) console.log(JSON.stringify({ name: m.name, value: m.value, unit: m.unit }));
  console.log('');
  console.log(formatTable(reports));
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
