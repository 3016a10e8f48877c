import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { REDIRECT_BYPASSES } from '../support/redirect-bypasses';

const SAME_SITE = 'https://pawprint.test';

describe('safeRedirectPath', () => {
  it.each(['/pets', '/pets/123', '/pets?page=2&sortBy=name', '/pets/new#photo', '/pets?q=a%2Fb', '/account'])(
    'keeps the same-site path %s',
    (path) => {
      expect(safeRedirectPath(path)).toBe(path);
    },
  );

  it.each([...REDIRECT_BYPASSES, 'pets', '', undefined, null, 42, ['/pets'], `/${'a'.repeat(3000)}`])(
    'falls back to /pets for %j',
    (candidate) => {
      expect(safeRedirectPath(candidate)).toBe('/pets');
    },
  );

  it.each(REDIRECT_BYPASSES)('never answers a path a browser resolves off-site for %j', (candidate) => {
    const answer = safeRedirectPath(candidate);
    expect(new URL(answer, SAME_SITE).origin).toBe(SAME_SITE);
    expect(answer).toMatch(/^\/(?![/\\])/);
  });

  it('normalises dot segments so the result stays on this site', () => {
    expect(safeRedirectPath('/pets/../login')).toBe('/login');
    expect(safeRedirectPath('/pets/./new')).toBe('/pets/new');
  });

  it('percent-encodes what the browser would, so the answer is what it will request', () => {
    expect(safeRedirectPath('/pets?q=Bella"<x>')).toBe('/pets?q=Bella%22%3Cx%3E');
  });
});
