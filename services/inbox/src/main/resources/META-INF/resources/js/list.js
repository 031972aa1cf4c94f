/*
 * The list of summaries, newest first: loaded from /api/inbox, items added and marked superseded live.
 */
import { api } from './api.js';
import { openItem, noteSuperseded } from './detail.js';
import { $, announce, badge, clear, cssEscape, fromTemplate, timeElement } from './dom.js';
import { ENGINE_LABELS, stateLabel, verificationLabel } from './labels.js';
import { newestFirst, unreadCount } from './order.js';
import { PAGE_SIZE, state } from './session.js';

export function loadList() {
  const superseded = $('show-superseded').checked;
  return api('GET', '/api/inbox?limit=' + PAGE_SIZE + '&offset=0&superseded=' + superseded).then((page) => {
    const fresh = {};
    (page.items || []).forEach((item) => { fresh[item.id] = item; });
    // Items marked superseded live stay visible (marked) until the next reload hides them.
    state.items = fresh;
    state.order = newestFirst(Object.keys(fresh), fresh);
    renderList();
  });
}

function renderList() {
  const list = $('item-list');
  const focused = document.activeElement && document.activeElement.parentNode === list ?
    document.activeElement.dataset.id : null;
  clear(list);
  state.order.forEach((id) => {
    const li = renderItem(state.items[id]);
    list.appendChild(li);
    if (id === focused) { li.focus(); }
  });
  updateListChrome();
}

function updateListChrome() {
  const unread = unreadCount(state.order, state.items);
  $('unread-count').textContent = unread ? String(unread) : '';
  $('unread-count').setAttribute('aria-label', unread + ' unread');
  $('list-empty').hidden = state.order.length > 0;
  document.title = (unread ? '(' + unread + ') ' : '') + 'ChartBrief inbox';
}

/** One list entry, from the shell's #item-template. */
function renderItem(item) {
  const li = fromTemplate('item-template');
  li.classList.toggle('unread', item.state === 'new');
  li.classList.toggle('acknowledged', item.state === 'acknowledged');
  li.classList.toggle('superseded', !!item.superseded);
  li.classList.toggle('selected', item.id === state.selectedId);
  li.dataset.id = item.id;
  li.dataset.arrival = state.live[item.id] ? 'live' : 'list';
  li.setAttribute('aria-selected', item.id === state.selectedId ? 'true' : 'false');
  li.querySelector('.item-patient').textContent = item.patientName || item.patient || 'Unknown patient';
  timeElement(item.createdAt, true, li.querySelector('time'));
  li.querySelector('.item-headline').textContent = item.headline || '';
  li.querySelector('.item-where').textContent = item.unit ? 'Unit ' + item.unit : '';
  const badges = li.querySelector('.item-badges');
  badges.appendChild(badge('state', item.state, stateLabel(item.state)));
  badges.appendChild(badge('verification', item.verification, verificationLabel(item.verification)));
  badges.appendChild(badge('engine', item.engine, ENGINE_LABELS[item.engine] || item.engine));
  if (item.aiGenerated) { badges.appendChild(badge('ai', null, 'AI-generated')); }
  if (item.superseded) { badges.appendChild(badge('superseded', null, 'Superseded')); }
  li.addEventListener('click', () => openItem(item.id));
  li.addEventListener('keydown', onItemKey);
  return li;
}

function onItemKey(event) {
  const li = event.currentTarget;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    openItem(li.dataset.id);
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling;
    if (next) { next.focus(); }
  } else if (event.key === 'Home' || event.key === 'End') {
    event.preventDefault();
    const items = li.parentNode.children;
    if (items.length) { items[event.key === 'Home' ? 0 : items.length - 1].focus(); }
  }
}

function listEntry(id) {
  return document.querySelector('#item-list li.item[data-id="' + cssEscape(id) + '"]');
}

/** Shows a changed item (state, superseded) where it is listed. */
export function replaceItem(item) {
  state.items[item.id] = item;
  const old = listEntry(item.id);
  if (old) {
    const focused = document.activeElement === old;
    const fresh = renderItem(item);
    old.parentNode.replaceChild(fresh, old);
    if (focused) { fresh.focus(); }
  }
  updateListChrome();
}

export function selectInList(id) {
  state.selectedId = id;
  document.querySelectorAll('#item-list li.item').forEach((li) => {
    const selected = li.dataset.id === id;
    li.classList.toggle('selected', selected);
    li.setAttribute('aria-selected', selected ? 'true' : 'false');
  });
}

/** A summary from the live stream: listed at its place by time, highlighted once and announced. */
export function insertLiveItem(item) {
  const known = state.items[item.id];
  state.items[item.id] = item;
  state.live[item.id] = true;
  if (known) { replaceItem(item); return; }
  state.order.push(item.id);
  newestFirst(state.order, state.items);
  const li = renderItem(item);
  li.classList.add('arrived');
  const index = state.order.indexOf(item.id);
  const next = state.order[index + 1];
  $('item-list').insertBefore(li, next ? listEntry(next) : null);
  updateListChrome();
  announce('New summary: ' + (item.patientName || 'patient') + (item.headline ? '. ' + item.headline : ''));
}

/** A newer summary replaced this one: marked in the list (and in the open summary, left as the clinician left it). */
export function markSuperseded(item) {
  const known = state.items[item.id];
  if (!known) { return; }  // not in this view: nothing to mark
  const merged = Object.assign({}, known, item, { superseded: true });
  replaceItem(merged);
  noteSuperseded(merged);
}
