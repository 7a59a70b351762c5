// Live updates: one EventSource per page. The server sends a full snapshot at once and again
// whenever the watch sees a change; the browser reconnects by itself after an error.
export function subscribe(url, event, onSnapshot, statusEl) {
  const state = (s, text) => {
    statusEl.dataset.state = s;
    statusEl.textContent = text;
  };
  const source = new EventSource(url);
  source.addEventListener('open', () => state('live', 'live'));
  source.addEventListener('error', () => state('lost', source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…'));
  source.addEventListener(event, (e) => {
    state('live', 'live');
    onSnapshot(JSON.parse(e.data));
  });
  return source;
}
