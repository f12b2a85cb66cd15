// The report page's charts, drawn here as plain SVG; each has its table one click away. Shapes carry only SVG
// geometry attributes and classes (colours live in callsheet.css): no inline style, so the page keeps its
// Content-Security-Policy (style-src 'self') without a single violation (issue 26).
(function () {
  'use strict';
  const source = document.getElementById('chart-data');
  const data = source ? JSON.parse(source.dataset.charts) : null;
  if (!data) {
    return;
  }
  const labels = data.labels || {};
  const NS = 'http://www.w3.org/2000/svg';
  let WIDTH = 640; // the chart's own width in CSS pixels, so its text is drawn at the page's size
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function node(parent, name, attributes, text) {
    const n = document.createElementNS(NS, name);
    Object.keys(attributes).forEach((k) => n.setAttribute(k, attributes[k]));
    if (text !== undefined) {
      n.textContent = text;
    }
    parent.appendChild(n);
    return n;
  }

  function canvas(el, height) {
    el.textContent = '';
    WIDTH = Math.max(320, Math.round(el.clientWidth || 640));
    return node(el, 'svg', { viewBox: '0 0 ' + WIDTH + ' ' + height, class: 'chart-svg', 'aria-hidden': 'true' });
  }

  /** A round top for an axis: 1, 2, 2.5 or 5 times a power of ten. */
  function top(max) {
    if (!(max > 0)) {
      return 1;
    }
    const power = Math.pow(10, Math.floor(Math.log10(max)));
    return [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= max);
  }

  function short(text) {
    const s = String(text);
    return s.length > 24 ? s.substring(0, 23) + '…' : s;
  }

  /** Horizontal bars, one row per name, each with its value beside it. */
  function bars(el, names, values, classes) {
    const row = 30;
    const pad = 8;
    const right = 64;
    const height = Math.max(120, pad * 2 + names.length * row);
    const svg = canvas(el, height);
    const left = Math.min(180, Math.round(WIDTH * 0.32));
    const max = top(Math.max(0, ...values.map(Number)));
    const width = WIDTH - left - right;
    node(svg, 'path', { d: 'M' + left + ' ' + pad + 'V' + (height - pad), class: 'chart-axis' });
    names.forEach((name, i) => {
      const y = pad + i * row;
      const value = Number(values[i]) || 0;
      const w = value > 0 ? Math.max(2, width * value / max) : 0;
      node(svg, 'text', { x: left - 8, y: y + row / 2 + 4, 'text-anchor': 'end', class: 'chart-label' }, short(name));
      const bar = node(svg, 'path', { d: 'M' + left + ' ' + (y + 5) + 'h' + w + 'v' + (row - 10) + 'h' + (-w) + 'z',
        class: 'chart-bar ' + (classes ? classes[i] : 's0') });
      node(bar, 'title', {}, name + ': ' + numbers.format(value));
      node(svg, 'text', { x: left + w + 6, y: y + row / 2 + 4, class: 'chart-value' }, numbers.format(value));
    });
  }

  /** Lines over days, one per series, with a legend above. */
  function lines(el, days, series) {
    const height = 280;
    const left = 48;
    const right = 16;
    const head = 36;
    const foot = 28;
    const svg = canvas(el, height);
    const max = top(Math.max(0, ...series.flatMap((s) => s.values.map(Number))));
    const plotWidth = WIDTH - left - right;
    const plotHeight = height - head - foot;
    const x = (i) => left + (days.length <= 1 ? plotWidth / 2 : plotWidth * i / (days.length - 1));
    const y = (v) => head + plotHeight - plotHeight * (Number(v) || 0) / max;
    for (let t = 0; t <= 4; t++) {
      const v = max * t / 4;
      node(svg, 'path', { d: 'M' + left + ' ' + y(v) + 'H' + (WIDTH - right), class: 'chart-grid' });
      node(svg, 'text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-label' }, numbers.format(v));
    }
    const every = Math.max(1, Math.ceil(days.length / 12));
    days.forEach((d, i) => {
      if (i % every === 0) {
        node(svg, 'text', { x: x(i), y: height - 8, 'text-anchor': 'middle', class: 'chart-label' }, d);
      }
    });
    series.forEach((s, k) => {
      if (s.values.length) {
        node(svg, 'path', { d: s.values.map((v, i) => (i ? 'L' : 'M') + x(i) + ' ' + y(v)).join(''),
          class: 'chart-line s' + k });
      }
      s.values.forEach((v, i) => {
        const dot = node(svg, 'circle', { cx: x(i), cy: y(v), r: 3, class: 'chart-dot s' + k });
        node(dot, 'title', {}, s.name + ' ' + days[i] + ': ' + numbers.format(Number(v) || 0));
      });
      const at = left + k * Math.floor((WIDTH - left) / Math.max(1, series.length));
      node(svg, 'path', { d: 'M' + at + ' 14h18', class: 'chart-line s' + k });
      node(svg, 'text', { x: at + 24, y: 18, class: 'chart-label' }, short(s.name));
    });
  }

  const draw = {
    funnel: (el) => bars(el, labels.funnel || [], data.funnel || []),
    trend: (el) => lines(el, ((data.trend && data.trend.days) || []).map((d) => d.substring(5)),
      ['dials', 'connects', 'appointmentsSet'].map((k) => ({ name: labels[k] || k,
        values: (data.trend && data.trend[k]) || [] }))),
    leaderboard: (el) => bars(el, (data.leaderboard && data.leaderboard.labels) || [],
      (data.leaderboard && data.leaderboard.appointmentsSet) || []),
    outcomes: (el) => bars(el, labels.outcomes || [], (data.outcomes && data.outcomes.calls) || [],
      ((data.outcomes && data.outcomes.connected) || []).map((c) => (c ? 's1' : 's3')))
  };
  document.querySelectorAll('[data-chart]').forEach((el) => {
    const make = draw[el.dataset.chart];
    if (make) {
      make(el);
      el.dataset.drawn = 'true';
    }
  });
}());
