// The client address the rate limiter keys on (ADR 0004): the socket's peer, unless the operator
// declared trusted proxies in front (TRUSTED_PROXY_HOPS), whose X-Forwarded-For entries count.
// A forged X-Forwarded-For from a client is therefore never believed.

export function clientAddress(options: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustedProxyHops: number;
}): string {
  const socketAddress = normalize(options.socketAddress) ?? 'unknown';
  if (options.trustedProxyHops === 0) return socketAddress;
  const header = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(',') : options.forwardedFor;
  const hops = (header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Each trusted proxy appends the address it saw; the client is the entry the outermost
  // trusted proxy appended, counted from the right. Entries further left are client-supplied.
  const entry = hops[hops.length - options.trustedProxyHops];
  return normalize(entry) ?? socketAddress;
}

function normalize(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const trimmed = address.trim();
  if (!/^[0-9a-fA-F:.]{2,45}$/.test(trimmed)) return undefined;
  // IPv4 clients arrive as ::ffff:1.2.3.4 on dual-stack sockets.
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed.toLowerCase();
}
