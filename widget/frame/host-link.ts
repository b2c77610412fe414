/**
 * The frame's side of the host↔frame channel. The host origin comes from the frame URL and, where the
 * browser exposes it, is cross-checked against the real embedding origin; messages are accepted only
 * from the parent window at that exact origin and posted only to it.
 */
import { CHANNEL, type FrameMessage, type HostMessage, isHostMessage } from '../protocol';

type Outgoing = FrameMessage extends infer M ? (M extends unknown ? Omit<M, 'channel'> : never) : never;

/** The frame's connection to its host page. */
export interface HostLink {
  readonly site: string;
  readonly hostOrigin: string;
  send(message: Outgoing): void;
  listen(fn: (message: HostMessage) => void): void;
}

/** Why the frame refuses to talk to its host. */
export class HostMismatchError extends Error {
  override readonly name = 'HostMismatchError';
}

/** Reads `site` and `host` from the frame URL and checks them; throws `HostMismatchError` when wrong. */
export function connectHost(win: Window = window): HostLink {
  const params = new URLSearchParams(win.location.search);
  const site = params.get('site') ?? '';
  const host = params.get('host') ?? '';
  let hostOrigin: string;
  try {
    hostOrigin = new URL(host).origin;
  } catch {
    throw new HostMismatchError(`the frame URL's host parameter is not an origin: "${host.slice(0, 80)}"`);
  }
  if (hostOrigin !== host || !/^[A-Za-z0-9_-]{3,64}$/.test(site)) {
    throw new HostMismatchError('the frame URL must carry a site key and an exact host origin');
  }
  const ancestor = win.location.ancestorOrigins?.[0];
  if (win.parent === win || (ancestor !== undefined && ancestor !== hostOrigin)) {
    throw new HostMismatchError(`the frame is embedded by ${ancestor ?? 'nobody'}, not by ${hostOrigin}`);
  }
  return {
    site,
    hostOrigin,
    send: (m) => win.parent.postMessage({ ...m, channel: CHANNEL }, hostOrigin),
    listen(fn) {
      win.addEventListener('message', (e: MessageEvent) => {
        if (e.origin === hostOrigin && e.source === win.parent && isHostMessage(e.data)) fn(e.data);
      });
    },
  };
}
