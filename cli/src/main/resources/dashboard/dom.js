// Small DOM helpers: elements are built with text nodes only (never innerHTML), so nothing a
// release carries is ever parsed as markup.

/** h('td', {class: 'x', 'data-label': 'Phase'}, 'text', child, ...) */
export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** A measured value, to 4 significant digits: 0.003355667 -> "0.003356". */
export function num(v) {
  if (v === null || v === undefined) return '-';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

export const dash = (v) => (v === null || v === undefined || v === '' ? '-' : String(v));

/** 0.4 -> "0.4 s", 75 -> "1m15s", 4000 -> "1h6m" */
export function seconds(s) {
  if (s === null || s === undefined) return '-';
  if (s < 60) return `${Math.round(s * 10) / 10} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${Math.round(s % 60)}s`;
  const hours = Math.floor(m / 60);
  return hours < 48 ? `${hours}h${m % 60}m` : `${Math.floor(hours / 24)}d${hours % 24}h`;
}

export function time(iso) {
  if (!iso) return '-';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** A phase as text with a symbol, so colour is never the only signal. */
const SYMBOLS = {
  Pending: '○', Progressing: '▶', Paused: '‖', Promoting: '↑', Succeeded: '✓', RollingBack: '↺',
  RolledBack: '↩', Degraded: '✗', InvalidSpec: '⚠',
};

export function phaseBadge(phase) {
  const p = phase || 'Unknown';
  return h('span', { class: 'phase', 'data-phase': p }, h('span', { 'aria-hidden': 'true' }, SYMBOLS[p] || '?'), ' ', p);
}

export function setPhase(el, phase) {
  const p = phase || 'Unknown';
  el.dataset.phase = p;
  replace(el, h('span', { 'aria-hidden': 'true' }, SYMBOLS[p] || '?'), ' ', p);
}

/** Says a change out loud to screen readers (the region is aria-live=polite), once per change. */
export function announcer(el) {
  let last = null;
  return (text) => {
    if (text && text !== last) {
      el.textContent = text;
      last = text;
    }
  };
}
