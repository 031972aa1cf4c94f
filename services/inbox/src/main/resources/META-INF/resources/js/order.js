/*
 * The list's order and counts, and the inbox links a CDS Hooks card opens (pure: no DOM).
 */

function createdMillis(item) {
  const millis = Date.parse((item && item.createdAt) || '');
  return isNaN(millis) ? 0 : millis;
}

/** Sorts item ids newest first by their item's createdAt (unknown or unreadable times last), in place. */
export function newestFirst(ids, items) {
  return ids.sort((a, b) => createdMillis(items[b]) - createdMillis(items[a]));
}

/** How many of the listed items the caller has not opened yet. */
export function unreadCount(ids, items) {
  return ids.filter((id) => items[id] && items[id].state === 'new').length;
}

/** The item id of a link into the inbox ("#item=<uuid>", as a CDS Hooks card's link), lower case; else null. */
export function linkedItemId(hash) {
  const match = /^#item=([0-9a-fA-F-]{36})$/.exec(hash || '');
  return match ? match[1].toLowerCase() : null;
}
