/*
 * The open summary: sections, recommendations, note quotes in their context, evidence, and apart, last, what the
 * verifier could not check; read/acknowledged state.
 */
import { api } from './api.js';
import { RECOMMENDATIONS_SECTION, UNVERIFIED_SECTION, UNVERIFIED_TITLE } from './contract.js';
import { $, announce, append, badge, clear, el, fromTemplate, timeElement } from './dom.js';
import {
  engineLabel, noteSectionLabel, partLabel, stateLabel, verificationCounts, verificationLabel
} from './labels.js';
import { replaceItem, selectInList } from './list.js';
import { locateQuote, quoteOf, showsOwnText } from './quote.js';
import { state } from './session.js';
import { showError } from './status.js';

export function renderDetailPlaceholder() {
  const detail = $('detail');
  clear(detail);
  detail.appendChild(el('p', { className: 'empty', text: 'Select a summary to read it.' }));
}

export function openItem(id) {
  selectInList(id);
  const detail = $('detail');
  detail.setAttribute('aria-busy', 'true');
  return api('GET', '/api/inbox/' + encodeURIComponent(id)).then((answer) => {
    if (state.selectedId !== id) { return null; }
    state.detail = answer;
    renderDetail(answer);
    if (answer.state === 'new') {
      return api('POST', '/api/inbox/' + encodeURIComponent(id) + '/read').then(updateState);
    }
    return null;
  }).catch((error) => {
    if (error && error.status === 404) {
      clear(detail);
      detail.appendChild(el('p', { className: 'error', text: 'This summary is not available to you.' }));
    } else {
      showError(error);
    }
  }).then(() => detail.removeAttribute('aria-busy'));
}

/** The open summary was superseded while open: the notice goes under its header, the rest stays as it was. */
export function noteSuperseded(item) {
  if (state.selectedId !== item.id || !state.detail || state.detail.superseded) { return; }
  state.detail = Object.assign({}, state.detail, { superseded: true, supersededBy: item.supersededBy });
  const header = document.querySelector('#detail .detail-header');
  if (header) { header.parentNode.insertBefore(supersededNotice(state.detail), header.nextSibling); }
}

/** A state change (read/ack) answered with the updated Item. */
function updateState(item) {
  if (!item) { return; }
  const known = state.items[item.id];
  replaceItem(known ? Object.assign({}, known, item) : item);
  if (state.detail && state.detail.id === item.id) {
    ['state', 'readAt', 'acknowledgedAt', 'superseded', 'supersededBy'].forEach((key) => {
      if (key in item) { state.detail[key] = item[key]; }
    });
    renderStatePanel(state.detail);
  }
}

function acknowledge() {
  const item = state.detail;
  if (!item) { return; }
  const button = $('ack-button');
  button.disabled = true;
  api('POST', '/api/inbox/' + encodeURIComponent(item.id) + '/ack').then((answer) => {
    updateState(answer);
    announce('Summary acknowledged');
  }).catch((error) => {
    button.disabled = false;
    showError(error);
  });
}

function renderDetail(item) {
  const detail = $('detail');
  clear(detail);
  const document_ = item.document || {};
  const engine = document_.engine || { kind: item.engine, model: null };

  detail.appendChild(el('header', { className: 'detail-header' }, [
    el('h2', { id: 'detail-title', text: item.patientName || item.patient || 'Summary' }),
    el('p', { className: 'detail-doc-title', text: document_.title || 'Patient summary' }),
    el('p', { className: 'detail-context', title: item.encounter || null }, [
      'Created ', timeElement(item.createdAt, false), item.unit ? ' · Unit ' + item.unit : ''
    ])
  ]));
  if (item.superseded) { detail.appendChild(supersededNotice(item)); }

  const unverified = document_.unverified || [];
  const counts = verificationCounts(document_.verification, unverified);
  const provenance = el('dl', { className: 'provenance' }, [
    el('dt', { text: 'Verification' }), el('dd', null, [
      badge('verification', item.verification, verificationLabel(item.verification)),
      counts ? el('span', { id: 'verification-counts', className: 'verification-counts', text: counts }) : null
    ]),
    el('dt', { text: 'Engine' }),
    el('dd', { className: 'engine', text: engineLabel(engine.kind || item.engine, engine.model) })
  ]);
  if (item.aiGenerated) {
    provenance.appendChild(el('dt', { text: 'Origin' }));
    provenance.appendChild(el('dd', null, [badge('ai', null, 'AI-generated — check each item against its evidence')]));
  }
  detail.appendChild(provenance);
  detail.appendChild(el('div', { id: 'state-panel', className: 'state-panel' }));
  renderStatePanel(item);

  if (document_.narrative) {
    detail.appendChild(el('section', { className: 'narrative', 'aria-label': 'Narrative' }, [
      el('p', { text: document_.narrative })
    ]));
  }

  const evidence = item.evidence || {};
  const counter = { next: 0 };
  (document_.sections || []).forEach((section) => {
    const list = el('ul', { className: 'summary-items' },
      (section.items || []).map((entry) => summaryItem(entry, evidence, counter, null)));
    detail.appendChild(el('section', { className: 'summary-section', 'data-code': section.code }, [
      el('h3', { text: section.title || section.code || 'Section' }), list
    ]));
  });

  const recommendations = document_.recommendations || [];
  if (recommendations.length) {
    const list = el('ul', { className: 'summary-items recommendations' },
      recommendations.map((recommendation) => summaryItem(recommendation, evidence, counter, recommendation)));
    detail.appendChild(el('section', { className: 'summary-section', 'data-code': RECOMMENDATIONS_SECTION }, [
      el('h3', { text: 'Recommendations' }), list
    ]));
  }

  // Last and apart: what the verifier could not check. Never mixed into the sections above.
  if (unverified.length) {
    const section = fromTemplate('unverified-template');
    section.dataset.code = UNVERIFIED_SECTION;
    section.querySelector('h3').textContent = UNVERIFIED_TITLE;
    append(section.querySelector('ul'), unverified.map((entry) => summaryItem(entry, evidence, counter, null, true)));
    detail.appendChild(section);
  }
}

function supersededNotice(item) {
  const notice = el('p', { className: 'superseded-notice', role: 'status' },
    ['A newer summary for this patient and encounter replaces this one. ']);
  if (item.supersededBy) {
    const link = el('button', { type: 'button', className: 'button button-link', text: 'Open the newer summary' });
    link.addEventListener('click', () => openItem(item.supersededBy));
    notice.appendChild(link);
  }
  return notice;
}

function renderStatePanel(item) {
  const panel = $('state-panel');
  if (!panel) { return; }
  clear(panel);
  const lines = [badge('state', item.state, stateLabel(item.state))];
  if (item.readAt) { lines.push(el('span', { className: 'state-time' }, ['Read ', timeElement(item.readAt, true)])); }
  if (item.acknowledgedAt) {
    lines.push(el('span', { className: 'state-time' }, ['Acknowledged ', timeElement(item.acknowledgedAt, true)]));
  }
  const acknowledged = item.state === 'acknowledged';
  const button = el('button', {
    type: 'button', id: 'ack-button', className: 'button button-primary',
    disabled: acknowledged, 'aria-pressed': acknowledged ? 'true' : 'false',
    text: acknowledged ? 'Acknowledged' : 'Acknowledge'
  });
  button.addEventListener('click', acknowledge);
  panel.appendChild(el('div', { id: 'detail-state', className: 'state-line', 'data-state': item.state }, lines));
  panel.appendChild(button);
}

/** One item; unverified: an item of the "Not verified" section (badge, where it came from, why). */
function summaryItem(entry, evidenceMap, counter, recommendation, unverified) {
  const refs = entry.evidence || [];
  const blockId = 'evidence-' + (counter.next++);
  const quote = quoteOf(entry);
  const li = el('li', {
    className: 'summary-item' + (recommendation ? ' recommendation' : '') + (unverified ? ' unverified-item' : '')
      + (quote ? ' note-item' : '')
  }, [
    recommendation && recommendation.priority ?
      badge('priority', recommendation.priority, 'Priority: ' + recommendation.priority) : null,
    unverified ? badge('unverified', null, 'Not verified') : null,
    showsOwnText(entry) ? el('span', { className: 'item-text', text: entry.text || '' }) : null
  ]);
  if (quote) {
    li.appendChild(el('blockquote', { className: 'note-quote', text: quote.text }));
    li.appendChild(noteSource(quote, evidenceMap));
  }
  if (recommendation && recommendation.rationale) {
    li.appendChild(el('p', { className: 'rationale', text: 'Why: ' + recommendation.rationale }));
  }
  if (unverified) {
    if (entry.section) { li.appendChild(el('p', { className: 'item-source', text: 'From: ' + partLabel(entry.section) })); }
    li.appendChild(el('p', { className: 'unverified-reason',
      text: 'Not verified: ' + (entry.reason || 'the chart entries it cites do not establish it') }));
  }
  if (!refs.length) {
    li.appendChild(el('span', { className: 'no-evidence', text: 'No evidence cited' }));
    return li;
  }
  const toggle = el('button', {
    type: 'button', className: 'evidence-toggle', 'aria-expanded': 'false', 'aria-controls': blockId,
    text: 'Evidence (' + refs.length + ')'
  });
  const block = el('div', { id: blockId, className: 'evidence', hidden: true }, [
    quote ? noteContext(quote) : null,
    el('ul', null, refs.map((ref) => evidenceLine(ref, evidenceMap[ref])))
  ]);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    block.hidden = !open;
  });
  li.appendChild(toggle);
  li.appendChild(block);
  return li;
}

/** "Admission H&P · 2026-11-01 · History of present illness": the note a quote comes from. */
function noteSource(quote, evidenceMap) {
  const note = quote.note ? evidenceMap[quote.note] : null;
  const title = quote.title || (note && note.display) || 'Note';
  const date = quote.date || (note && note.date) || null;
  const section = noteSectionLabel(quote);
  return el('p', { className: 'note-source' }, [
    el('span', { className: 'note-title', text: title }),
    date ? el('span', { className: 'note-date', text: date }) : null,
    section ? el('span', { className: 'note-section', text: section }) : null
  ]);
}

/** The passage in its note, the quote marked only where the context holds it verbatim (locateQuote). */
function noteContext(quote) {
  const section = noteSectionLabel(quote);
  const caption = el('figcaption', { text: 'In the note' + (section ? ' — ' + section : '') });
  const where = locateQuote(quote);
  if (!where) {
    return el('figure', { className: 'note-context' }, [caption,
      el('p', { className: 'note-context-missing', text: 'The surrounding text of the note is not in this summary.' })]);
  }
  const parts = where.quote !== undefined ?
    [where.before, el('mark', { className: 'note-highlight', text: where.quote }), where.after] : [where.context];
  return el('figure', { className: 'note-context' }, [caption,
    el('p', { className: 'note-context-text', 'data-context-start': quote.contextStart }, parts)]);
}

function evidenceLine(ref, fact) {
  if (!fact) {
    return el('li', { className: 'evidence-item missing' }, [
      el('span', { className: 'evidence-display', text: 'Not in the document' }),
      el('span', { className: 'evidence-ref', text: ref })
    ]);
  }
  return el('li', { className: 'evidence-item', 'data-ref': ref }, [
    el('span', { className: 'evidence-type', text: fact.type || ref.split('/')[0] }),
    el('span', { className: 'evidence-display', text: fact.display || ref }),
    fact.date ? el('span', { className: 'evidence-date', text: fact.date }) : null
  ]);
}
