// Line charts as inline SVG: a probe's values over the run, or the weight. No library: an axis,
// a line, and a marker per measurement whose shape tells its verdict (a dot passes, a cross fails,
// a ring has no data or erred), so colour is never the only signal.
import { h } from './dom.js';

const W = 480, H = 160, PAD = { l: 46, r: 10, t: 10, b: 26 };

function fmt(v) {
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4)) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

/** An axis label: two significant digits, so it fits the margin. */
function tick(v) {
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(0);
  return String(Number(v.toPrecision(2)));
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * points: [{at, value, verdict}], oldest first. opts: {title, step: true for a step line (weight),
 * min, max, unit}. Returns an <svg> with role=img and a text summary as its accessible name.
 */
export function lineChart(points, opts = {}) {
  const pts = points.map((p) => ({ t: Date.parse(p.at), v: p.value, verdict: p.verdict })).filter((p) => !isNaN(p.t));
  const unit = opts.unit || '';
  const last = pts.at(-1);
  const summary = pts.length === 0 ? `${opts.title}: no values yet`
    : `${opts.title}: ${pts.length} value${pts.length === 1 ? '' : 's'}, last ${fmt(last.v)}${unit}`
      + `, lowest ${fmt(Math.min(...pts.map((p) => p.v)))}${unit}, highest ${fmt(Math.max(...pts.map((p) => p.v)))}${unit}`;
  const svg = h('svg:svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, class: 'chart' },
    h('svg:title', {}, summary));
  const x0 = PAD.l, x1 = W - PAD.r, y0 = H - PAD.b, y1 = PAD.t;
  svg.append(h('svg:line', { x1: x0, y1: y0, x2: x1, y2: y0, class: 'axis' }),
    h('svg:line', { x1: x0, y1: y0, x2: x0, y2: y1, class: 'axis' }));
  if (pts.length === 0) {
    svg.append(h('svg:text', { x: (x0 + x1) / 2, y: (y0 + y1) / 2, 'text-anchor': 'middle', class: 'empty' }, 'no values yet'));
    return svg;
  }
  let lo = opts.min ?? Math.min(...pts.map((p) => p.v));
  let hi = opts.max ?? Math.max(...pts.map((p) => p.v));
  if (hi === lo) { hi += 1; lo -= lo === 0 ? 0 : 1; }
  const tStart = pts[0].t;
  const tEnd = Math.max(opts.until ?? 0, last.t, tStart + 1000);
  const x = (t) => x0 + ((t - tStart) / (tEnd - tStart)) * (x1 - x0);
  const y = (v) => y0 - ((v - lo) / (hi - lo)) * (y0 - y1);
  for (const v of [lo, hi]) {
    svg.append(h('svg:text', { x: x0 - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, tick(v) + unit));
    svg.append(h('svg:line', { x1: x0, y1: y(v), x2: x1, y2: y(v), class: 'grid' }));
  }
  svg.append(h('svg:text', { x: x0, y: H - 6, class: 'tick' }, clock(tStart)),
    h('svg:text', { x: x1, y: H - 6, 'text-anchor': 'end', class: 'tick' }, clock(tEnd)));
  let d = '';
  pts.forEach((p, i) => {
    if (i === 0) d += `M${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
    else if (opts.step) d += `H${x(p.t).toFixed(1)}V${y(p.v).toFixed(1)}`;
    else d += `L${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`;
  });
  if (opts.step) d += `H${x(tEnd).toFixed(1)}`;
  svg.append(h('svg:path', { d, class: 'line', fill: 'none' }));
  if (!opts.step) {
    for (const p of pts.slice(-120)) {
      const cx = x(p.t), cy = y(p.v);
      if (p.verdict === 'Fail') {
        svg.append(h('svg:path', { d: `M${cx - 4},${cy - 4}L${cx + 4},${cy + 4}M${cx - 4},${cy + 4}L${cx + 4},${cy - 4}`, class: 'mark fail' }));
      } else if (p.verdict === 'Pass') {
        svg.append(h('svg:circle', { cx, cy, r: 2.5, class: 'mark pass' }));
      } else {
        svg.append(h('svg:circle', { cx, cy, r: 3.5, class: 'mark other', fill: 'none' }));
      }
    }
  }
  return svg;
}
