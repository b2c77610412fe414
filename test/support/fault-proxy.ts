/**
 * Test helper: a fault-injecting HTTP proxy in front of the real sync server. Per request it either
 * forwards (adding the Origin a browser would send), answers 500 without forwarding, resets the
 * connection without forwarding, or forwards, waits for the server's answer (the batch is committed)
 * and then destroys the client's socket, so the client sees a network error for a stored batch.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { listenLoopback, readAll } from './outbox-test-server';

/** What the proxy does with one request. */
export type Fault = 'pass' | 'fail500' | 'reset' | 'commit-then-drop';

/** A running proxy. */
export interface FaultProxy {
  readonly url: string;
  /** Faults applied, one per request, in order. */
  readonly log: Fault[];
  /** Requests answered by the server with each status (forwarded requests only). */
  readonly statuses: number[];
  close(): Promise<void>;
}

/** Starts the proxy to `target` (http://host:port); `fault(i)` decides the i-th request's fate. */
export async function startFaultProxy(
  target: string,
  origin: string,
  fault: (i: number) => Fault,
): Promise<FaultProxy> {
  const to = new URL(target);
  const log: Fault[] = [];
  const statuses: number[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const f = fault(log.length);
    log.push(f);
    const payload = await readAll(req);
    if (f === 'reset') return req.socket.destroy();
    if (f === 'fail500') {
      res.writeHead(500, { 'content-type': 'application/json' });
      return res.end('{"error":{"code":"internal","message":"injected"}}');
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json', origin },
      },
      async (answer) => {
        const text = await readAll(answer);
        statuses.push(answer.statusCode ?? 0);
        if (f === 'commit-then-drop') return req.socket.destroy();
        // Retry-After is what a client paces itself by (429, 503), so it passes through.
        const retryAfter = answer.headers['retry-after'];
        res.writeHead(answer.statusCode ?? 502, {
          'content-type': 'application/json',
          ...(retryAfter ? { 'retry-after': retryAfter } : {}),
        });
        res.end(text);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    upstream.end(payload);
  };
  const server = createServer((req, res) => void handle(req, res));
  return { ...(await listenLoopback(server)), log, statuses };
}
