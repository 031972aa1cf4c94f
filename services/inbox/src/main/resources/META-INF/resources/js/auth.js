/*
 * Sign-in: demo clinicians (local demo only), a pasted token, or none behind a sign-in proxy. The token is kept in
 * sessionStorage, for this tab only.
 */
import { ApiError, api, whenUnauthorized } from './api.js';
import { $, clear, el } from './dom.js';
import { renderDetailPlaceholder } from './detail.js';
import { loadList } from './list.js';
import { state, forgetItems } from './session.js';
import { setConnection, showError } from './status.js';
import { startStream, stopStream } from './stream.js';

const TOKEN_KEY = 'chartbrief.inbox.token';
const WHO_KEY = 'chartbrief.inbox.who';

let afterSignIn = () => {};

/** Sets up sign-in; onSignedIn runs once the list is loaded (e.g. to open a linked item). */
export function initSignIn(onSignedIn) {
  afterSignIn = onSignedIn;
  whenUnauthorized(signOut);
  $('sign-out').addEventListener('click', () => signOut());
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('token-input');
    const token = input.value.trim();
    input.value = '';
    if (token) { signIn(token, null); }
  });
  let token = null;
  let who = null;
  try {
    token = sessionStorage.getItem(TOKEN_KEY);
    who = sessionStorage.getItem(WHO_KEY);
  } catch (ignored) { /* storage disabled */ }
  if (token) {
    state.token = token;
    start(who);
  } else if (state.demo) {
    showLogin();
  } else {
    // Behind an OIDC-aware proxy the API calls carry the token without the page's help: try that first.
    state.signedIn = true;
    api('GET', '/api/inbox?limit=1').then(() => start(null)).catch((error) => {
      if (!(error && error.status === 401)) { showLogin(error && error.message); }
    });
  }
}

function showLogin(message) {
  $('login').hidden = false;
  $('inbox').hidden = true;
  $('sign-out').hidden = true;
  $('signed-in-as').hidden = true;
  const error = $('login-error');
  error.hidden = !message;
  error.textContent = message || '';
  setConnection('offline', 'Not signed in');
  if (state.demo) { loadDemoClinicians(); }
}

function loadDemoClinicians() {
  const box = $('demo-login');
  const list = $('demo-clinicians');
  if (list.dataset.loaded === 'true') { box.hidden = false; return; }
  fetch('/demo/clinicians', { headers: { Accept: 'application/json' } }).then((response) => {
    if (!response.ok) { throw new ApiError(response.status, 'demo sign-in unavailable'); }
    return response.json();
  }).then((clinicians) => {
    clear(list);
    clinicians.forEach((clinician) => {
      const detail = ['practitioner ' + clinician.practitioner].concat(
        (clinician.units || []).length ? ['units ' + clinician.units.join(', ')] : []).join(' · ');
      const button = el('button', { type: 'button', id: 'login-' + clinician.login, className: 'button clinician' }, [
        el('span', { className: 'clinician-name', text: clinician.name || clinician.login }),
        el('span', { className: 'clinician-detail', text: detail })
      ]);
      button.addEventListener('click', () => demoSignIn(clinician.login));
      list.appendChild(el('li', null, [button]));
    });
    list.dataset.loaded = 'true';
    box.hidden = false;
  }).catch(() => {
    box.hidden = true;  // demo endpoints answer 404 outside demo mode
  });
}

function demoSignIn(login) {
  fetch('/demo/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ login })
  }).then((response) => {
    if (!response.ok) { throw new ApiError(response.status, 'Demo sign-in failed (HTTP ' + response.status + ')'); }
    return response.json();
  }).then((answer) => signIn(answer.token, answer.name || answer.login)).catch(showError);
}

function signIn(token, who) {
  state.token = token || null;
  try {
    if (token) { sessionStorage.setItem(TOKEN_KEY, token); } else { sessionStorage.removeItem(TOKEN_KEY); }
    if (who) { sessionStorage.setItem(WHO_KEY, who); } else { sessionStorage.removeItem(WHO_KEY); }
  } catch (ignored) { /* storage disabled: keep the token in memory only */ }
  start(who);
}

export function signOut(message) {
  state.signedIn = false;
  state.token = null;
  try {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(WHO_KEY);
  } catch (ignored) { /* nothing stored */ }
  stopStream();
  forgetItems();
  clear($('item-list'));
  renderDetailPlaceholder();
  showLogin(message);
}

function start(who) {
  state.signedIn = true;
  $('login').hidden = true;
  $('login-error').hidden = true;
  $('inbox').hidden = false;
  $('sign-out').hidden = !state.token;  // behind a sign-in proxy the proxy's session is signed out there
  const signedInAs = $('signed-in-as');
  signedInAs.textContent = who ? 'Signed in as ' + who : '';
  signedInAs.hidden = !who;
  setConnection('connecting', 'Connecting…');
  loadList().then(() => {
    startStream();
    afterSignIn();
  }).catch(showError);
}
