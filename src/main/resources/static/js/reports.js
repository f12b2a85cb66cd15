// The report page's charts, drawn with ECharts (SVG, so they print and scale); each has its table one click away.
(function () {
  'use strict';
  const source = document.getElementById('chart-data');
  const data = source ? JSON.parse(source.dataset.charts) : null;
  if (!data || !window.echarts) {
    return;
  }
  const labels = data.labels || {};
  const colours = ['#2563eb', '#10b981', '#f59e0b', '#ef4444'];
  const base = {
    color: colours,
    textStyle: { fontFamily: 'sans-serif' },
    grid: { left: 48, right: 32, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    animation: false
  };
  const horizontalBars = (names, values, series, itemColours) => Object.assign({}, base, {
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{ type: 'bar', name: series, data: values.map((v, i) => itemColours
      ? { value: v, itemStyle: { color: itemColours[i] } } : v), label: { show: true, position: 'right' } }]
  });
  const options = {
    funnel: () => horizontalBars(labels.funnel || [], data.funnel || [], ''),
    trend: () => Object.assign({}, base, {
      legend: { top: 0 },
      xAxis: { type: 'category', data: (data.trend.days || []).map((d) => d.substring(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: ['dials', 'connects', 'appointmentsSet'].map((k) => ({
        type: 'line', name: labels[k] || k, data: data.trend[k] || [], smooth: false, showSymbol: true
      }))
    }),
    leaderboard: () => horizontalBars(data.leaderboard.labels || [], data.leaderboard.appointmentsSet || [],
      labels.appointmentsSet || ''),
    outcomes: () => horizontalBars(labels.outcomes || [], data.outcomes.calls || [], labels.dials || '',
      (data.outcomes.connected || []).map((c) => (c ? colours[1] : colours[3])))
  };
  const charts = [];
  document.querySelectorAll('[data-chart]').forEach((el) => {
    const make = options[el.dataset.chart];
    if (!make) {
      return;
    }
    const option = make();
    const rows = option.yAxis && option.yAxis.data ? option.yAxis.data.length : 0;
    if (option.yAxis && option.yAxis.type === 'category') {
      el.style.height = Math.max(220, 60 + rows * 30) + 'px';
    }
    const chart = window.echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    el.dataset.drawn = 'true';
    charts.push(chart);
  });
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
}());
