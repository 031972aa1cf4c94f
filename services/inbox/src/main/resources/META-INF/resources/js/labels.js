/*
 * Words the page shows for the codes the API answers (pure: no DOM, unit-tested under src/test/js).
 */

export const VERIFICATION_LABELS = Object.freeze({
  'verified': 'Verified',
  'partially-verified': 'Partially verified',
  'unverified': 'Unverified'
});
export const STATE_LABELS = Object.freeze({ 'new': 'New', 'read': 'Read', 'acknowledged': 'Acknowledged' });
export const ENGINE_LABELS = Object.freeze({ 'extractive': 'Extractive (no model)', 'llama': 'Language model' });

/** Where an unverified item came from (the summary's part names). */
export const PART_LABELS = Object.freeze({
  'narrative': 'Narrative', 'problems': 'Active problems', 'medications': 'Medications',
  'allergies': 'Allergies and intolerances', 'results': 'Results', 'vitals': 'Vital signs',
  'notes': 'From the clinical notes', 'recommendations': 'Recommendations'
});

/** Canonical note section names (summary-engine SectionHeadings) in words. */
export const NOTE_SECTION_LABELS = Object.freeze({
  'preamble': 'Opening text', 'chief-complaint': 'Chief complaint', 'hpi': 'History of present illness',
  'pmh': 'Past medical history', 'psh': 'Past surgical history', 'family-history': 'Family history',
  'social-history': 'Social history', 'medications': 'Medications', 'allergies': 'Allergies',
  'ros': 'Review of systems', 'physical-exam': 'Physical exam', 'vitals': 'Vital signs', 'results': 'Results',
  'assessment-and-plan': 'Assessment and plan', 'assessment': 'Assessment', 'plan': 'Plan',
  'impression': 'Impression', 'hospital-course': 'Hospital course', 'disposition': 'Disposition'
});

export function verificationLabel(value) {
  return VERIFICATION_LABELS[value] || value || 'Not verified';
}

export function stateLabel(value) {
  return STATE_LABELS[value] || value;
}

export function partLabel(section) {
  return PART_LABELS[section] || section;
}

/**
 * "8 of 10 items verified · 1 not verifiable · 1 removed as contradicted", from the document's counts; a document
 * without counts (older summarizer) still says how many items are not verifiable.
 */
export function verificationCounts(counts, unverified) {
  const parts = [];
  if (counts) {
    parts.push(counts.supported + ' of ' + counts.items + ' items verified');
    if (counts.unverifiable) { parts.push(counts.unverifiable + ' not verifiable'); }
    if (counts.contradicted) { parts.push(counts.contradicted + ' removed as contradicted'); }
  } else if (unverified && unverified.length) {
    parts.push(unverified.length + ' not verifiable');
  }
  return parts.join(' · ');
}

export function engineLabel(kind, model) {
  const label = ENGINE_LABELS[kind] || kind || 'unknown engine';
  return model ? label + ' · ' + model : label;
}

/** The section a note quote comes from, in words; null when the quote names none. */
export function noteSectionLabel(quote) {
  return NOTE_SECTION_LABELS[quote.section] || quote.heading || quote.section || null;
}
