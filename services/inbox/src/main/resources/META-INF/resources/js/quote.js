/*
 * Where a note quote sits in the context the summary carries (pure: no DOM).
 */

/**
 * Splits the quote's context around the quote: {before, quote, after} when the context holds the quote verbatim
 * at its offset (start - contextStart), {context} (unmarked) when it does not, null when the summary carries no
 * context for it. The page then marks only a passage that is really there.
 */
export function locateQuote(quote) {
  const context = quote && quote.context;
  if (typeof context !== 'string' || typeof quote.contextStart !== 'number') { return null; }
  const from = quote.start - quote.contextStart;
  const to = quote.end - quote.contextStart;
  const located = from >= 0 && from <= to && to <= context.length && context.slice(from, to) === quote.text;
  return located ? { before: context.slice(0, from), quote: quote.text, after: context.slice(to) } : { context };
}

/** The item's quote when it has one with text; else null. */
export function quoteOf(entry) {
  return entry && entry.quote && typeof entry.quote.text === 'string' ? entry.quote : null;
}

/** A note item whose text is its quote shows the quote once; one in other words (a model's) shows both. */
export function showsOwnText(entry) {
  const quote = quoteOf(entry);
  return !quote || ((entry.text || '').trim() !== quote.text.trim());
}
