import { describe, expect, it } from 'vitest';
import { addressBucketKey } from '@/lib/address-key';

describe('per-address bucket keys', () => {
  it('keys IPv6 clients by their /64, whatever the spelling', () => {
    const key = addressBucketKey('2001:db8:5:6::1');
    expect(key).toBe('2001:db8:5:6::/64');
    expect(addressBucketKey('2001:0db8:0005:0006:ffff:1:2:3')).toBe(key);
    expect(addressBucketKey('2001:DB8:5:6:a::b')).toBe(key);
    expect(addressBucketKey('2001:db8:5:7::1')).not.toBe(key);
    expect(addressBucketKey('::1')).toBe('0:0:0:0::/64');
    expect(addressBucketKey('fe80::1:2.3.4.5')).toBe('fe80:0:0:0::/64');
  });

  it('keeps IPv4 per address, and an IPv4-mapped IPv6 address is its IPv4 address', () => {
    expect(addressBucketKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucketKey('203.0.113.8')).not.toBe(addressBucketKey('203.0.113.7'));
    expect(addressBucketKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucketKey('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(addressBucketKey('unknown')).toBe('unknown');
  });
});
