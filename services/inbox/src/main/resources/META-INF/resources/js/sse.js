/*
 * Server-sent events read from a fetch() body (EventSource cannot send the bearer token). The parser is pure and
 * unit-tested; readEventStream drives it from a ReadableStream reader.
 */

/**
 * Incremental text/event-stream parser: push() text as it arrives, in chunks of any size; onEvent(name, data) is
 * called once per dispatched event ("message" when it named none). Comments (":" heartbeats) and unknown fields are
 * ignored, data lines are joined with "\n", a lone "\r" at the end of a chunk waits for a possible "\n".
 */
export class EventStreamParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.eventName = null;
    this.data = [];
  }

  push(text) {
    this.buffer += text;
    const lineBreak = /\r\n|\r|\n/g;
    let consumed = 0;
    let match;
    while ((match = lineBreak.exec(this.buffer)) !== null) {
      if (match[0] === '\r' && match.index === this.buffer.length - 1) { break; }
      this.line(this.buffer.slice(consumed, match.index));
      consumed = match.index + match[0].length;
    }
    this.buffer = this.buffer.slice(consumed);
  }

  line(line) {
    if (line === '') { this.dispatch(); return; }
    if (line.charAt(0) === ':') { return; }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charAt(0) === ' ') { value = value.slice(1); }
    if (field === 'event') { this.eventName = value; }
    else if (field === 'data') { this.data.push(value); }
  }

  dispatch() {
    if (this.data.length) { this.onEvent(this.eventName || 'message', this.data.join('\n')); }
    this.eventName = null;
    this.data = [];
  }
}

/**
 * The inbox stream's events: "item" (a new summary) and "superseded" (a newer one replaced it), each carrying an
 * Item with an id; anything else (unknown event, unreadable JSON, no id) is null and ignored.
 */
export function inboxEvent(name, payload) {
  if (name !== 'item' && name !== 'superseded') { return null; }
  let item;
  try { item = JSON.parse(payload); } catch (ignored) { return null; }
  return item && typeof item === 'object' && item.id ? { kind: name, item } : null;
}

/**
 * Reads the stream until it ends or isCurrent() turns false (a newer stream replaced it); resolves then.
 * onBytes() is called for every chunk (the silence timer), onEvent(name, data) for every event.
 */
export function readEventStream(reader, { onBytes, onEvent, isCurrent }) {
  const decoder = new TextDecoder('utf-8');
  const parser = new EventStreamParser(onEvent);
  function pump() {
    return reader.read().then((chunk) => {
      if (!isCurrent()) { reader.cancel(); return null; }
      if (chunk.done) { return null; }
      onBytes();
      parser.push(decoder.decode(chunk.value, { stream: true }));
      return pump();
    });
  }
  return pump();
}
