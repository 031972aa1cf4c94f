/*
 * The live stream: GET /api/inbox/stream ("event: item" / "event: superseded", "data: <Item JSON>", ":" heartbeats),
 * reopened with backoff (1 s doubling to 30 s) and after 45 s of silence; the list is re-read after each (re)connect.
 */
import { ApiError, authHeaders, checkSignedIn } from './api.js';
import { insertLiveItem, loadList, markSuperseded } from './list.js';
import { state } from './session.js';
import { inboxEvent, readEventStream } from './sse.js';
import { setConnection, showError } from './status.js';

const BACKOFF_MIN_MS = 1000;
const BACKOFF_MAX_MS = 30000;
/** No byte (not even a heartbeat) for this long: the stream is treated as dead and reopened. */
const STREAM_SILENCE_MS = 45000;

export function stopStream() {
  state.streamGeneration++;
  if (state.stream) { state.stream.abort(); state.stream = null; }
  if (state.reconnectTimer) { window.clearTimeout(state.reconnectTimer); state.reconnectTimer = null; }
}

export function startStream() {
  stopStream();
  const generation = state.streamGeneration;
  const isCurrent = () => generation === state.streamGeneration;
  const controller = new AbortController();
  state.stream = controller;
  let silenceTimer = null;
  const armSilence = () => {
    if (silenceTimer) { window.clearTimeout(silenceTimer); }
    silenceTimer = window.setTimeout(() => controller.abort(), STREAM_SILENCE_MS);
  };
  armSilence();
  fetch('/api/inbox/stream', {
    headers: authHeaders({ Accept: 'text/event-stream' }),
    credentials: 'same-origin',
    cache: 'no-store',
    signal: controller.signal
  }).then(checkSignedIn).then((response) => {
    if (!response.ok || !response.body) { throw new ApiError(response.status, 'stream unavailable'); }
    if (!isCurrent()) { controller.abort(); return null; }
    state.backoff = BACKOFF_MIN_MS;
    setConnection('live', 'Live');
    // Catch up on anything that arrived before this stream was open (first load, or while disconnected).
    loadList().catch(showError);
    return readEventStream(response.body.getReader(), { onBytes: armSilence, onEvent: handleEvent, isCurrent });
  }).catch((error) => {
    if (error && error.status === 401) { return; }
  }).then(() => {
    if (silenceTimer) { window.clearTimeout(silenceTimer); }
    if (isCurrent() && state.signedIn) { scheduleReconnect(); }
  });
}

function scheduleReconnect() {
  const backoff = Math.max(state.backoff, BACKOFF_MIN_MS);
  const delay = backoff + Math.floor(Math.random() * 250);
  state.backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
  setConnection('reconnecting', 'Reconnecting in ' + Math.round(delay / 1000) + ' s…');
  state.reconnectTimer = window.setTimeout(() => {
    state.reconnectTimer = null;
    if (state.signedIn) {
      setConnection('reconnecting', 'Reconnecting…');
      startStream();
    }
  }, delay);
}

function handleEvent(name, payload) {
  const event = inboxEvent(name, payload);
  if (!event) { return; }
  if (event.kind === 'item') { insertLiveItem(event.item); } else { markSuperseded(event.item); }
}
