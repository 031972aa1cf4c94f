/*
 * ChartBrief clinician inbox page: ES modules, no build step, no external resources. This module starts the page;
 * sign-in is auth.js, the list list.js, the open summary detail.js, live updates stream.js (over sse.js).
 * Safety: data from the server is only ever written with textContent / attributes, never as HTML (dom.js).
 */
import { initSignIn } from './auth.js';
import { openItem } from './detail.js';
import { $ } from './dom.js';
import { loadList } from './list.js';
import { linkedItemId } from './order.js';
import { state } from './session.js';
import { showError } from './status.js';

/**
 * A link into the inbox (a CDS Hooks card's, "#item=<id>") opens that item once signed in. The item need not be in
 * the list (it may be superseded or older than the first page): the detail API decides whether the caller may see it.
 */
function openLinkedItem() {
  const id = linkedItemId(window.location.hash);
  if (id && state.signedIn) { openItem(id); }
}

state.demo = document.body.dataset.demo === 'true';
window.addEventListener('hashchange', openLinkedItem);
$('show-superseded').addEventListener('change', () => loadList().catch(showError));
initSignIn(openLinkedItem);
