/**
 * Test helper: a TCP forwarder in front of a database that a test can stop and start again, which is
 * what a database outage looks like to the server: while stopped, open connections are cut and new
 * ones are refused (ECONNREFUSED); once started, on the same port, connections work again.
 */
import { type AddressInfo, createServer, type Server, Socket } from 'node:net';

/** A running forwarder. */
export interface TcpProxy {
  /** The port to connect to instead of the target's. */
  readonly port: number;
  /** Cuts every connection and stops listening: the database is "down". */
  stop(): Promise<void>;
  /** Listens again on the same port: the database is "back". */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Starts forwarding 127.0.0.1:<port> to `host:port`. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    track(client);
    track(upstream);
    upstream.connect(port, host);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  const listen = (at: number) =>
    new Promise<number>((done, fail) => {
      server.once('error', fail);
      server.listen(at, '127.0.0.1', () => {
        server.off('error', fail);
        done((server.address() as AddressInfo).port);
      });
    });
  const own = await listen(0);
  const stop = () =>
    new Promise<void>((done) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return done();
      server.close(() => done());
    });
  return {
    port: own,
    stop,
    start: async () => {
      if (!server.listening) await listen(own);
    },
    close: stop,
  };
}
