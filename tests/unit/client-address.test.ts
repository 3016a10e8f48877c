import { describe, expect, it } from 'vitest';
import { clientAddress } from '@/lib/client-address';

describe('clientAddress', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress({ socketAddress: '127.0.0.1', forwardedFor: '1.2.3.4', trustedProxyHops: 0 })).toBe(
      '127.0.0.1',
    );
  });

  it('unwraps IPv4-mapped IPv6 socket addresses', () => {
    expect(clientAddress({ socketAddress: '::ffff:10.0.0.5', forwardedFor: undefined, trustedProxyHops: 0 })).toBe(
      '10.0.0.5',
    );
  });

  it('takes the entry appended by the outermost trusted proxy, not what the client wrote', () => {
    // The client forged "6.6.6.6"; the one trusted proxy appended the real peer 203.0.113.9.
    expect(
      clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '6.6.6.6, 203.0.113.9', trustedProxyHops: 1 }),
    ).toBe('203.0.113.9');
    expect(
      clientAddress({
        socketAddress: '10.0.0.2',
        forwardedFor: ['6.6.6.6, 203.0.113.9', '10.0.0.1'],
        trustedProxyHops: 2,
      }),
    ).toBe('203.0.113.9');
  });

  it('falls back to the socket when the header is missing, short or not an address', () => {
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: undefined, trustedProxyHops: 1 })).toBe('10.0.0.2');
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '1.1.1.1', trustedProxyHops: 2 })).toBe('10.0.0.2');
    expect(clientAddress({ socketAddress: '10.0.0.2', forwardedFor: '<script>', trustedProxyHops: 1 })).toBe(
      '10.0.0.2',
    );
  });
});
