/**
 * Test helper: a real local HTTP server whose answers a test scripts one request at a time, and which
 * records every body it received. The outbox tests send real fetch requests to it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server answers one request: a status (and headers), or `drop` to destroy the socket. */
export type ScriptedAnswer = { status: number; headers?: Record<string, string> } | 'drop';

/** A running scripted server. */
export interface ScriptedServer {
  readonly url: string;
  /** Bodies received, in order. */
  readonly bodies: string[];
  /** Answers for the next requests, consumed in order; when empty, 201. */
  readonly script: ScriptedAnswer[];
  close(): Promise<void>;
}

/** The whole body of a request or response. */
export function readAll(msg: IncomingMessage): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    msg.on('data', (c: Buffer) => chunks.push(c));
    msg.on('end', () => done(Buffer.concat(chunks)));
    msg.on('error', fail);
  });
}

/** Listens on an ephemeral loopback port; returns the base URL and a close that ends open sockets. */
export async function listenLoopback(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Starts the server on an ephemeral loopback port. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const bodies: string[] = [];
  const script: ScriptedAnswer[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    bodies.push((await readAll(req)).toString('utf8'));
    const answer = script.shift() ?? { status: 201 };
    if (answer === 'drop') {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(
      JSON.stringify(answer.status < 300 ? { ok: true } : { error: { code: 'x', message: 'scripted' } }),
    );
  });
  return { ...(await listenLoopback(server)), bodies, script };
}
