// The one WebSocket to /api/v1/ws the whole app shares. Screens call `live(topic, fn)`
// while they are open; the client subscribes when the first listener of a topic
// arrives, unsubscribes after the last one leaves, reconnects with backoff
// (1 s doubling to 30 s) and subscribes again, and tells every listener `resync` after
// a reconnect, since what happened while the socket was down is not replayed.
import { onBeforeUnmount } from 'vue';

export interface LiveEvent {
  op: 'event';
  topic: string;
  event: string;
  type?: string;
  id?: number;
  actor_id?: number;
  record?: Record<string, unknown> & { version?: number };
  changed_fields?: string[];
  notification?: Record<string, unknown>;
  channel?: string;
  data?: unknown;
}

/** A listener gets the pushed events of its topic, and `resync` after a reconnect. */
export type LiveListener = (event: LiveEvent | 'resync') => void;

const listeners = new Map<string, Set<LiveListener>>();
let socket: WebSocket | null = null;
let backoff = 1000;
let retry: number | undefined;
let connectedOnce = false;
let stopped = true;

function url(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/ws`;
}

function send(message: object) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function connect() {
  if (stopped || socket) return;
  const ws = new WebSocket(url());
  socket = ws;
  ws.onopen = () => {
    backoff = 1000;
    for (const topic of listeners.keys()) send({ op: 'subscribe', topic });
    if (connectedOnce) for (const set of listeners.values()) for (const fn of set) fn('resync');
    connectedOnce = true;
  };
  ws.onmessage = (message) => {
    let frame: LiveEvent;
    try {
      frame = JSON.parse(String(message.data));
    } catch {
      return;
    }
    if (frame.op !== 'event') return;
    for (const fn of listeners.get(frame.topic) ?? []) fn(frame);
  };
  ws.onclose = (closed) => {
    socket = null;
    // 4401: the session ended; the next API call sends the user to the login form,
    // and signing in starts the socket again.
    if (stopped || closed.code === 4401) return;
    retry = window.setTimeout(connect, backoff);
    backoff = Math.min(backoff * 2, 30000);
  };
}

/** Opens the shared socket (after signing in). */
export function startLive() {
  stopped = false;
  connect();
}

/** Closes it (signing out). */
export function stopLive() {
  stopped = true;
  connectedOnce = false;
  window.clearTimeout(retry);
  socket?.close(1000);
  socket = null;
}

/** Listens to `topic` ("type:deal", "record:deal:12", "notifications", "channel:x.y")
 *  until the returned function is called. */
export function subscribe(topic: string, fn: LiveListener): () => void {
  let set = listeners.get(topic);
  if (!set) {
    set = new Set();
    listeners.set(topic, set);
    send({ op: 'subscribe', topic });
  }
  set.add(fn);
  return () => {
    set!.delete(fn);
    if (!set!.size) {
      listeners.delete(topic);
      send({ op: 'unsubscribe', topic });
    }
  };
}

/** subscribe() for the life of the calling component. */
export function live(topic: string, fn: LiveListener) {
  const stop = subscribe(topic, fn);
  onBeforeUnmount(stop);
}
