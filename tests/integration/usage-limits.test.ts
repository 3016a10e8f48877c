// What one account may use (ADR 0013), against the real database and local disk storage: upload
// URLs, photo saves and new pets per user per minute/hour, the pets per account, and the photo
// storage quota including pending uploads. A refusal changes nothing: no row, no object.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createPet, deletePet, updatePet, type PetFormResult } from '@/actions/pets';
import { generateImageUploadUrl } from '@/actions/upload';
import { db } from '@/db/client';
import { resetEnvForTests } from '@/lib/env';
import { storage } from '@/storage';
import { png } from '../support/images';
import { putToLocalStorage } from '../support/local-upload';
import { returned } from '../support/next-request';
import { signedIn, type SignedInBrowser } from '../support/signed-in';

const FIELDS = { name: 'Pixel', category: 'Cat', birthday: '2021-04-04', gender: 'female', timezone: 'UTC' };
const LIMIT = (what: string) => new RegExp(`^You've reached the limit of ${what} — try again in \\d+ seconds?\\.$`);

type User = SignedInBrowser;

function withLimits(limits: Record<string, string>) {
  Object.assign(process.env, limits);
  resetEnvForTests();
}

afterEach(() => {
  for (const name of Object.keys(process.env))
    if (/^(RATE_LIMIT_|MAX_PETS_|STORAGE_QUOTA_)/.test(name)) delete process.env[name];
  resetEnvForTests();
});

async function photoFile(): Promise<File> {
  return new File([new Uint8Array(await png(400, 300))], 'pet.png', { type: 'image/png' });
}

async function objectsOf(userId: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of storage().list(`${userId}/`)) keys.push(object.key);
  return keys.sort();
}

async function scalar(query: ReturnType<typeof sql>): Promise<number> {
  const result = (await db().execute(query)) as unknown as { rows: { n: string | number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

const petCount = (userId: string) => scalar(sql`select count(*) as n from pets where user_id = ${userId}`);
const reservedBytes = (userId: string) =>
  scalar(sql`select coalesce(sum(bytes), 0) as n from upload_reservations where user_id = ${userId}`);

async function uploadUrl(user: User, fileSize: number) {
  return returned(
    await user.call(() => generateImageUploadUrl({ filename: 'pet.png', fileType: 'image/png', fileSize })),
  );
}

describe('upload URLs', () => {
  it('are limited per user per minute; the refusal hands out nothing', async () => {
    withLimits({ RATE_LIMIT_UPLOAD_URLS_PER_MINUTE: '3' });
    const user = await signedIn('usage');
    for (let index = 0; index < 3; index++) expect(await uploadUrl(user, 1000)).toMatchObject({ success: true });
    const refused = await uploadUrl(user, 1000);
    expect(refused).toEqual({ success: false, message: expect.stringMatching(LIMIT('3 photo uploads per minute')) });
    expect(await reservedBytes(user.userId)).toBe(3000);
    // Another user is not affected.
    expect(await uploadUrl(await signedIn('usage'), 1000)).toMatchObject({ success: true });
  });

  it('count against the storage quota at their declared size from the moment they are handed out', async () => {
    withLimits({ STORAGE_QUOTA_BYTES: String(1024 * 1024) });
    const user = await signedIn('usage');
    expect(await uploadUrl(user, 600 * 1024)).toMatchObject({ success: true });
    expect(await uploadUrl(user, 600 * 1024)).toEqual({
      success: false,
      message: 'Your photo storage is full (1 MB). Delete some photos to make room.',
    });
    expect(await reservedBytes(user.userId)).toBe(600 * 1024);
  });

  it('hold the quota until the upload becomes a photo, which then counts at its stored size', async () => {
    withLimits({ STORAGE_QUOTA_BYTES: String(1024 * 1024) });
    const user = await signedIn('usage');
    const bytes = await png(400, 300);
    const signed = await uploadUrl(user, bytes.length);
    const put = await putToLocalStorage(signed, bytes);
    expect(put.status).toBe(200);
    expect(await reservedBytes(user.userId)).toBe(bytes.length);
    expect((await user.submit(createPet, { ...FIELDS, storagePath: signed.storagePath! })).kind).toBe('redirected');
    expect(await reservedBytes(user.userId)).toBe(0);
    const stored = await scalar(sql`select sum(photo_bytes) as n from pets where user_id = ${user.userId}`);
    let onDisk = 0;
    for await (const object of storage().list(`${user.userId}/`)) onDisk += object.size;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBe(onDisk);
  });
});

describe('the storage quota on photo saves', () => {
  it('refuses a photo that does not fit, without JavaScript too, leaving no row and no object', async () => {
    // The photo fits the check before the work (nothing stored yet) but not once it is stored.
    withLimits({ STORAGE_QUOTA_BYTES: '100' });
    const user = await signedIn('usage');
    const result = returned(await user.submit(createPet, { ...FIELDS, image: await photoFile() }));
    const message = 'Your photo storage is full (100 bytes). Delete some photos to make room.';
    expect(result).toMatchObject({ success: false, message, errors: { image: [message] } });
    expect(await petCount(user.userId)).toBe(0);
    expect(await objectsOf(user.userId)).toEqual([]);
  });

  it('frees the space of a deleted pet and of a replaced photo', async () => {
    const user = await signedIn('usage');
    const created = await user.submit(createPet, { ...FIELDS, image: await photoFile() });
    const id = new URL((created as { location: string }).location, 'http://x').searchParams.get('created')!;
    const first = await scalar(sql`select photo_bytes as n from pets where id = ${id}`);
    withLimits({ STORAGE_QUOTA_BYTES: String(first + 10) });
    // Replacing the photo with one of the same size fits: the old one's bytes go with it.
    expect((await user.submit(updatePet, { id, image: await photoFile() })).kind).toBe('redirected');
    // A second pet with a photo does not fit…
    const refused = returned(await user.submit(createPet, { ...FIELDS, image: await photoFile() }));
    expect(refused.message).toMatch(/^Your photo storage is full/);
    // …until the first is deleted.
    expect((await user.submit(deletePet, { id })).kind).toBe('redirected');
    expect((await user.submit(createPet, { ...FIELDS, image: await photoFile() })).kind).toBe('redirected');
  });
});

describe('photo saves and new pets', () => {
  it('limits photo saves per user per minute, on create and on update; the refusal changes nothing', async () => {
    withLimits({ RATE_LIMIT_PHOTO_SAVES_PER_MINUTE: '2' });
    const user = await signedIn('usage');
    const first = await user.submit(createPet, { ...FIELDS, image: await photoFile() });
    const id = new URL((first as { location: string }).location, 'http://x').searchParams.get('created')!;
    expect((await user.submit(createPet, { ...FIELDS, image: await photoFile() })).kind).toBe('redirected');
    const objects = await objectsOf(user.userId);

    const refused: PetFormResult = returned(await user.submit(createPet, { ...FIELDS, image: await photoFile() }));
    expect(refused.message).toMatch(LIMIT('2 photo saves per minute'));
    expect(refused.errors).toEqual({ image: [refused.message] });
    const refusedUpdate = returned(await user.submit(updatePet, { id, image: await photoFile() }));
    expect(refusedUpdate.message).toMatch(LIMIT('2 photo saves per minute'));
    expect(await petCount(user.userId)).toBe(2);
    expect(await objectsOf(user.userId)).toEqual(objects);
    // A pet without a photo is no photo work.
    expect((await user.submit(createPet, FIELDS)).kind).toBe('redirected');
  });

  it('limits new pets per user per hour', async () => {
    withLimits({ RATE_LIMIT_PETS_PER_HOUR: '2' });
    const user = await signedIn('usage');
    expect((await user.submit(createPet, FIELDS)).kind).toBe('redirected');
    expect((await user.submit(createPet, FIELDS)).kind).toBe('redirected');
    const refused = returned(await user.submit(createPet, FIELDS));
    expect(refused).toMatchObject({ success: false, message: expect.stringMatching(LIMIT('2 new pets per hour')) });
    expect(refused.values).toMatchObject({ name: 'Pixel' });
    expect(await petCount(user.userId)).toBe(2);
  });

  it('limits the pets of an account, also against creates at the same moment', async () => {
    withLimits({ MAX_PETS_PER_ACCOUNT: '2' });
    const user = await signedIn('usage');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => user.submit(createPet, FIELDS)));
    expect(outcomes.filter((outcome) => outcome.kind === 'redirected')).toHaveLength(2);
    expect(await petCount(user.userId)).toBe(2);
    const refused = returned(await user.submit(createPet, { ...FIELDS, image: await photoFile() }));
    expect(refused.message).toBe("You've reached the limit of 2 pets per account — delete some to add more.");
    expect(await objectsOf(user.userId)).toEqual([]);
  });
});
