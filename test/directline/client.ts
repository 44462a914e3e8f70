// Microsoft's Direct Line client (botframework-directlinejs, the one inside Web Chat) in Node. It speaks HTTP
// through rxjs's ajax, which needs the browser's XMLHttpRequest: the same requests go over fetch here, answered in
// the shape the client reads. Over polling, or over the streamUrl's WebSocket (the `ws` package standing in for
// the browser's WebSocket), as the clinic page does by default.
import { ConnectionStatus, DirectLine, type Activity } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import { Observable } from 'rxjs/Observable.js';
import type { AjaxRequest } from 'rxjs/observable/dom/AjaxObservable.js';

type Options = ConstructorParameters<typeof DirectLine>[0];

// directlinejs uses WebSocket only when the global exists (Node 20 has none); the one it opens is `ws`, passed below.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** The client's Activity is a union by type; the tests read these fields on any of them. */
export type Received = Activity & { text?: string; replyToId?: string; channelId?: string; attachments?: Array<{ contentType: string }> };

function fetchAjax(request: AjaxRequest): Observable<unknown> {
  return Observable.create((subscriber: { next(v: unknown): void; complete(): void; error(e: unknown): void }) => {
    fetch(request.url!, {
      method: request.method ?? 'GET',
      headers: request.headers as Record<string, string>,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeout ?? 20_000),
    }).then(async (res) => {
      const responseText = await res.text();
      let response: unknown = null;
      try { response = responseText ? JSON.parse(responseText) : null; } catch { /* not JSON: left null */ }
      const result = { status: res.status, response, responseText, request, xhr: { getResponseHeader: (name: string) => res.headers.get(name) } };
      if (res.ok) {
        subscriber.next(result);
        subscriber.complete();
      } else {
        subscriber.error(Object.assign(new Error(`HTTP ${res.status}`), result));
      }
    }, (err: Error) => subscriber.error(Object.assign(err, { status: 0 })));
  });
}

export interface NodeDirectLine {
  directLine: DirectLine;
  /** Every activity the client has received, in order. */
  received: Received[];
  /** Posts an activity and resolves with the id the server gave it. */
  post(activity: Partial<Activity>): Promise<string>;
  /** Resolves once an activity matching `test` has been received (rejects after `ms`). */
  waitFor(test: (a: Received) => boolean, ms?: number): Promise<Received>;
  /** Resolves with the first connection status in `wanted`. */
  status(wanted: ConnectionStatus[], ms?: number): Promise<ConnectionStatus>;
  end(): void;
}

export interface ConnectOptions {
  /** Live replies over the streamUrl (default false: polling every 200 ms). */
  webSocket?: boolean;
  /** Resume this conversation (the reconnect call) instead of starting one. */
  conversationId?: string;
}

export function connect(domain: string, token: string, { webSocket = false, conversationId }: ConnectOptions = {}): NodeDirectLine {
  const options = {
    domain, token, webSocket, pollingInterval: 200, conversationId,
    ajax: fetchAjax as unknown as Options['ajax'],
    WebSocket: WebSocket as unknown as Options['WebSocket'],
  } as Options;
  const directLine = new DirectLine(options);
  const received: Received[] = [];
  // A refused connection ends the stream with an error: the connection status tells the tests about it.
  const subscription = directLine.activity$.subscribe((a) => { received.push(a); }, () => {});

  const until = <T>(check: () => T | undefined, ms: number, what: string) => new Promise<T>((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const found = check();
      if (found !== undefined) return resolve(found);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });

  return {
    directLine,
    received,
    post: (activity) => new Promise<string>((resolve, reject) => {
      directLine.postActivity({ type: 'message', from: { id: 'node-user' }, ...activity } as Activity).subscribe(resolve, reject);
    }),
    waitFor: (test, ms = 10_000) => until(() => received.find(test), ms, 'an activity'),
    status: (wanted, ms = 10_000) => until(() => {
      const s = directLine.connectionStatus$.getValue();
      return wanted.includes(s) ? s : undefined;
    }, ms, `connection status ${wanted.join('/')}`),
    end: () => {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}

export { ConnectionStatus };
