/*
 * The page's one mutable state: who is signed in, the listed items, the open one and the live stream.
 */

export const PAGE_SIZE = 100;

export const state = {
  demo: false,
  token: null,
  items: {},          // id -> Item
  order: [],          // ids, newest first
  selectedId: null,
  live: {},           // ids delivered by the live stream in this session (highlighted)
  detail: null,       // last detail response of the selected item
  stream: null,       // AbortController of the running stream
  streamGeneration: 0,
  backoff: 0,
  reconnectTimer: null,
  signedIn: false
};

/** Forgets everything of the signed-in clinician (their items, the open one). */
export function forgetItems() {
  state.items = {};
  state.order = [];
  state.live = {};
  state.selectedId = null;
  state.detail = null;
}
