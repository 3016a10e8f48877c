import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '@/lib/safe-redirect';

describe('safeRedirectPath', () => {
  it.each(['/pets', '/pets/123', '/pets?page=2&sortBy=name', '/pets/new#photo'])(
    'keeps the same-site path %s',
    (path) => {
      expect(safeRedirectPath(path)).toBe(path);
    },
  );

  it.each([
    '//evil.example',
    '//evil.example/pets',
    'https://evil.example',
    'http:/evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    'pets',
    '',
    undefined,
    null,
    42,
    `/${'a'.repeat(3000)}`,
  ])('falls back to /pets for %j', (candidate) => {
    expect(safeRedirectPath(candidate)).toBe('/pets');
  });

  it('normalises dot segments so the result stays on this site', () => {
    expect(safeRedirectPath('/pets/../login')).toBe('/login');
  });
});
