// Who may use /api/messages without a Bot Framework token, and where its replies may go. With no MicrosoftAppId
// the endpoint serves the Emulator and local tools only: clients on loopback, or in the ranges UNAUTHENTICATED_FROM
// lists (a lab network). An unauthenticated activity names its own serviceUrl, and without expectReplies the bot
// POSTs its replies there; so that nobody can make the clinic's server call an address of their choosing, that
// serviceUrl must be on loopback or in the same ranges too. Names are never resolved: `localhost` is the one name
// taken on trust, any other name is refused. The address maths is Node's own (net.BlockList).
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Loopback: 127.0.0.0/8 and ::1 (IPv4-mapped loopback, ::ffff:127.x.y.z, is matched by the IPv4 rule). */
export const LOOPBACK_RANGES = ['127.0.0.0/8', '::1/128'];

/** An address range written `address/prefix` (a bare address is one host), normalised; undefined when malformed. */
export function parseAddressRange(text: string): string | undefined {
  const m = /^([^/\s]+?)(?:\/(\d{1,3}))?$/.exec(text.trim());
  if (!m) return undefined;
  const address = m[1]!;
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  if (!family) return undefined;
  const max = family === 'ipv4' ? 32 : 128;
  const prefix = m[2] === undefined ? max : Number(m[2]);
  if (prefix > max) return undefined;
  return `${address.toLowerCase()}/${prefix}`;
}

/**
 * An address as a client or proxy writes it, reduced to the bare IP: brackets, a port and an IPv6 zone are
 * dropped (`[2001:db8::1]:443`, `203.0.113.7:5000`, `fe80::1%eth0`). Undefined when it is not an IP address.
 */
export function bareAddress(text: string): string | undefined {
  let a = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.replace(/%[\w.-]+$/, '');
  return isIPv4(a) || isIPv6(a) ? a : undefined;
}

export class LocalAccess {
  private readonly list = new BlockList();

  /** `ranges`: UNAUTHENTICATED_FROM, already normalised by the settings (parseAddressRange). */
  constructor(readonly ranges: readonly string[] = []) {
    for (const range of [...LOOPBACK_RANGES, ...ranges]) {
      const [address, prefix] = range.split('/') as [string, string];
      this.list.addSubnet(address, Number(prefix), isIPv4(address) ? 'ipv4' : 'ipv6');
    }
  }

  /** True when the client address (socket peer or forwarded hop) is on loopback or in UNAUTHENTICATED_FROM. */
  allowsClient(address: string): boolean {
    const ip = bareAddress(address);
    return ip !== undefined && this.list.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6');
  }

  /**
   * Why the bot must not send replies to this serviceUrl, or undefined when it may: an http(s) URL, without user
   * information, whose host is `localhost` or an IP address on loopback or in UNAUTHENTICATED_FROM.
   */
  serviceUrlRefusal(serviceUrl: unknown): string | undefined {
    if (typeof serviceUrl !== 'string' || serviceUrl.trim() === '') return 'activity.serviceUrl is required';
    // Backslashes, spaces and control characters are read differently by different URL parsers: never guess.
    if (/[\\\s\u0000-\u001f\u007f]/.test(serviceUrl)) return 'activity.serviceUrl is not a plain URL';
    let url: URL;
    try { url = new URL(serviceUrl); } catch { return 'activity.serviceUrl is not a URL'; }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'activity.serviceUrl must be http or https';
    if (url.username || url.password) return 'activity.serviceUrl must not carry a user name or password';
    const host = url.hostname.toLowerCase();
    if (host === 'localhost') return undefined;
    const ip = host.startsWith('[') ? host.slice(1, -1) : host;
    if ((isIPv4(ip) || isIPv6(ip)) && this.list.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6')) return undefined;
    return 'activity.serviceUrl must be on this machine (localhost, 127.0.0.0/8, ::1) or in UNAUTHENTICATED_FROM '
      + 'while MicrosoftAppId is not set: replies are not sent anywhere else';
  }

  /** For the start-up line: who may call /api/messages without a token. */
  describe(): string {
    return this.ranges.length === 0
      ? 'loopback only (127.0.0.0/8, ::1)'
      : `loopback and UNAUTHENTICATED_FROM (${this.ranges.join(', ')})`;
  }
}
