// A note quote is marked in its context only where the context really holds it (docs/inbox-page.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateQuote, quoteOf, showsOwnText } from '../../main/resources/META-INF/resources/js/quote.js';

const context = 'Chief complaint: fever and a red, swollen left leg for 3 days.';
const text = 'fever and a red, swollen left leg';

test('the quote at its offset splits the context around it', () => {
  const start = 100 + context.indexOf(text);
  assert.deepEqual(locateQuote({ text, start, end: start + text.length, context, contextStart: 100 }),
    { before: 'Chief complaint: ', quote: text, after: ' for 3 days.' });
});

test('a quote that is not verbatim at its offset is not marked', () => {
  const start = 100 + context.indexOf(text) + 1;
  assert.deepEqual(locateQuote({ text, start, end: start + text.length, context, contextStart: 100 }), { context });
  assert.deepEqual(locateQuote({ text: 'right leg', start: 100, end: 109, context, contextStart: 100 }), { context });
});

test('offsets outside the context are not marked', () => {
  assert.deepEqual(locateQuote({ text, start: 90, end: 90 + text.length, context, contextStart: 100 }), { context });
  assert.deepEqual(locateQuote({ text: context + 'x', start: 100, end: 101 + context.length, context,
    contextStart: 100 }), { context });
});

test('no context: nothing to show', () => {
  assert.equal(locateQuote({ text, start: 0, end: 5 }), null);
  assert.equal(locateQuote({ text, start: 0, end: 5, context: 'x' }), null);
});

test('a note item whose text is its quote shows the quote once', () => {
  assert.equal(showsOwnText({ text: ' ' + text, quote: { text } }), false);
  assert.equal(showsOwnText({ text: 'Cellulitis of the left leg', quote: { text } }), true);
  assert.equal(showsOwnText({ text: 'Hypertension' }), true);
  assert.equal(quoteOf({ text: 'x', quote: { note: 'DocumentReference/1' } }), null);
});
