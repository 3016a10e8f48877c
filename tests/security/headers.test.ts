// Security headers on every page (signed out and signed in), on 404s and on every image response:
// nosniff, a CSP without 'unsafe-eval' (pages: frame-ancestors 'none'), a Referrer-Policy; pages
// of a signed-in user must not be stored by any cache.
import { describe, it } from 'vitest';
import { clientFor, context, Ledger } from './support/harness';
import type { HttpResponse } from '../support/http';

function problems(response: HttpResponse, options: { page: boolean; signedIn: boolean; policy?: boolean }): string[] {
  const found: string[] = [];
  const header = (name: string) => String(response.headers[name] ?? '');
  if (header('x-content-type-options').toLowerCase() !== 'nosniff') found.push('no X-Content-Type-Options: nosniff');
  const csp = header('content-security-policy');
  // A redirect or a terse text/plain refusal renders nothing; everything else needs a policy.
  if (!csp && options.policy !== false) found.push('no Content-Security-Policy');
  if (csp.includes('unsafe-eval')) found.push("CSP allows 'unsafe-eval'");
  if (options.page && !/frame-ancestors 'none'/.test(csp)) found.push("CSP lacks frame-ancestors 'none'");
  if (options.page && !/script-src [^;]*'nonce-/.test(csp)) found.push('CSP script-src has no nonce');
  if (!header('referrer-policy')) found.push('no Referrer-Policy');
  if (options.signedIn && !/no-store/.test(header('cache-control')))
    found.push(`Cache-Control "${header('cache-control')}" lacks no-store`);
  return found;
}

describe('headers', () => {
  const ledger = new Ledger('Headers');

  it('sets the security headers on every page, 404 and image', async () => {
    const { a } = context();
    const pet = a.pets.find((entry) => entry.imagePath)!;
    const anonymous = clientFor(null, '127.0.0.9');
    const alice = clientFor(a, '127.0.0.9');
    const checks: [string, () => Promise<HttpResponse>, { page: boolean; signedIn: boolean; policy?: boolean }][] = [
      ['/login', () => anonymous.request('/login'), { page: true, signedIn: false }],
      ['/register', () => anonymous.request('/register'), { page: true, signedIn: false }],
      ['404 /no-such-page', () => anonymous.request('/no-such-page'), { page: true, signedIn: false }],
      ['/ (signed out)', () => anonymous.request('/'), { page: false, signedIn: false }],
      [
        '/pets (signed out → redirect)',
        () => anonymous.request('/pets'),
        { page: false, signedIn: false, policy: false },
      ],
      ['/pets', () => alice.request('/pets'), { page: true, signedIn: true }],
      ['/pets?sortBy=name&q=x', () => alice.request('/pets?sortBy=name&q=x'), { page: true, signedIn: true }],
      ['/pets/new', () => alice.request('/pets/new'), { page: true, signedIn: true }],
      ['/pets/<id>', () => alice.request(`/pets/${pet.id}`), { page: true, signedIn: true }],
      ['/pets/<id>/edit', () => alice.request(`/pets/${pet.id}/edit`), { page: true, signedIn: true }],
      ['/pets/<id>/delete', () => alice.request(`/pets/${pet.id}/delete`), { page: true, signedIn: true }],
      [
        '404 /pets/<unknown uuid>',
        () => alice.request('/pets/00000000-0000-4000-8000-000000000000'),
        { page: true, signedIn: true },
      ],
      ['404 /pets/not-a-uuid/edit', () => alice.request('/pets/not-a-uuid/edit'), { page: true, signedIn: true }],
      ['404 /no-such-page (signed in)', () => alice.request('/no-such-page'), { page: true, signedIn: true }],
      [
        '/pets as RSC (signed in)',
        () => alice.request('/pets', { headers: { rsc: '1' } }),
        { page: false, signedIn: true },
      ],
      [
        'image GET',
        () =>
          anonymous.request(new URL(pet.imageUrl!, 'http://x').pathname + new URL(pet.imageUrl!, 'http://x').search),
        { page: false, signedIn: false },
      ],
      [
        'image HEAD',
        () =>
          anonymous.request(new URL(pet.imageUrl!, 'http://x').pathname + new URL(pet.imageUrl!, 'http://x').search, {
            method: 'HEAD',
          }),
        { page: false, signedIn: false },
      ],
      [
        'thumbnail GET',
        () =>
          anonymous.request(
            new URL(pet.thumbnailUrl!, 'http://x').pathname + new URL(pet.thumbnailUrl!, 'http://x').search,
          ),
        { page: false, signedIn: false },
      ],
      [
        'storage refusal (403)',
        () => anonymous.request(`/api/storage/${pet.imagePath}`),
        { page: false, signedIn: false, policy: false },
      ],
    ];
    for (const [label, load, options] of checks) {
      const response = await load();
      const found = problems(response, options);
      ledger.attempt(
        `${label} → ${response.status}${found.length ? `: ${found.join('; ')}` : ''}`,
        found.length === 0,
        label.includes('signed out') ||
          label.startsWith('/login') ||
          label.startsWith('/register') ||
          label.startsWith('404 /no') ||
          label.startsWith('storage')
          ? response
          : [],
      );
    }
    // Images: their own type, inline only for raster images, never a page.
    const image = await anonymous.request(
      new URL(pet.imageUrl!, 'http://x').pathname + new URL(pet.imageUrl!, 'http://x').search,
    );
    ledger.attempt(
      `image content-type ${image.headers['content-type']}, ${image.headers['content-disposition']}`,
      image.headers['content-type'] === 'image/webp' &&
        /^inline;/.test(String(image.headers['content-disposition'])) &&
        /sandbox/.test(String(image.headers['content-security-policy'])),
    );
  });
});
