// What the clinician reads for the API's codes and counts (docs/inbox-page.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  engineLabel, noteSectionLabel, partLabel, stateLabel, verificationCounts, verificationLabel
} from '../../main/resources/META-INF/resources/js/labels.js';

test('verification counts name what was verified, what could not be, and what was removed', () => {
  assert.equal(verificationCounts({ items: 10, supported: 8, unverifiable: 1, contradicted: 1 }, []),
    '8 of 10 items verified · 1 not verifiable · 1 removed as contradicted');
  assert.equal(verificationCounts({ items: 3, supported: 3, unverifiable: 0, contradicted: 0 }, []),
    '3 of 3 items verified');
});

test('a document without counts still says how many items are not verifiable', () => {
  assert.equal(verificationCounts(null, [{}, {}]), '2 not verifiable');
  assert.equal(verificationCounts(undefined, []), '');
});

test('a missing verification status never reads as verified', () => {
  assert.equal(verificationLabel('verified'), 'Verified');
  assert.equal(verificationLabel('partially-verified'), 'Partially verified');
  assert.equal(verificationLabel(undefined), 'Not verified');
  assert.equal(verificationLabel('new-status'), 'new-status');
});

test('engine and model', () => {
  assert.equal(engineLabel('llama', 'medgemma-4b-it-Q4_K_M'), 'Language model · medgemma-4b-it-Q4_K_M');
  assert.equal(engineLabel('extractive', null), 'Extractive (no model)');
  assert.equal(engineLabel(undefined, undefined), 'unknown engine');
});

test('note sections in words, else the note\'s own heading', () => {
  assert.equal(noteSectionLabel({ section: 'hpi' }), 'History of present illness');
  assert.equal(noteSectionLabel({ section: 'other', heading: 'Interval events' }), 'Interval events');
  assert.equal(noteSectionLabel({ section: 'other' }), 'other');
  assert.equal(noteSectionLabel({}), null);
});

test('states and summary parts', () => {
  assert.equal(stateLabel('acknowledged'), 'Acknowledged');
  assert.equal(partLabel('medications'), 'Medications');
  assert.equal(partLabel('notes'), 'From the clinical notes');
  assert.equal(partLabel('unknown-part'), 'unknown-part');
});
