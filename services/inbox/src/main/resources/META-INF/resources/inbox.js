/*
 * ChartBrief clinician inbox page. Plain JavaScript, no build step, no external resources.
 *
 * Auth: every /api/* call carries "Authorization: Bearer <token>" when the page holds a token (demo sign-in or a
 * pasted token, kept in sessionStorage for this tab only). Without one the page still calls the API: behind an
 * OIDC-aware reverse proxy (e.g. oauth2-proxy with its Authorization header pass-through) the proxy adds the
 * clinician's token itself. A 401 brings back the sign-in panel.
 *
 * Live updates: GET /api/inbox/stream read with fetch() streaming (EventSource cannot send headers), parsed as
 * server-sent events ("event: item" / "event: superseded", "data: <Item JSON>", ":" comment heartbeats).
 *
 * Safety: data from the server is only ever written with textContent / attributes, never as HTML.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'chartbrief.inbox.token';
  var WHO_KEY = 'chartbrief.inbox.who';
  var PAGE_SIZE = 100;
  var BACKOFF_MIN_MS = 1000;
  var BACKOFF_MAX_MS = 30000;
  /** No byte (not even a heartbeat) for this long: the stream is treated as dead and reopened. */
  var STREAM_SILENCE_MS = 45000;

  var VERIFICATION_LABELS = {
    'verified': 'Verified',
    'partially-verified': 'Partially verified',
    'unverified': 'Unverified'
  };
  var STATE_LABELS = { 'new': 'New', 'read': 'Read', 'acknowledged': 'Acknowledged' };
  var ENGINE_LABELS = { 'extractive': 'Extractive (no model)', 'llama': 'Language model' };
  /** Where an unverified item came from (the summary's part names). */
  var PART_LABELS = {
    'narrative': 'Narrative', 'problems': 'Active problems', 'medications': 'Medications',
    'allergies': 'Allergies and intolerances', 'results': 'Results', 'vitals': 'Vital signs',
    'notes': 'From the clinical notes', 'recommendations': 'Recommendations'
  };
  /** Canonical note section names (summary-engine SectionHeadings) in words. */
  var NOTE_SECTION_LABELS = {
    'preamble': 'Opening text', 'chief-complaint': 'Chief complaint', 'hpi': 'History of present illness',
    'pmh': 'Past medical history', 'psh': 'Past surgical history', 'family-history': 'Family history',
    'social-history': 'Social history', 'medications': 'Medications', 'allergies': 'Allergies',
    'ros': 'Review of systems', 'physical-exam': 'Physical exam', 'vitals': 'Vital signs', 'results': 'Results',
    'assessment-and-plan': 'Assessment and plan', 'assessment': 'Assessment', 'plan': 'Plan',
    'impression': 'Impression', 'hospital-course': 'Hospital course', 'disposition': 'Disposition'
  };
  var UNVERIFIED_TITLE = 'Not verified against the chart';

  var state = {
    demo: false,
    token: null,
    items: {},          // id -> Item
    order: [],          // ids, newest first
    selectedId: null,
    live: {},           // ids delivered by the live stream in this session (highlighted)
    detail: null,       // last detail response of the selected item
    stream: null,       // AbortController of the running stream
    streamGeneration: 0,
    backoff: BACKOFF_MIN_MS,
    reconnectTimer: null,
    signedIn: false
  };

  var $ = function (id) { return document.getElementById(id); };

  // ---------------------------------------------------------------- DOM building (textContent only)

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === 'text') { node.textContent = String(value); }
        else if (name === 'className') { node.className = value; }
        else { node.setAttribute(name, value === true ? '' : String(value)); }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function announce(text) {
    var announcer = $('announcer');
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  var dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  var timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  var dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

  function formatDateTime(iso) {
    if (!iso) { return ''; }
    var date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso) : dateTimeFormat.format(date);
  }

  function formatShort(iso) {
    var date = new Date(iso);
    if (!iso || isNaN(date.getTime())) { return ''; }
    var today = new Date();
    return date.toDateString() === today.toDateString() ? timeFormat.format(date) : dayFormat.format(date);
  }

  function timeElement(iso, short) {
    return el('time', { datetime: iso, title: formatDateTime(iso), text: short ? formatShort(iso) : formatDateTime(iso) });
  }

  function badge(kind, value, label) {
    return el('span', { className: 'badge badge-' + kind + (value ? ' badge-' + kind + '-' + value : ''), text: label });
  }

  function verificationBadge(value) {
    return badge('verification', value, VERIFICATION_LABELS[value] || value || 'Not verified');
  }

  /**
   * "8 of 10 items verified · 1 not verifiable · 1 removed as contradicted", from the document's counts; a document
   * without counts (older summarizer) still says how many items are not verifiable.
   */
  function verificationCounts(counts, unverified) {
    var parts = [];
    if (counts) {
      parts.push(counts.supported + ' of ' + counts.items + ' items verified');
      if (counts.unverifiable) { parts.push(counts.unverifiable + ' not verifiable'); }
      if (counts.contradicted) { parts.push(counts.contradicted + ' removed as contradicted'); }
    } else if (unverified.length) {
      parts.push(unverified.length + ' not verifiable');
    }
    return parts.join(' · ');
  }

  function engineLabel(kind, model) {
    var label = ENGINE_LABELS[kind] || kind || 'unknown engine';
    return model ? label + ' · ' + model : label;
  }

  // ---------------------------------------------------------------- API

  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  function authHeaders(extra) {
    var headers = extra || {};
    if (state.token) { headers.Authorization = 'Bearer ' + state.token; }
    return headers;
  }

  function api(method, path, body) {
    var init = { method: method, headers: authHeaders({ Accept: 'application/json' }), credentials: 'same-origin' };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      if (response.status === 401) {
        signOut('Your session has ended. Please sign in again.');
        throw new ApiError(401, 'not signed in');
      }
      if (!response.ok) {
        return response.text().then(function (text) {
          throw new ApiError(response.status, 'HTTP ' + response.status + (text ? ': ' + text.slice(0, 200) : ''));
        });
      }
      return response.status === 204 ? null : response.json();
    });
  }

  var pageErrorTimer = null;

  /** Shows a failed call: on the sign-in panel before sign-in, else in a banner that clears itself. */
  function showError(error) {
    if (error && error.status === 401) { return; }
    var message = error && error.message ? error.message : String(error);
    var banner = state.signedIn ? $('page-error') : $('login-error');
    banner.textContent = 'Something went wrong: ' + message;
    banner.hidden = false;
    if (state.signedIn) {
      if (pageErrorTimer) { window.clearTimeout(pageErrorTimer); }
      pageErrorTimer = window.setTimeout(function () { banner.hidden = true; }, 10000);
    }
    if (window.console) { console.error(error); }
  }

  // ---------------------------------------------------------------- sign-in

  function setConnection(value, text) {
    var status = $('connection-status');
    status.dataset.state = value;
    status.textContent = text;
  }

  function showLogin(message) {
    $('login').hidden = false;
    $('inbox').hidden = true;
    $('sign-out').hidden = true;
    $('signed-in-as').hidden = true;
    var error = $('login-error');
    error.hidden = !message;
    error.textContent = message || '';
    setConnection('offline', 'Not signed in');
    if (state.demo) { loadDemoClinicians(); }
  }

  function loadDemoClinicians() {
    var box = $('demo-login');
    var list = $('demo-clinicians');
    if (list.dataset.loaded === 'true') { box.hidden = false; return; }
    fetch('/demo/clinicians', { headers: { Accept: 'application/json' } }).then(function (response) {
      if (!response.ok) { throw new ApiError(response.status, 'demo sign-in unavailable'); }
      return response.json();
    }).then(function (clinicians) {
      clear(list);
      clinicians.forEach(function (clinician) {
        var detail = ['practitioner ' + clinician.practitioner].concat(
          (clinician.units || []).length ? ['units ' + clinician.units.join(', ')] : []).join(' · ');
        var button = el('button', { type: 'button', id: 'login-' + clinician.login, className: 'button clinician' }, [
          el('span', { className: 'clinician-name', text: clinician.name || clinician.login }),
          el('span', { className: 'clinician-detail', text: detail })
        ]);
        button.addEventListener('click', function () { demoSignIn(clinician.login); });
        list.appendChild(el('li', null, [button]));
      });
      list.dataset.loaded = 'true';
      box.hidden = false;
    }).catch(function () {
      box.hidden = true;  // demo endpoints answer 404 outside demo mode
    });
  }

  function demoSignIn(login) {
    fetch('/demo/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ login: login })
    }).then(function (response) {
      if (!response.ok) { throw new ApiError(response.status, 'Demo sign-in failed (HTTP ' + response.status + ')'); }
      return response.json();
    }).then(function (answer) {
      signIn(answer.token, answer.name || answer.login);
    }).catch(showError);
  }

  function signIn(token, who) {
    state.token = token || null;
    try {
      if (token) { sessionStorage.setItem(TOKEN_KEY, token); } else { sessionStorage.removeItem(TOKEN_KEY); }
      if (who) { sessionStorage.setItem(WHO_KEY, who); } else { sessionStorage.removeItem(WHO_KEY); }
    } catch (ignored) { /* storage disabled: keep the token in memory only */ }
    start(who);
  }

  function signOut(message) {
    state.signedIn = false;
    state.token = null;
    try {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(WHO_KEY);
    } catch (ignored) { /* nothing stored */ }
    stopStream();
    state.items = {};
    state.order = [];
    state.live = {};
    state.selectedId = null;
    state.detail = null;
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
    var signedInAs = $('signed-in-as');
    signedInAs.textContent = who ? 'Signed in as ' + who : '';
    signedInAs.hidden = !who;
    setConnection('connecting', 'Connecting…');
    loadList().then(function () {
      startStream();
      openLinkedItem();
    }).catch(showError);
  }

  /**
   * A link into the inbox (a CDS Hooks card's, "#item=<id>") opens that item once signed in. The item need not be
   * in the list (it may be superseded or older than the first page): the detail API decides whether the caller
   * may see it.
   */
  function openLinkedItem() {
    var match = /^#item=([0-9a-fA-F-]{36})$/.exec(window.location.hash || '');
    if (match && state.signedIn) { openItem(match[1].toLowerCase()); }
  }

  // ---------------------------------------------------------------- list

  function loadList() {
    var superseded = $('show-superseded').checked;
    return api('GET', '/api/inbox?limit=' + PAGE_SIZE + '&offset=0&superseded=' + superseded).then(function (page) {
      var fresh = {};
      (page.items || []).forEach(function (item) { fresh[item.id] = item; });
      // Items marked superseded live stay visible (marked) until the next reload hides them.
      state.items = fresh;
      state.order = sortIds(Object.keys(fresh));
      renderList();
    });
  }

  function createdMillis(id) {
    var millis = Date.parse(state.items[id].createdAt || '');
    return isNaN(millis) ? 0 : millis;
  }

  /** Newest first (by createdAt), in place. */
  function sortIds(ids) {
    return ids.sort(function (a, b) { return createdMillis(b) - createdMillis(a); });
  }

  function renderList() {
    var list = $('item-list');
    var focused = document.activeElement && document.activeElement.parentNode === list ?
      document.activeElement.dataset.id : null;
    clear(list);
    state.order.forEach(function (id) {
      var li = renderItem(state.items[id]);
      list.appendChild(li);
      if (id === focused) { li.focus(); }
    });
    updateListChrome();
  }

  function updateListChrome() {
    var unread = state.order.filter(function (id) { return state.items[id].state === 'new'; }).length;
    $('unread-count').textContent = unread ? String(unread) : '';
    $('unread-count').setAttribute('aria-label', unread + ' unread');
    $('list-empty').hidden = state.order.length > 0;
    document.title = (unread ? '(' + unread + ') ' : '') + 'ChartBrief inbox';
  }

  function renderItem(item) {
    var classes = ['item'];
    if (item.state === 'new') { classes.push('unread'); }
    if (item.state === 'acknowledged') { classes.push('acknowledged'); }
    if (item.superseded) { classes.push('superseded'); }
    if (item.id === state.selectedId) { classes.push('selected'); }
    var badges = el('div', { className: 'item-badges' }, [
      badge('state', item.state, STATE_LABELS[item.state] || item.state),
      verificationBadge(item.verification),
      badge('engine', item.engine, ENGINE_LABELS[item.engine] || item.engine),
      item.aiGenerated ? badge('ai', null, 'AI-generated') : null,
      item.superseded ? badge('superseded', null, 'Superseded') : null
    ]);
    var li = el('li', {
      className: classes.join(' '),
      'data-id': item.id,
      'data-arrival': state.live[item.id] ? 'live' : 'list',
      role: 'option',
      tabindex: '0',
      'aria-selected': item.id === state.selectedId ? 'true' : 'false'
    }, [
      el('div', { className: 'item-top' }, [
        el('span', { className: 'item-patient', text: item.patientName || item.patient || 'Unknown patient' }),
        timeElement(item.createdAt, true)
      ]),
      el('div', { className: 'item-headline', text: item.headline || '' }),
      el('div', { className: 'item-where', text: item.unit ? 'Unit ' + item.unit : '' }),
      badges
    ]);
    li.addEventListener('click', function () { openItem(item.id); });
    li.addEventListener('keydown', onItemKey);
    return li;
  }

  function onItemKey(event) {
    var li = event.currentTarget;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openItem(li.dataset.id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var next = event.key === 'ArrowDown' ? li.nextElementSibling : li.previousElementSibling;
      if (next) { next.focus(); }
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      var items = li.parentNode.children;
      if (items.length) { items[event.key === 'Home' ? 0 : items.length - 1].focus(); }
    }
  }

  function replaceItem(item) {
    state.items[item.id] = item;
    var old = document.querySelector('#item-list li.item[data-id="' + cssEscape(item.id) + '"]');
    if (old) {
      var focused = document.activeElement === old;
      var fresh = renderItem(item);
      old.parentNode.replaceChild(fresh, old);
      if (focused) { fresh.focus(); }
    }
    updateListChrome();
  }

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, '\\$&');
  }

  function insertLiveItem(item) {
    var known = state.items[item.id];
    state.items[item.id] = item;
    state.live[item.id] = true;
    if (known) { replaceItem(item); return; }
    state.order.push(item.id);
    sortIds(state.order);
    var li = renderItem(item);
    li.classList.add('arrived');  // highlight once, on arrival
    var list = $('item-list');
    var index = state.order.indexOf(item.id);
    var before = state.order[index + 1] ?
      list.querySelector('li.item[data-id="' + cssEscape(state.order[index + 1]) + '"]') : null;
    list.insertBefore(li, before);
    updateListChrome();
    announce('New summary: ' + (item.patientName || 'patient') + (item.headline ? '. ' + item.headline : ''));
  }

  function markSuperseded(item) {
    var known = state.items[item.id];
    if (!known) { return; }  // not in this view: nothing to mark
    var merged = Object.assign({}, known, item, { superseded: true });
    replaceItem(merged);
    if (state.selectedId === item.id && state.detail && !state.detail.superseded) {
      // Keep the open summary as the clinician left it (expanded evidence, scroll); add the notice under its header.
      state.detail = Object.assign({}, state.detail, { superseded: true, supersededBy: merged.supersededBy });
      var header = document.querySelector('#detail .detail-header');
      if (header) { header.parentNode.insertBefore(supersededNotice(state.detail), header.nextSibling); }
    }
  }

  // ---------------------------------------------------------------- detail

  function renderDetailPlaceholder() {
    var detail = $('detail');
    clear(detail);
    detail.appendChild(el('p', { className: 'empty', text: 'Select a summary to read it.' }));
  }

  function selectInList(id) {
    state.selectedId = id;
    Array.prototype.forEach.call(document.querySelectorAll('#item-list li.item'), function (li) {
      var selected = li.dataset.id === id;
      li.classList.toggle('selected', selected);
      li.setAttribute('aria-selected', selected ? 'true' : 'false');
    });
  }

  function openItem(id) {
    selectInList(id);
    var detail = $('detail');
    detail.setAttribute('aria-busy', 'true');
    return api('GET', '/api/inbox/' + encodeURIComponent(id)).then(function (answer) {
      if (state.selectedId !== id) { return null; }
      state.detail = answer;
      renderDetail(answer);
      if (answer.state === 'new') {
        return api('POST', '/api/inbox/' + encodeURIComponent(id) + '/read').then(updateState);
      }
      return null;
    }).catch(function (error) {
      if (error && error.status === 404) {
        clear(detail);
        detail.appendChild(el('p', { className: 'error', text: 'This summary is not available to you.' }));
      } else {
        showError(error);
      }
    }).then(function () {
      detail.removeAttribute('aria-busy');
    });
  }

  /** A state change (read/ack) answered with the updated Item. */
  function updateState(item) {
    if (!item) { return; }
    var known = state.items[item.id];
    replaceItem(known ? Object.assign({}, known, item) : item);
    if (state.detail && state.detail.id === item.id) {
      ['state', 'readAt', 'acknowledgedAt', 'superseded', 'supersededBy'].forEach(function (key) {
        if (key in item) { state.detail[key] = item[key]; }
      });
      renderStatePanel(state.detail);
    }
  }

  function acknowledge() {
    var item = state.detail;
    if (!item) { return; }
    var button = $('ack-button');
    button.disabled = true;
    api('POST', '/api/inbox/' + encodeURIComponent(item.id) + '/ack').then(function (answer) {
      updateState(answer);
      announce('Summary acknowledged');
    }).catch(function (error) {
      button.disabled = false;
      showError(error);
    });
  }

  function renderDetail(item) {
    var detail = $('detail');
    clear(detail);
    var document_ = item.document || {};
    var engine = document_.engine || { kind: item.engine, model: null };

    var header = el('header', { className: 'detail-header' }, [
      el('h2', { id: 'detail-title', text: item.patientName || item.patient || 'Summary' }),
      el('p', { className: 'detail-doc-title', text: document_.title || 'Patient summary' }),
      el('p', { className: 'detail-context', title: item.encounter || null }, [
        'Created ', timeElement(item.createdAt, false),
        item.unit ? ' · Unit ' + item.unit : ''
      ])
    ]);
    detail.appendChild(header);

    if (item.superseded) { detail.appendChild(supersededNotice(item)); }

    var unverified = document_.unverified || [];
    var counts = verificationCounts(document_.verification, unverified);
    var provenance = el('dl', { className: 'provenance' }, [
      el('dt', { text: 'Verification' }), el('dd', null, [
        verificationBadge(item.verification),
        counts ? el('span', { id: 'verification-counts', className: 'verification-counts', text: counts }) : null
      ]),
      el('dt', { text: 'Engine' }), el('dd', { className: 'engine', text: engineLabel(engine.kind || item.engine, engine.model) })
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

    var evidence = item.evidence || {};
    var counter = { next: 0 };
    (document_.sections || []).forEach(function (section) {
      var list = el('ul', { className: 'summary-items' });
      (section.items || []).forEach(function (entry) {
        list.appendChild(summaryItem(entry, evidence, counter, null));
      });
      detail.appendChild(el('section', { className: 'summary-section', 'data-code': section.code }, [
        el('h3', { text: section.title || section.code || 'Section' }), list
      ]));
    });

    var recommendations = document_.recommendations || [];
    if (recommendations.length) {
      var recList = el('ul', { className: 'summary-items recommendations' });
      recommendations.forEach(function (recommendation) {
        recList.appendChild(summaryItem(recommendation, evidence, counter, recommendation));
      });
      detail.appendChild(el('section', { className: 'summary-section', 'data-code': '18776-5' }, [
        el('h3', { text: 'Recommendations' }), recList
      ]));
    }

    // Last and apart: what the verifier could not check. Never mixed into the sections above.
    if (unverified.length) {
      var apartList = el('ul', { className: 'summary-items' });
      unverified.forEach(function (entry) {
        apartList.appendChild(summaryItem(entry, evidence, counter, null, true));
      });
      detail.appendChild(el('section', {
        id: 'unverified', className: 'summary-section unverified', 'data-code': 'unverified',
        'aria-labelledby': 'unverified-title'
      }, [
        el('h3', { id: 'unverified-title', text: UNVERIFIED_TITLE }),
        el('p', { className: 'unverified-notice', text: 'These statements could not be verified against the chart '
          + 'entries they cite, so they are not part of the summary above. Read the record before relying on them.' }),
        apartList
      ]));
    }
  }

  function supersededNotice(item) {
    var notice = el('p', { className: 'superseded-notice', role: 'status' },
      ['A newer summary for this patient and encounter replaces this one. ']);
    if (item.supersededBy) {
      var link = el('button', { type: 'button', className: 'button button-link', text: 'Open the newer summary' });
      link.addEventListener('click', function () { openItem(item.supersededBy); });
      notice.appendChild(link);
    }
    return notice;
  }

  function renderStatePanel(item) {
    var panel = $('state-panel');
    if (!panel) { return; }
    clear(panel);
    var lines = [badge('state', item.state, STATE_LABELS[item.state] || item.state)];
    if (item.readAt) { lines.push(el('span', { className: 'state-time' }, ['Read ', timeElement(item.readAt, true)])); }
    if (item.acknowledgedAt) {
      lines.push(el('span', { className: 'state-time' }, ['Acknowledged ', timeElement(item.acknowledgedAt, true)]));
    }
    var acknowledged = item.state === 'acknowledged';
    var button = el('button', {
      type: 'button', id: 'ack-button', className: 'button button-primary',
      disabled: acknowledged, 'aria-pressed': acknowledged ? 'true' : 'false',
      text: acknowledged ? 'Acknowledged' : 'Acknowledge'
    });
    button.addEventListener('click', acknowledge);
    panel.appendChild(el('div', { id: 'detail-state', className: 'state-line', 'data-state': item.state }, lines));
    panel.appendChild(button);
  }

  /** One item; {@code unverified}: an item of the "Not verified" section (badge, where it came from, why). */
  function summaryItem(entry, evidenceMap, counter, recommendation, unverified) {
    var refs = entry.evidence || [];
    var blockId = 'evidence-' + (counter.next++);
    var children = [];
    if (recommendation && recommendation.priority) {
      children.push(badge('priority', recommendation.priority, 'Priority: ' + recommendation.priority));
    }
    if (unverified) { children.push(badge('unverified', null, 'Not verified')); }
    var quote = entry.quote && typeof entry.quote.text === 'string' ? entry.quote : null;
    // A note item whose text is its quote shows the quote once; one in other words (a model's) shows both.
    if (!quote || (entry.text || '').trim() !== quote.text.trim()) {
      children.push(el('span', { className: 'item-text', text: entry.text || '' }));
    }
    var li = el('li', {
      className: 'summary-item' + (recommendation ? ' recommendation' : '') + (unverified ? ' unverified-item' : '')
        + (quote ? ' note-item' : '')
    }, children);
    if (quote) {
      li.appendChild(el('blockquote', { className: 'note-quote', text: quote.text }));
      li.appendChild(noteSource(quote, evidenceMap));
    }
    if (recommendation && recommendation.rationale) {
      li.appendChild(el('p', { className: 'rationale', text: 'Why: ' + recommendation.rationale }));
    }
    if (unverified) {
      if (entry.section) {
        li.appendChild(el('p', { className: 'item-source', text: 'From: ' + (PART_LABELS[entry.section] || entry.section) }));
      }
      li.appendChild(el('p', { className: 'unverified-reason',
        text: 'Not verified: ' + (entry.reason || 'the chart entries it cites do not establish it') }));
    }
    if (!refs.length) {
      li.appendChild(el('span', { className: 'no-evidence', text: 'No evidence cited' }));
      return li;
    }
    var toggle = el('button', {
      type: 'button', className: 'evidence-toggle', 'aria-expanded': 'false', 'aria-controls': blockId,
      text: 'Evidence (' + refs.length + ')'
    });
    var block = el('div', { id: blockId, className: 'evidence', hidden: true }, [
      quote ? noteContext(quote) : null,
      el('ul', null, refs.map(function (ref) { return evidenceLine(ref, evidenceMap[ref]); }))
    ]);
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      block.hidden = !open;
    });
    li.appendChild(toggle);
    li.appendChild(block);
    return li;
  }

  function noteSectionLabel(quote) {
    return NOTE_SECTION_LABELS[quote.section] || quote.heading || quote.section || null;
  }

  /** "Admission H&P · 2026-11-01 · History of present illness": the note a quote comes from. */
  function noteSource(quote, evidenceMap) {
    var note = quote.note ? evidenceMap[quote.note] : null;
    var title = quote.title || (note && note.display) || 'Note';
    var date = quote.date || (note && note.date) || null;
    var section = noteSectionLabel(quote);
    return el('p', { className: 'note-source' }, [
      el('span', { className: 'note-title', text: title }),
      date ? el('span', { className: 'note-date', text: date }) : null,
      section ? el('span', { className: 'note-section', text: section }) : null
    ]);
  }

  /**
   * The passage in its note: the context the document carries with the quote marked. The mark is placed only where
   * the context holds the quote verbatim at its offset (start - contextStart); otherwise the context is shown
   * unmarked. Text nodes only.
   */
  function noteContext(quote) {
    var section = noteSectionLabel(quote);
    var caption = el('figcaption', { text: 'In the note' + (section ? ' — ' + section : '') });
    var context = quote.context;
    if (typeof context !== 'string' || typeof quote.contextStart !== 'number') {
      return el('figure', { className: 'note-context' }, [caption,
        el('p', { className: 'note-context-missing', text: 'The surrounding text of the note is not in this summary.' })]);
    }
    var from = quote.start - quote.contextStart;
    var to = quote.end - quote.contextStart;
    var located = from >= 0 && from <= to && to <= context.length && context.slice(from, to) === quote.text;
    var parts = located ? [context.slice(0, from), el('mark', { className: 'note-highlight', text: quote.text }),
      context.slice(to)] : [context];
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

  // ---------------------------------------------------------------- live stream (SSE over fetch)

  function stopStream() {
    state.streamGeneration++;
    if (state.stream) { state.stream.abort(); state.stream = null; }
    if (state.reconnectTimer) { window.clearTimeout(state.reconnectTimer); state.reconnectTimer = null; }
  }

  function startStream() {
    stopStream();
    var generation = state.streamGeneration;
    var controller = new AbortController();
    state.stream = controller;
    var silenceTimer = null;
    var armSilence = function () {
      if (silenceTimer) { window.clearTimeout(silenceTimer); }
      silenceTimer = window.setTimeout(function () { controller.abort(); }, STREAM_SILENCE_MS);
    };
    armSilence();
    fetch('/api/inbox/stream', {
      headers: authHeaders({ Accept: 'text/event-stream' }),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal
    }).then(function (response) {
      if (response.status === 401) {
        signOut('Your session has ended. Please sign in again.');
        throw new ApiError(401, 'not signed in');
      }
      if (!response.ok || !response.body) { throw new ApiError(response.status, 'stream unavailable'); }
      if (generation !== state.streamGeneration) { controller.abort(); return null; }
      state.backoff = BACKOFF_MIN_MS;
      setConnection('live', 'Live');
      // Catch up on anything that arrived before this stream was open (first load, or while disconnected).
      loadList().catch(showError);
      return readEvents(response.body.getReader(), armSilence, generation);
    }).catch(function (error) {
      if (error && error.status === 401) { return; }
    }).then(function () {
      if (silenceTimer) { window.clearTimeout(silenceTimer); }
      if (generation === state.streamGeneration && state.signedIn) { scheduleReconnect(); }
    });
  }

  function scheduleReconnect() {
    var delay = state.backoff + Math.floor(Math.random() * 250);
    state.backoff = Math.min(state.backoff * 2, BACKOFF_MAX_MS);
    setConnection('reconnecting', 'Reconnecting in ' + Math.round(delay / 1000) + ' s…');
    state.reconnectTimer = window.setTimeout(function () {
      state.reconnectTimer = null;
      if (state.signedIn) {
        setConnection('reconnecting', 'Reconnecting…');
        startStream();
      }
    }, delay);
  }

  /** Reads server-sent events until the stream ends; resolves then. */
  function readEvents(reader, onBytes, generation) {
    var decoder = new TextDecoder('utf-8');
    var buffer = '';
    var eventName = null;
    var data = [];

    function dispatch() {
      if (data.length) { handleEvent(eventName || 'message', data.join('\n')); }
      eventName = null;
      data = [];
    }

    function processLine(line) {
      if (line === '') { dispatch(); return; }
      if (line.charAt(0) === ':') { return; }  // comment: heartbeat
      var colon = line.indexOf(':');
      var field = colon < 0 ? line : line.slice(0, colon);
      var value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.charAt(0) === ' ') { value = value.slice(1); }
      if (field === 'event') { eventName = value; }
      else if (field === 'data') { data.push(value); }
    }

    function pump() {
      return reader.read().then(function (chunk) {
        if (generation !== state.streamGeneration) { reader.cancel(); return null; }
        if (chunk.done) { return null; }
        onBytes();
        buffer += decoder.decode(chunk.value, { stream: true });
        var match;
        var lineBreak = /\r\n|\r|\n/g;
        var consumed = 0;
        while ((match = lineBreak.exec(buffer)) !== null) {
          // A lone \r at the very end may be the first half of \r\n: wait for more bytes.
          if (match[0] === '\r' && match.index === buffer.length - 1) { break; }
          processLine(buffer.slice(consumed, match.index));
          consumed = match.index + match[0].length;
        }
        buffer = buffer.slice(consumed);
        return pump();
      });
    }
    return pump();
  }

  function handleEvent(name, payload) {
    var item;
    try { item = JSON.parse(payload); } catch (ignored) { return; }
    if (!item || !item.id) { return; }
    if (name === 'item') {
      insertLiveItem(item);
    } else if (name === 'superseded') {
      markSuperseded(item);
    }
  }

  // ---------------------------------------------------------------- start-up

  function init() {
    state.demo = document.body.dataset.demo === 'true';
    $('sign-out').addEventListener('click', function () { signOut(); });
    window.addEventListener('hashchange', openLinkedItem);
    $('show-superseded').addEventListener('change', function () { loadList().catch(showError); });
    $('token-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var input = $('token-input');
      var token = input.value.trim();
      input.value = '';
      if (token) { signIn(token, null); }
    });
    var token = null;
    var who = null;
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
      api('GET', '/api/inbox?limit=1').then(function () {
        start(null);
      }).catch(function (error) {
        if (!(error && error.status === 401)) { showLogin(error && error.message); }
      });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
