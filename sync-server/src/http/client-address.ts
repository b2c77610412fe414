/**
 * The client address the per-address rate limit keys on. Behind a load balancer every socket comes
 * from the balancer, so all visitors would share one bucket; but `X-Forwarded-For` is written by
 * whoever sends the request, so it is believed only as far as it was written by proxies the operator
 * named (`CONFIDE_TRUSTED_PROXIES`, default none). The list is read from the right: each trusted proxy
 * appends the address it saw, so the right-most address that is not a trusted proxy is the client,
 * and anything left of it is the client's own claim.
 */
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { socketAddress } from './rate-limit';

/** A set of proxy addresses and networks. */
export interface TrustedProxies {
  /** Whether `address` (an IP address, normalized by {@link normalizeAddress}) is a trusted proxy. */
  has(address: string): boolean;
  /** How many entries were configured; 0 trusts nobody. */
  readonly size: number;
}

const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/**
 * An address as one comparable string, or undefined when `raw` is no IP address. Strips what proxies
 * and dual-stack sockets add around it: `[v6]:port`, `v4:port`, and the IPv4-mapped `::ffff:` prefix
 * (a dual-stack socket reports an IPv4 peer that way, a proxy may write it either way).
 */
export function normalizeAddress(raw: string): string | undefined {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.toLowerCase();
  const mapped = MAPPED_V4.exec(address);
  if (mapped?.[1]) address = mapped[1];
  return isIP(address) === 0 ? undefined : address;
}

/**
 * Parses proxy entries: exact addresses (`10.0.0.7`, `::1`) or CIDR networks (`10.0.0.0/8`,
 * `fd00::/8`). Throws a RangeError naming the first entry that is neither.
 */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [base = '', prefix, extra] = entry.trim().split('/');
    const address = normalizeAddress(base);
    const family = address === undefined ? 0 : isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 4 ? 32 : 128;
    const validPrefix =
      bits === undefined || (/^\d+$/.test(prefix ?? '') && Number.isInteger(bits) && bits <= maxBits);
    if (address === undefined || extra !== undefined || !validPrefix) {
      throw new RangeError(`not an IP address or CIDR network: "${entry.trim()}"`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return {
    has: (address) => list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6'),
    size: entries.length,
  };
}

/**
 * The client address of a request given the socket peer and its `X-Forwarded-For`: the peer itself
 * unless it is a trusted proxy; otherwise the right-most forwarded address that is not. A malformed
 * entry ends the walk at the last trusted hop, so a broken chain makes clients share that proxy's
 * bucket (visible, too strict) instead of letting a forged entry pick a fresh bucket (a bypass).
 */
export function forwardedClient(
  peer: string,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  let address = normalizeAddress(peer) ?? peer;
  if (!trusted.has(address)) return address;
  const hops = forwardedFor ? forwardedFor.split(',') : [];
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i] ?? '');
    if (hop === undefined) return address;
    address = hop;
    if (!trusted.has(hop)) return hop;
  }
  // Every hop was a trusted proxy: the left-most is the closest thing to a client there is.
  return address;
}

/**
 * How the app finds a request's client address: the socket peer when no proxy is trusted, else
 * {@link forwardedClient}. Undefined for in-process requests, which have no socket.
 */
export function clientAddressResolver(trusted: TrustedProxies): (c: Context) => string | undefined {
  if (trusted.size === 0) return socketAddress;
  return (c) => {
    const peer = socketAddress(c);
    return peer === undefined ? undefined : forwardedClient(peer, c.req.header('x-forwarded-for'), trusted);
  };
}
