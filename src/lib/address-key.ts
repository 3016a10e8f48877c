// The client a per-address rate limit counts (ADR 0004): an IPv4 address as it is, and an IPv6 address
// by its /64 — the smallest block a provider hands one subscriber, so an attacker rotating addresses
// within it is still one client. An IPv4-mapped IPv6 address (::ffff:1.2.3.4) is its IPv4 address.
import { isIPv6 } from 'node:net';

/** The eight 16-bit groups of a valid IPv6 address, as hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...missing, ...right].map((group) => parseInt(group, 16).toString(16));
}

/** What a per-address bucket is keyed by: `1.2.3.4`, or `2001:db8:0:1::/64`; anything else as given. */
export function addressBucketKey(address: string): string {
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff') return ipv4FromGroups(groups.slice(6));
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function ipv4FromGroups([high = '0', low = '0']: string[]): string {
  const value = [parseInt(high, 16), parseInt(low, 16)];
  return value.flatMap((group) => [group >> 8, group & 0xff]).join('.');
}
