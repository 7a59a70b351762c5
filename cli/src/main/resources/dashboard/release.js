import { h, replace, dash, num, seconds, time, setPhase, announcer } from './dom.js';
import { subscribe } from './stream.js';
import { lineChart } from './chart.js';

const [, , nsPart, namePart] = location.pathname.split('/');
const namespace = decodeURIComponent(nsPart);
const name = decodeURIComponent(namePart);
const token = document.querySelector('meta[name="swarm-token"]').content;
const $ = (id) => document.getElementById(id);
const announce = announcer($('announce'));

document.title = `${name} · kubectl swarm`;
$('crumb').textContent = `${namespace}/${name}`;
$('title').textContent = name;

// Which actions make sense in which phase (docs/operations.md); the operator ignores the others anyway.
const AVAILABLE = {
  promote: ['Paused', 'Progressing'],
  'promote-full': ['Progressing', 'Paused'],
  abort: ['Progressing', 'Paused', 'Promoting', 'Degraded'],
  retry: ['RolledBack', 'Degraded'],
};
const EXPLAIN = {
  promote: 'completes the current pause or analysis step and goes on to the next one.',
  'promote-full': 'skips the remaining steps and analysis (never the background probes) and moves every bot to 100%.',
  abort: 'rolls back now, traffic first: every bot goes back to the stable version.',
  retry: 'starts the rolled-back revision again from step 0.',
  pause: 'sets spec.paused: no forward progress and the step clock stops; a rollback still happens.',
  resume: 'clears spec.paused: the run goes on from where it was held.',
};
const VERB = { promote: 'Promote', 'promote-full': 'Promote fully', abort: 'Abort', retry: 'Retry', pause: 'Pause', resume: 'Resume' };

let current = null;

function facts(dl, pairs) {
  replace(dl, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function renderStatus(r) {
  setPhase($('phase'), r.phase);
  $('message').textContent = r.message || '';
  facts($('status'), [
    ['Target version', dash(r.version)],
    ['Stable version', dash(r.stableVersion)],
    ['Strategy', dash(r.strategy)],
    ['Step', dash(r.step)],
    ['Paused', r.paused ? 'yes (spec.paused)' : 'no'],
  ]);
  const w = r.weight ?? 0;
  $('weight-meter').setAttribute('aria-valuenow', w);
  $('weight-meter').setAttribute('aria-valuetext', `${w}% on ${dash(r.runVersion || r.version)}`);
  $('weight-fill').style.width = `${Math.max(0, Math.min(100, w))}%`;
  $('weight-text').textContent = r.weight === null || r.weight === undefined ? '-' : `${r.weight}%`;
  announce(`${r.name}: ${r.phase || 'no phase'}, step ${dash(r.step)}, weight ${r.weight ?? '-'}%`);
}

function renderActions(r) {
  for (const b of document.querySelectorAll('.actions button[data-action]')) {
    let action = b.dataset.action;
    if (b.id === 'pause-resume') {
      action = r.paused ? 'resume' : 'pause';
      b.dataset.action = action;
      b.textContent = VERB[action];
    }
    const allowed = action === 'pause' || action === 'resume' ? true : AVAILABLE[action].includes(r.phase);
    b.disabled = !allowed;
    b.title = allowed ? EXPLAIN[action] : `${VERB[action]} makes sense in ${AVAILABLE[action].join(', ')}`;
  }
  const a = r.lastAction;
  $('last-action').textContent = a ? `Last action handled by the operator: ${a.action}, ${a.result}`
    + `${a.message ? ` (${a.message})` : ''}, ${time(a.handledAt)}` : 'No action handled yet.';
}

function renderSteps(r) {
  if (r.steps.length === 0) {
    replace($('steps'), h('li', {}, 'No steps.'));
    return;
  }
  replace($('steps'), r.steps.map((s) => {
    const state = s.state.toLowerCase();
    const label = state === 'current' ? 'current' : state === 'done' ? 'done' : 'to do';
    return h('li', { class: `step ${state}`, 'aria-current': state === 'current' ? 'step' : null },
      h('span', { class: 'step-no', 'aria-hidden': 'true' }, state === 'done' ? '✓' : state === 'current' ? '▶' : String(s.index + 1)),
      h('span', { class: 'step-text' }, `${s.index + 1}. ${s.text}`),
      h('span', { class: 'step-state' }, label));
  }));
}

function renderBots(r, note) {
  const parts = r.bots.map((b) => h('div', { class: 'bot' },
    h('h3', {}, b.name, h('span', { class: 'muted' }, b.replicas == null ? '' : ` · ${b.replicas} replicas at 100%`)),
    h('table', { class: 'slots' },
      h('caption', { class: 'visually-hidden' }, `Slots of ${b.name}`),
      h('thead', {}, h('tr', {}, ['Slot', 'Role', 'Version', 'Ready / desired', 'Trading'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, b.slots.length === 0
        ? h('tr', {}, h('td', { colspan: 5 }, 'no slot Deployments'))
        : b.slots.map((s) => h('tr', { class: s.ready < s.desired ? 'not-ready' : 'ready' },
          h('th', { scope: 'row' }, s.deployment || s.slot),
          h('td', {}, s.role.toLowerCase()),
          h('td', {}, dash(s.version)),
          h('td', {}, `${s.ready}/${s.desired}`, s.ready < s.desired ? h('span', { class: 'warn' }, ' (not all ready)') : ''),
          h('td', {}, dash(s.tradingState))))))));
  replace($('bots'), note ? h('p', { class: 'muted' }, note) : null,
    parts.length ? h('div', { class: 'bot-grid' }, parts) : h('p', {}, 'No bots.'));
}

function renderProbes(r, series) {
  const now = Date.now();
  const figures = [h('figure', { class: 'chart-box' },
    lineChart(series.weight || [], { title: 'Weight', step: true, min: 0, max: 100, unit: '%', until: now }),
    h('figcaption', {}, h('strong', {}, 'Weight'), ` now ${r.weight ?? '-'}%`))];
  for (const p of r.probes) {
    figures.push(h('figure', { class: 'chart-box', 'data-probe': p.name },
      lineChart((series.probes || {})[p.name] || [], { title: `Probe ${p.name}`, until: now }),
      h('figcaption', {}, h('strong', {}, p.name), p.dryRun ? ' (dry run)' : '',
        ` · ${dash(p.phase)} · last ${num(p.lastValue)} (${dash(p.lastVerdict)})`,
        ` · ${p.successes} passed, ${p.failures} failed, ${p.errors} errors`,
        p.message ? h('span', { class: 'muted' }, ` · ${p.message}`) : '')));
  }
  replace($('probes'), figures);
}

function renderRollback(r) {
  const rb = r.lastRollback;
  if (!rb) {
    replace($('rollback'), h('p', {}, 'No rollback.'));
    return;
  }
  replace($('rollback'), h('dl', { class: 'facts' },
    h('dt', {}, 'Reason'), h('dd', {}, dash(rb.reason)),
    h('dt', {}, 'Traffic restored in'), h('dd', {}, rb.seconds == null ? 'still rolling back' : seconds(rb.seconds)),
    h('dt', {}, 'Probe'), h('dd', {}, dash(rb.probe)),
    h('dt', {}, 'Started'), h('dd', {}, time(rb.startedAt)),
    h('dt', {}, 'Message'), h('dd', {}, dash(rb.message))));
}

function pct(v) {
  return v === null || v === undefined ? '-' : `${Math.round(v * 1000) / 10}%`;
}

function perDay(v) {
  if (v === null || v === undefined) return '-';
  return v >= 10 ? `${Math.round(v)} / day` : `${Math.round(v * 100) / 100} / day`;
}

function renderDora(d) {
  facts($('dora'), [
    ['Deployment frequency', `${perDay(d.deploymentsPerDay)} succeeded (${perDay(d.runsPerDay)} runs)`],
    ['Change failure rate', d.verdicts ? `${pct(d.changeFailureRate)} (${d.failures} of ${d.verdicts})` : '-'],
    ['Mean time to restore', d.restoreSamples ? `${seconds(d.meanTimeToRestoreSeconds)} (${d.restoreSamples} rollback${d.restoreSamples === 1 ? '' : 's'})` : '-'],
    ['Lead time', d.leadTimeSeconds == null ? '- (needs the commit-time annotation)' : seconds(d.leadTimeSeconds)],
    ['Median run to success', seconds(d.medianRunSeconds)],
  ]);
}

function renderHistory(r) {
  if (r.history.length === 0) {
    replace($('history'), h('p', {}, 'No finished run yet.'));
    return;
  }
  const head = ['Version', 'Result', 'Started', 'Duration', 'Reason'];
  replace($('history'), h('table', { class: 'cards' },
    h('caption', { class: 'visually-hidden' }, 'Finished runs, newest first'),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, r.history.map((e) => {
      const took = e.started && e.finished ? (Date.parse(e.finished) - Date.parse(e.started)) / 1000 : null;
      return h('tr', {},
        h('th', { scope: 'row', 'data-label': head[0] }, dash(e.version)),
        h('td', { 'data-label': head[1] }, h('span', { class: 'result', 'data-result': e.result }, dash(e.result))),
        h('td', { 'data-label': head[2] }, time(e.started)),
        h('td', { 'data-label': head[3] }, seconds(took)),
        h('td', { 'data-label': head[4] }, dash(e.reason)));
    }))));
}

function render(snapshot) {
  if (!snapshot.found) {
    setPhase($('phase'), null);
    $('message').textContent = `No SwarmRelease ${name} in namespace ${namespace} (deleted, or never there).`;
    for (const b of document.querySelectorAll('.actions button')) b.disabled = true;
    return;
  }
  const r = snapshot.release;
  current = r;
  renderStatus(r);
  renderActions(r);
  renderSteps(r);
  renderBots(r, snapshot.note);
  renderProbes(r, snapshot.series);
  renderRollback(r);
  renderDora(snapshot.dora);
  renderHistory(r);
  document.body.dataset.ready = 'true';
  if (!performance.getEntriesByName('swarm:first-render').length) performance.mark('swarm:first-render');
}

// ---- actions: a <dialog> to confirm, then one POST with the page's token ----

const dialog = $('confirm');
let pending = null;
let opener = null;

document.querySelector('.actions .buttons').addEventListener('click', (e) => {
  const b = e.target.closest('button[data-action]');
  if (!b || b.disabled) return;
  pending = b.dataset.action;
  opener = b;
  $('confirm-title').textContent = `${VERB[pending]} ${name}?`;
  $('confirm-text').textContent = `${VERB[pending]} ${EXPLAIN[pending]} Release ${namespace}/${name}`
    + `${current ? `, now ${current.phase}, step ${dash(current.step)}, weight ${current.weight ?? '-'}%` : ''}.`;
  $('confirm-button').textContent = VERB[pending];
  $('confirm-button').classList.toggle('danger', pending === 'abort');
  dialog.showModal();
});

// Plain buttons, not a form (the page's CSP allows no form submission). The action is sent from
// the click itself, not from the dialog's close event, which a hidden tab may hold back.
$('cancel-button').addEventListener('click', () => dialog.close('cancel'));
$('confirm-button').addEventListener('click', () => {
  const action = pending;
  dialog.close('confirm');
  if (action) send(action);
});
dialog.addEventListener('close', () => {
  pending = null;
  if (opener) opener.focus();
});

async function send(action) {
  const out = $('action-result');
  out.dataset.state = 'sending';
  out.textContent = `Sending ${action}…`;
  try {
    const res = await fetch('/actions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Swarm-Token': token },
      body: JSON.stringify({ namespace, name, action }),
    });
    const answer = await res.json().catch(() => ({ message: `HTTP ${res.status}` }));
    out.dataset.state = res.ok ? 'ok' : 'error';
    out.textContent = res.ok ? `Done: ${answer.message}` : `Refused: ${answer.message}`;
  } catch (err) {
    out.dataset.state = 'error';
    out.textContent = `Could not reach the dashboard: ${err.message}`;
  }
}

subscribe(`/events?release=${encodeURIComponent(`${namespace}/${name}`)}`, 'release', render, $('connection'));
