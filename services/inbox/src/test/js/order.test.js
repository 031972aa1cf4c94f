// The list's order, its unread count and the links a CDS Hooks card opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkedItemId, newestFirst, unreadCount } from '../../main/resources/META-INF/resources/js/order.js';

const items = {
  a: { id: 'a', createdAt: '2026-11-01T08:00:00Z', state: 'new' },
  b: { id: 'b', createdAt: '2026-11-02T08:00:00+01:00', state: 'read' },
  c: { id: 'c', createdAt: '2026-11-02T07:30:00Z', state: 'new' },
  d: { id: 'd', createdAt: 'not a time', state: 'acknowledged' }
};

test('newest first by the instant, whatever the offset; unreadable times last', () => {
  assert.deepEqual(newestFirst(['a', 'd', 'b', 'c'], items), ['c', 'b', 'a', 'd']);
});

test('sorts in place (the live list inserts into the same array)', () => {
  const ids = ['a', 'c'];
  assert.equal(newestFirst(ids, items), ids);
  assert.deepEqual(ids, ['c', 'a']);
});

test('unread counts only new items that are listed', () => {
  assert.equal(unreadCount(['a', 'b', 'c', 'd'], items), 2);
  assert.equal(unreadCount(['b', 'gone'], items), 0);
});

test('a card link names one item by its uuid', () => {
  assert.equal(linkedItemId('#item=0B7E5F3A-1C2D-4E5F-8A9B-0C1D2E3F4A5B'), '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
  assert.equal(linkedItemId('#item=not-an-id'), null);
  assert.equal(linkedItemId('#item=0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b&x=1'), null);
  assert.equal(linkedItemId(''), null);
  assert.equal(linkedItemId(undefined), null);
});
