/*
 * DOM building. Data from the server is only ever written with textContent / attributes, never as HTML.
 */

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach((name) => {
      const value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === 'text') { node.textContent = String(value); }
      else if (name === 'className') { node.className = value; }
      else { node.setAttribute(name, value === true ? '' : String(value)); }
    });
  }
  append(node, children);
  return node;
}

/** Appends nodes and strings (as text nodes); null and undefined are skipped. */
export function append(node, children) {
  (children || []).forEach((child) => {
    if (child === null || child === undefined) { return; }
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  });
  return node;
}

/** A copy of the first element of a <template> of the page shell. */
export function fromTemplate(id) {
  return $(id).content.firstElementChild.cloneNode(true);
}

export function clear(node) {
  while (node.firstChild) { node.removeChild(node.firstChild); }
}

/** Read out by screen readers (the live region is emptied first so the same text is announced again). */
export function announce(text) {
  const announcer = $('announcer');
  announcer.textContent = '';
  window.setTimeout(() => { announcer.textContent = text; }, 50);
}

export function cssEscape(value) {
  return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, '\\$&');
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

function formatDateTime(iso) {
  if (!iso) { return ''; }
  const date = new Date(iso);
  return isNaN(date.getTime()) ? String(iso) : dateTimeFormat.format(date);
}

function formatShort(iso) {
  const date = new Date(iso);
  if (!iso || isNaN(date.getTime())) { return ''; }
  return date.toDateString() === new Date().toDateString() ? timeFormat.format(date) : dayFormat.format(date);
}

/** Fills a <time> (a new one when none is given): the short form (time today, else day) or the full one. */
export function timeElement(iso, short, node) {
  const time = node || document.createElement('time');
  if (iso) { time.setAttribute('datetime', iso); }
  time.title = formatDateTime(iso);
  time.textContent = short ? formatShort(iso) : formatDateTime(iso);
  return time;
}

export function badge(kind, value, label) {
  return el('span', { className: 'badge badge-' + kind + (value ? ' badge-' + kind + '-' + value : ''), text: label });
}
