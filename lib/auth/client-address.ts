// Which address a request came from, decided once, by the server entry (server.ts), from the
// socket: a client can write any X-Forwarded-For it likes, so the header counts only when the
// socket's peer is a proxy the deployment trusts (TRUSTED_PROXIES).
import { BlockList, isIP } from "node:net";

/** What a malformed address is counted as: one shared bucket, never a column overflow. */
export const UNREADABLE_ADDRESS = "unreadable";

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is 127.0.0.1. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * TRUSTED_PROXIES: addresses and CIDR ranges, separated by commas or spaces
 * (`10.0.0.0/8, 192.168.1.10, fd00::/8`). Empty trusts no proxy.
 */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
        throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
      }
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the
 * rightmost X-Forwarded-For entry that is not itself a trusted proxy (each proxy appends the
 * address it saw, so entries further left are the client's own words).
 */
export function trustedClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string {
  const socket = peer ? plain(peer) : "";
  if (!isIP(socket)) return UNREADABLE_ADDRESS;
  if (!isTrusted(socket, trusted)) return socket;
  const entries = [forwardedFor ?? []]
    .flat()
    .join(",")
    .split(",")
    .map((entry) => plain(entry.trim()))
    .filter(Boolean);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (!isIP(entry)) return UNREADABLE_ADDRESS;
    if (!isTrusted(entry, trusted)) return entry;
  }
  return entries[0] ?? socket;
}
