// The inbox stream's parser: what the server sends (InboxStream) split into arbitrary chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventStreamParser, inboxEvent, readEventStream } from '../../main/resources/META-INF/resources/js/sse.js';

function parse(...chunks) {
  const events = [];
  const parser = new EventStreamParser((name, data) => events.push([name, data]));
  chunks.forEach((chunk) => parser.push(chunk));
  return events;
}

test('an item event with its JSON data', () => {
  assert.deepEqual(parse('event: item\ndata: {"id":"a"}\n\n'), [['item', '{"id":"a"}']]);
});

test('an event is dispatched only at its blank line', () => {
  assert.deepEqual(parse('event: item\ndata: {"id":"a"}\n'), []);
});

test('chunks split anywhere, even inside a CRLF', () => {
  const text = 'event: superseded\r\ndata: {"id":"b"}\r\n\r\n';
  for (let cut = 1; cut < text.length; cut++) {
    assert.deepEqual(parse(text.slice(0, cut), text.slice(cut)), [['superseded', '{"id":"b"}']], 'cut at ' + cut);
  }
});

test('a lone CR ends a line; one at the end of a chunk waits for a possible LF', () => {
  assert.deepEqual(parse('data: x\r\r'), []);
  assert.deepEqual(parse('data: x\r\r', ': next'), [['message', 'x']]);
  assert.deepEqual(parse('data: x\r', '\n\r\n'), [['message', 'x']]);
});

test('heartbeat comments and unknown fields are ignored', () => {
  assert.deepEqual(parse(': heartbeat\n\nid: 7\nretry: 10\nevent: item\ndata: 1\n\n'), [['item', '1']]);
});

test('data lines are joined with a newline; only one leading space is dropped', () => {
  assert.deepEqual(parse('data: a\ndata:  b\ndata:c\n\n'), [['message', 'a\n b\nc']]);
});

test('a data field without a colon is empty data; an event without data dispatches nothing', () => {
  assert.deepEqual(parse('data\n\nevent: item\n\n'), [['message', '']]);
});

test('the event name does not leak into the next event', () => {
  assert.deepEqual(parse('event: item\ndata: 1\n\ndata: 2\n\n'), [['item', '1'], ['message', '2']]);
});

test('inboxEvent takes item and superseded events with an id, nothing else', () => {
  assert.deepEqual(inboxEvent('item', '{"id":"x","state":"new"}'), { kind: 'item', item: { id: 'x', state: 'new' } });
  assert.equal(inboxEvent('superseded', '{"id":"y"}').kind, 'superseded');
  assert.equal(inboxEvent('message', '{"id":"x"}'), null);
  assert.equal(inboxEvent('item', '{"state":"new"}'), null);
  assert.equal(inboxEvent('item', 'not json'), null);
  assert.equal(inboxEvent('item', 'null'), null);
});

test('readEventStream decodes UTF-8 split across chunks and stops when no longer current', async () => {
  const bytes = new TextEncoder().encode('event: item\ndata: {"id":"é"}\n\nevent: item\ndata: {"id":"late"}\n\n');
  const cut = bytes.indexOf(0xc3) + 1;  // inside the two bytes of "é"
  const chunks = [bytes.slice(0, cut), bytes.slice(cut, cut + 12), bytes.slice(cut + 12)];
  let cancelled = false;
  let current = true;
  const events = [];
  const reader = {
    read: () => Promise.resolve(chunks.length ? { done: false, value: chunks.shift() } : { done: true }),
    cancel: () => { cancelled = true; }
  };
  let seen = 0;
  await readEventStream(reader, {
    onBytes: () => { seen++; },
    onEvent: (name, data) => { events.push(JSON.parse(data).id); current = false; },
    isCurrent: () => current
  });
  assert.deepEqual(events, ['é']);
  assert.ok(cancelled, 'a replaced stream cancels its reader');
  assert.ok(seen >= 1);
});
