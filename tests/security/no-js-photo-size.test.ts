// Photos inside a no-JavaScript pet form, posted exactly as the browser does (the form's own hidden
// fields from /pets/new, multipart): every size the contract allows is saved; over 20 MB the answer
// is the contract's "Image must be under 20MB" (on the form, or a 413 page), never a 500.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegOfSize, TWENTY_MB } from '../support/images';
import { actionId, clientFor, closeDbPool, Ledger, petRows, settledPetRow, UUID_RE } from './support/harness';
import type { HttpClient, HttpResponse } from '../support/http';
import { hiddenFieldsOf, postNoJsForm } from '../support/no-js-form';

const MB = 1024 * 1024;
const TOO_LARGE = 'Image must be under 20MB';
const FIELDS = { category: 'Dog', birthday: '2020-02-02', gender: 'male', timezone: 'UTC' };

let client: HttpClient;
let userId: string;

/** What a browser without JavaScript sends when the form is submitted with `photo` chosen. */
async function postNoJsCreate(name: string, photo: Buffer): Promise<HttpResponse> {
  const hidden = await hiddenFieldsOf(client, '/pets/new', 'name="submissionId"');
  expect(hidden.map(([field]) => field)).toContain('submissionId');
  return postNoJsForm(
    client,
    '/pets/new',
    [
      ...hidden,
      ['name', name],
      ...Object.entries(FIELDS),
      ['image', new File([new Uint8Array(photo)], `${name}.jpg`, { type: 'image/jpeg' })],
    ],
    { origin: client.origin },
  );
}

function createdId(response: HttpResponse): string | null {
  const location = String(response.headers.location ?? '');
  return response.status === 303 ? new URL(location, 'http://x').searchParams.get('created') : null;
}

beforeAll(async () => {
  const registering = clientFor(null, '127.0.0.12');
  const email = `nojs-${randomBytes(4).toString('hex')}@security.example`;
  const { outcome } = await registering.form(
    actionId('register'),
    { email, password: `pw-${randomBytes(10).toString('hex')}` },
    { path: '/register' },
  );
  expect(outcome.kind).toBe('redirected');
  client = registering;
  const me = await client.action(actionId('getCurrentUser'), [], { path: '/pets' });
  userId = me.outcome.kind === 'returned' ? (me.outcome.value as { id: string }).id : '';
  expect(userId).toMatch(UUID_RE);
});
afterAll(closeDbPool);

describe('no-JavaScript photo sizes', () => {
  const ledger = new Ledger('No-JS photo size');

  it.each([
    // Under the proxy's default 10 MB: the control that shows the post itself is right.
    ['9.9 MB', Math.round(9.9 * MB)],
    ['10.1 MB', Math.round(10.1 * MB)],
    ['15 MB', 15 * MB],
    ['19.9 MB', Math.round(19.9 * MB)],
    ['exactly 20 MB', TWENTY_MB],
  ])('saves a pet with a %s photo sent inside the form', async (label, size) => {
    const name = `Big${label.replace(/\W/g, '')}`;
    const response = await postNoJsCreate(name, await jpegOfSize(size));
    const id = createdId(response);
    // Saved means processed too: the process-photo job made its display image (ADR 0016).
    const saved = id ? await settledPetRow(id) : undefined;
    ledger.attempt(
      `no-JS createPet with a ${label} photo → ${response.status} ${id ? `created, photo ${saved?.photo_status}` : response.text.slice(0, 80)}`,
      id !== null && saved?.name === name && saved.photo_status === 'ready' && typeof saved.image_path === 'string',
      response,
    );
    expect(response.status, response.text.slice(0, 300)).toBe(303);
  });

  it.each([
    ['20 MB + 1 byte', TWENTY_MB + 1],
    ['25 MB', 25 * MB],
  ])('refuses a %s photo with the contract’s message, never a 500, and saves nothing', async (label, size) => {
    const before = (await petRows(userId)).length;
    const response = await postNoJsCreate(`Huge${label.replace(/\W/g, '')}`, await jpegOfSize(size));
    const after = (await petRows(userId)).length;
    const clear = response.text.includes(TOO_LARGE) && !/at [\w.]+ \(|node_modules|Error:/.test(response.text);
    ledger.attempt(
      `no-JS createPet with a ${label} photo → ${response.status}${clear ? ` "${TOO_LARGE}"` : ''}`,
      [200, 413].includes(response.status) && clear && after === before,
      response,
    );
    expect(response.status).not.toBe(500);
  });
});
