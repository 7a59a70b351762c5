import { h, replace, dash, seconds, phaseBadge, announcer } from './dom.js';
import { subscribe } from './stream.js';

const body = document.querySelector('#releases tbody');
const summary = document.getElementById('summary');
const announce = announcer(document.getElementById('announce'));
const seen = new Map();
const COLUMNS = ['Release', 'Phase', 'Step', 'Weight', 'Version', 'Stable', 'Last rollback'];

function row(r) {
  const href = `/releases/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`;
  const cells = [
    h('a', { href }, h('span', { class: 'ns' }, r.namespace, '/'), r.name),
    phaseBadge(r.phase),
    dash(r.step),
    r.weight === null || r.weight === undefined ? '-' : `${r.weight}%`,
    dash(r.version),
    dash(r.stableVersion),
    r.rollbackSeconds === null || r.rollbackSeconds === undefined ? '-' : `${seconds(r.rollbackSeconds)} (${dash(r.rollbackReason)})`,
  ];
  const tr = h('tr', { 'data-release': `${r.namespace}/${r.name}` });
  cells.forEach((c, i) => tr.append(i === 0 ? h('th', { scope: 'row', 'data-label': COLUMNS[i] }, c)
    : h('td', { 'data-label': COLUMNS[i], 'data-col': COLUMNS[i].toLowerCase().replace(' ', '-') }, c)));
  return tr;
}

subscribe('/events', 'list', (snapshot) => {
  const releases = snapshot.releases;
  replace(body, releases.map(row));
  const moving = releases.filter((r) => ['Pending', 'Progressing', 'Paused', 'Promoting', 'RollingBack'].includes(r.phase)).length;
  summary.textContent = releases.length === 0
    ? `No SwarmReleases in ${snapshot.scope}.`
    : `${releases.length} release${releases.length === 1 ? '' : 's'} in ${snapshot.scope}, ${moving} in flight.`;
  // Announce only the releases whose phase, step or weight moved since the last snapshot.
  const changed = [];
  for (const r of releases) {
    const key = `${r.namespace}/${r.name}`;
    const now = `${r.phase || 'no phase'}, step ${dash(r.step)}, weight ${r.weight ?? '-'}%`;
    if (seen.has(key) && seen.get(key) !== now) changed.push(`${r.name}: ${now}`);
    seen.set(key, now);
  }
  announce(changed.join('; '));
}, document.getElementById('connection'));
