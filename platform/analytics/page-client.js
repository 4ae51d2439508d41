/* global document, window, echarts */
// The impact page's charts (ECharts, served by the platform itself). Data come from the
// page's #analytics-data JSON; window.__charts exposes each chart for tests.
(function () {
  const source = document.getElementById('analytics-data');
  if (!source) return;
  const data = JSON.parse(source.textContent || '{}');
  const charts = {};
  const font = '"Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei",sans-serif';
  // No animation: an admin reads figures, and a screenshot or a test sees the final chart at once.
  const base = (labels) => ({
    animation: false,
    textStyle: { fontFamily: font },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 2 ? 30 : 0, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'value' },
  });
  const options = {
    county: (d) => ({ ...base(d.labels), series: [{ type: 'bar', name: '销售额', data: d.values, itemStyle: { color: '#c0392b' } }] }),
    pairing: (d) => ({ ...base(d.labels), series: [{ type: 'bar', name: '销售额', data: d.values, itemStyle: { color: '#d35400' } }] }),
    period: (d) => ({ ...base(d.labels), series: [{ type: 'line', name: '销售额', data: d.values, areaStyle: {} }] }),
    units: (d) => ({
      ...base(d.labels),
      yAxis: { type: 'value', max: 100 },
      series: [{ type: 'bar', name: '帮扶产品占比', data: d.values, markLine: { symbol: 'none', data: [{ yAxis: d.target, name: '目标' }], lineStyle: { color: '#c0392b', width: 2 }, label: { position: 'insideEndTop', formatter: '目标 {c}%', color: '#c0392b' } } }],
    }),
    funnel: (d) => ({ ...base(d.labels), series: [{ type: 'bar', name: '数量', data: d.values, itemStyle: { color: '#27ae60' } }] }),
  };
  for (const el of document.querySelectorAll('[data-chart]')) {
    const name = el.getAttribute('data-chart');
    const d = data[name];
    if (!d || !options[name]) continue;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(options[name](d));
    charts[name] = chart;
  }
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  window.__charts = charts;
  document.body.setAttribute('data-charts-ready', String(Object.keys(charts).length));
})();
