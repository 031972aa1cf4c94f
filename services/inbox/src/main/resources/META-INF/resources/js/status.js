/*
 * The page's status line (Live / Reconnecting… / Not signed in) and its error banners.
 */
import { $ } from './dom.js';
import { state } from './session.js';

export function setConnection(value, text) {
  const status = $('connection-status');
  status.dataset.state = value;
  status.textContent = text;
}

let pageErrorTimer = null;

/** Shows a failed call: on the sign-in panel before sign-in, else in a banner that clears itself. */
export function showError(error) {
  if (error && error.status === 401) { return; }
  const message = error && error.message ? error.message : String(error);
  const banner = state.signedIn ? $('page-error') : $('login-error');
  banner.textContent = 'Something went wrong: ' + message;
  banner.hidden = false;
  if (state.signedIn) {
    if (pageErrorTimer) { window.clearTimeout(pageErrorTimer); }
    pageErrorTimer = window.setTimeout(() => { banner.hidden = true; }, 10000);
  }
  if (window.console) { console.error(error); }
}
