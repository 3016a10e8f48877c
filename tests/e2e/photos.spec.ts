// Pet photos, end to end, in Chromium against the default local-disk storage (ADR 0008): the
// preview, progress, Cancel and Retry of the browser upload, drag and drop, the contract's type
// and size checks before any upload, the 20 MB boundary, pictures the browser (or, without
// JavaScript, the server) cannot decode, what the server serves back (re-encoded WebP, nosniff,
// no GPS), replacing, removing and deleting a photo (the old objects are gone), accessibility
// (axe) and the README's screenshots. Every test makes its own account against a server with a
// fresh database; the fixture files are real JPEG/PNG files made with sharp.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Locator, type Page, type Request, type Route } from '@playwright/test';
import sharp from 'sharp';
import { PASSWORD, expectFieldError, registerViaUi } from '../support/e2e-auth';
import { uniqueEmail } from '../support/accounts';
import {
  PET_ID,
  addPet,
  detailValue,
  expectNoAxeViolations,
  fillPetForm,
  notice,
  openPetForm,
  petCard,
  petCardLink,
  petCards,
  petForm,
  petFields,
  signUp,
  type PetValues,
} from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';
import { saveScreenshots } from '../support/e2e-screenshots';
import { TWENTY_MB, hasGpsTag, jpegOfSize, jpegWithGps, png, pngClaiming } from '../support/images';

const MESSAGES = {
  type: 'Only JPEG and PNG formats are supported',
  size: 'Image must be under 20MB',
  invalid: 'Invalid image file',
  failed: 'The upload did not finish: the connection was lost or the upload link expired.',
  uploaded: 'Photo uploaded.',
} as const;

// ---------------------------------------------------------------------------------------------
// Fixture files, written once per worker.

const files = {
  gpsJpeg: '', // 3000×2000 JPEG with EXIF GPS
  bomb: '', // a PNG whose header claims 49 MP it does not hold: passes the header checks, fails to decode
  png: '', // 800×600 PNG
  text: '', // notes.txt
  fakePng: '', // a text file named cat.png
  exactly20: '', // a JPEG of exactly 20 MB
  over20: '', // a JPEG of 20 MB + 1 byte
  portraits: [] as string[], // colourful "pet" pictures for the list and the screenshots
  replacement: '', // a different JPEG for replacing a photo
};
let fixtureDir = '';

type Portrait = { kind: 'dog' | 'cat' | 'bird' | 'rabbit'; from: string; to: string; fur: string; accent: string };

const PORTRAITS: Portrait[] = [
  { kind: 'dog', from: '#fde68a', to: '#f97316', fur: '#a16207', accent: '#451a03' },
  { kind: 'cat', from: '#bae6fd', to: '#6366f1', fur: '#78716c', accent: '#1c1917' },
  { kind: 'bird', from: '#bbf7d0', to: '#0d9488', fur: '#facc15', accent: '#c2410c' },
  { kind: 'rabbit', from: '#fbcfe8', to: '#a855f7', fur: '#f5f5f4', accent: '#be185d' },
];

/** A 1600×1200 picture of a cartoon pet on a gradient, so the list and the screenshots look real. */
function portraitSvg({ kind, from, to, fur, accent }: Portrait): string {
  const w = 1600;
  const h = 1200;
  const eyes = (y: number, dx: number) =>
    `<circle cx="${800 - dx}" cy="${y}" r="34" fill="#fff"/><circle cx="${800 + dx}" cy="${y}" r="34" fill="#fff"/>` +
    `<circle cx="${806 - dx}" cy="${y + 6}" r="20" fill="${accent}"/><circle cx="${806 + dx}" cy="${y + 6}" r="20" fill="${accent}"/>`;
  const shapes: Record<Portrait['kind'], string> = {
    dog:
      `<ellipse cx="560" cy="560" rx="110" ry="230" fill="${accent}" transform="rotate(18 560 560)"/>` +
      `<ellipse cx="1040" cy="560" rx="110" ry="230" fill="${accent}" transform="rotate(-18 1040 560)"/>` +
      `<ellipse cx="800" cy="620" rx="290" ry="300" fill="${fur}"/>` +
      `<ellipse cx="800" cy="760" rx="170" ry="130" fill="#fef3c7"/>` +
      eyes(560, 110) +
      `<ellipse cx="800" cy="700" rx="60" ry="42" fill="${accent}"/>` +
      `<path d="M760 790 Q800 880 840 790 Z" fill="#f43f5e"/>`,
    cat:
      `<polygon points="540,520 600,230 740,420" fill="${fur}"/><polygon points="1060,520 1000,230 860,420" fill="${fur}"/>` +
      `<polygon points="585,470 615,320 690,420" fill="#fda4af"/><polygon points="1015,470 985,320 910,420" fill="#fda4af"/>` +
      `<circle cx="800" cy="640" r="300" fill="${fur}"/>` +
      eyes(600, 120) +
      `<polygon points="770,700 830,700 800,735" fill="#fb7185"/>` +
      `<g stroke="#e7e5e4" stroke-width="6" stroke-linecap="round"><line x1="560" y1="720" x2="720" y2="740"/><line x1="560" y1="780" x2="720" y2="760"/><line x1="1040" y1="720" x2="880" y2="740"/><line x1="1040" y1="780" x2="880" y2="760"/></g>`,
    bird:
      `<line x1="800" y1="960" x2="800" y2="1200" stroke="#78350f" stroke-width="40"/>` +
      `<rect x="380" y="940" width="840" height="40" rx="20" fill="#78350f"/>` +
      `<ellipse cx="800" cy="640" rx="260" ry="320" fill="${fur}"/>` +
      `<ellipse cx="660" cy="700" rx="120" ry="200" fill="#eab308" transform="rotate(20 660 700)"/>` +
      `<circle cx="860" cy="480" r="40" fill="#fff"/><circle cx="868" cy="486" r="22" fill="#1c1917"/>` +
      `<polygon points="1010,500 1130,540 1010,580" fill="${accent}"/>`,
    rabbit:
      `<ellipse cx="680" cy="330" rx="80" ry="260" fill="${fur}" transform="rotate(-10 680 330)"/>` +
      `<ellipse cx="920" cy="330" rx="80" ry="260" fill="${fur}" transform="rotate(10 920 330)"/>` +
      `<ellipse cx="680" cy="340" rx="36" ry="190" fill="#fbcfe8" transform="rotate(-10 680 340)"/>` +
      `<ellipse cx="920" cy="340" rx="36" ry="190" fill="#fbcfe8" transform="rotate(10 920 340)"/>` +
      `<ellipse cx="800" cy="720" rx="280" ry="260" fill="${fur}"/>` +
      eyes(680, 110) +
      `<ellipse cx="800" cy="790" rx="36" ry="26" fill="${accent}"/>` +
      `<circle cx="640" cy="800" r="50" fill="#fecdd3" opacity="0.7"/><circle cx="960" cy="800" r="50" fill="#fecdd3" opacity="0.7"/>`,
  };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#bg)"/>` +
    `<circle cx="1380" cy="180" r="240" fill="#fff" opacity="0.18"/><circle cx="180" cy="1080" r="320" fill="#fff" opacity="0.12"/>` +
    shapes[kind] +
    `</svg>`
  );
}

test.beforeAll(async () => {
  fixtureDir = mkdtempSync(path.join(tmpdir(), 'pawprint-photos-'));
  const write = (name: string, bytes: Buffer | string) => {
    const file = path.join(fixtureDir, name);
    writeFileSync(file, bytes);
    return file;
  };
  files.gpsJpeg = write('holiday.jpg', await jpegWithGps(3000, 2000));
  files.png = write('meadow.png', await png(800, 600));
  files.text = write('notes.txt', 'These are notes, not a picture.\n');
  files.fakePng = write('cat.png', '<script>alert("not a picture")</script>\n'.repeat(20));
  files.exactly20 = write('exactly-20mb.jpg', await jpegOfSize(TWENTY_MB));
  files.over20 = write('too-big.jpg', await jpegOfSize(TWENTY_MB + 1));
  files.bomb = write('bomb.png', await pngClaiming(7000, 7000));
  files.portraits = [];
  for (const [index, portrait] of PORTRAITS.entries()) {
    const bytes = await sharp(Buffer.from(portraitSvg(portrait)))
      .jpeg({ quality: 88 })
      .toBuffer();
    files.portraits.push(write(`${portrait.kind}-${index}.jpg`, bytes));
  }
  files.replacement = files.portraits[1]!;
});

test.afterAll(() => {
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// The photo field as a user sees it.

function photoGroup(page: Page): Locator {
  return page.getByRole('group', { name: 'Photo (optional)' });
}

function photoInput(page: Page): Locator {
  return page.getByLabel(/Choose a photo/);
}

/** The dashed area that takes a dropped file (the outermost element around the file input). */
function dropZone(page: Page): Locator {
  return photoGroup(page)
    .locator('div')
    .filter({ has: photoInput(page) })
    .first();
}

function preview(page: Page): Locator {
  return page.getByRole('img', { name: 'Selected photo preview' });
}

function progressBar(page: Page): Locator {
  return photoGroup(page).getByRole('progressbar');
}

function uploadedStatus(page: Page): Locator {
  return photoGroup(page).getByRole('status');
}

function storagePathField(page: Page): Locator {
  return petForm(page).locator('input[name="storagePath"]');
}

/** The pet's own picture on its detail page or in its card ("Photo of Bella"). */
function petImage(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('img', { name: `Photo of ${name}`, exact: true });
}

function detailImage(page: Page, name: string): Locator {
  return petImage(page.getByRole('main'), name);
}

/** Every PUT the page sends to the storage route. */
function watchStoragePuts(page: Page): Request[] {
  const puts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT' && new URL(request.url()).pathname.startsWith('/api/storage/')) puts.push(request);
  });
  return puts;
}

async function chooseAndUpload(page: Page, file: string): Promise<void> {
  await photoInput(page).setInputFiles(file);
  await expect(uploadedStatus(page)).toHaveText(MESSAGES.uploaded, { timeout: 30_000 });
  await expect(storagePathField(page)).toHaveCount(1);
}

/** Adds a pet with a photo through /pets/new (JavaScript on); returns its id. */
async function addPetWithPhoto(page: Page, values: PetValues, file: string): Promise<string> {
  await openPetForm(page, '/pets/new');
  await fillPetForm(page, values);
  await chooseAndUpload(page, file);
  await page.getByRole('button', { name: 'Add pet' }).click();
  await expect(page).toHaveURL(new RegExp(`/pets\\?created=${PET_ID.source}$`));
  await expect(notice(page)).toHaveText(`${values.name} was added.`);
  return new URL(page.url()).searchParams.get('created')!;
}

/** The detail page's display image URL (checks it is a signed storage URL of a WebP). */
async function displayUrl(page: Page, id: string, name: string): Promise<string> {
  if (!new URL(page.url()).pathname.endsWith(`/pets/${id}`)) await page.goto(`/pets/${id}`);
  const image = detailImage(page, name);
  await expect(image).toBeVisible();
  const src = (await image.getAttribute('src'))!;
  expect(src).toMatch(/\/api\/storage\/.+\.webp\?.*sig=/);
  expect(src).not.toMatch(/\.thumb\.webp/);
  return src;
}

/** Downloads a served image: 200, image/webp, nosniff, a WebP without any metadata (no GPS). */
async function expectServedWebp(page: Page, src: string): Promise<Buffer> {
  const response = await page.request.get(src);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/webp');
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  const bytes = await response.body();
  const ids = riffChunks(bytes).map((chunk) => chunk.id);
  expect(ids, 'no EXIF or XMP chunk').not.toContain('EXIF');
  expect(ids, 'no EXIF or XMP chunk').not.toContain('XMP ');
  expect(await hasGpsTag(bytes), 'no GPS position').toBe(false);
  const meta = await sharp(bytes).metadata();
  expect(meta.format).toBe('webp');
  expect(meta.exif, 'no EXIF at all').toBeUndefined();
  return bytes;
}

/** The chunks of a RIFF (WebP) file: fourCC, offset of its data, size. */
function riffChunks(bytes: Buffer): Array<{ id: string; offset: number; size: number }> {
  expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
  expect(bytes.toString('latin1', 8, 12)).toBe('WEBP');
  const chunks: Array<{ id: string; offset: number; size: number }> = [];
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const size = bytes.readUInt32LE(offset + 4);
    chunks.push({ id: bytes.toString('latin1', offset, offset + 4), offset: offset + 8, size });
    offset += 8 + size + (size & 1);
  }
  return chunks;
}

/** Reloads the page (as a person without JavaScript would) until `locator` shows. */
async function reloadUntilVisible(page: Page, locator: Locator): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(locator).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000, intervals: [500] });
}

async function expectGone(page: Page, src: string): Promise<void> {
  const response = await page.request.get(src);
  expect(response.status(), `${new URL(src, 'http://x').pathname} is gone`).toBe(404);
}

function pet(name: string, category = 'Dog', gender: PetValues['gender'] = 'Female'): PetValues {
  return { name, category, birthday: '2020-05-17', gender };
}

// ---------------------------------------------------------------------------------------------

test.describe('adding a photo with JavaScript', () => {
  test('a GPS-tagged JPEG: preview at once, progress, then a signed lazy thumbnail in the list and a WebP without GPS on the detail page', async ({
    page,
  }) => {
    await signUp(page, 'photo');
    await openPetForm(page, '/pets/new');
    await fillPetForm(page, pet('Bella'));
    const puts = watchStoragePuts(page);

    // Record every progress value the bar shows (it exists only while the PUT runs).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const record = () => {
        const bar = document.querySelector('[role="progressbar"]');
        const value = bar?.getAttribute('aria-valuenow');
        if (value != null && seen.at(-1) !== value) seen.push(value);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    // A slow uplink (CDP network throttling, upload only), so progress has time to move.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 24 * 1024,
    });

    await photoInput(page).setInputFiles(files.gpsJpeg);
    await expect(preview(page)).toBeVisible();
    expect(await preview(page).getAttribute('src')).toMatch(/^blob:/);
    await expect(progressBar(page)).toBeVisible();
    await expect(progressBar(page)).toHaveAccessibleName('Uploading holiday.jpg');
    await expect(page.getByRole('button', { name: 'Add pet' }), 'submit waits for the upload').toBeDisabled();
    await expect(uploadedStatus(page)).toHaveText(MESSAGES.uploaded, { timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await expect(progressBar(page)).toBeHidden();

    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.map(Number));
    expect(seen[0], 'the bar starts at 0').toBe(0);
    expect(
      seen.some((value) => value > 0 && value < 100),
      `an intermediate value among ${JSON.stringify(seen)}`,
    ).toBe(true);
    expect(seen, 'progress never goes backwards').toEqual([...seen].sort((a, b) => a - b));
    expect(puts).toHaveLength(1);
    // The file input was emptied: the form carries only the storage path.
    await expect(photoInput(page)).toHaveJSProperty('value', '');
    const storagePath = await storagePathField(page).inputValue();
    expect(storagePath).toMatch(/^[^/]+\/pets\/[0-9a-f-]{36}-holiday\.jpg$/);
    expect(new URL(puts[0]!.url()).pathname).toBe(`/api/storage/${storagePath}`);

    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(page).toHaveURL(new RegExp(`/pets\\?created=${PET_ID.source}$`));
    const id = new URL(page.url()).searchParams.get('created')!;
    await expect(notice(page)).toHaveText('Bella was added.');

    const thumbnail = petImage(petCard(page, 'Bella'), 'Bella');
    await expect(thumbnail).toBeVisible();
    await expect(thumbnail).toHaveAttribute('src', /\/api\/storage\/.+\.thumb\.webp\?.*sig=/);
    await expect(thumbnail).toHaveAttribute('loading', 'lazy');
    await expect(thumbnail).toHaveAttribute('width', '640');
    await expect(thumbnail).toHaveAttribute('height', '480');
    await expect
      .poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
      .toBe(640);
    const thumbBytes = await expectServedWebp(page, (await thumbnail.getAttribute('src'))!);
    expect(await sharp(thumbBytes).metadata()).toMatchObject({ width: 640, height: 480 });

    await petCardLink(page, 'Bella').click();
    await expect(page).toHaveURL(`/pets/${id}`);
    const src = await displayUrl(page, id, 'Bella');
    await expect
      .poll(() =>
        detailImage(page, 'Bella').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth),
      )
      .toBeGreaterThan(0);
    const display = await expectServedWebp(page, src);
    const meta = await sharp(display).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2560);
    expect(meta.width! / meta.height!).toBeCloseTo(1.5, 1);
  });

  test('dropping a PNG on the drop zone uploads it, and the pet is saved with it', async ({ page }) => {
    await signUp(page, 'drop');
    await openPetForm(page, '/pets/new');
    await fillPetForm(page, pet('Pebble', 'Rabbit'));
    const base64 = readFileSync(files.png).toString('base64');
    const dataTransfer = await page.evaluateHandle((data) => {
      const bytes = Uint8Array.from(atob(data), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'meadow.png', { type: 'image/png' }));
      return transfer;
    }, base64);
    await dropZone(page).dispatchEvent('dragenter', { dataTransfer });
    await dropZone(page).dispatchEvent('dragover', { dataTransfer });
    await dropZone(page).dispatchEvent('drop', { dataTransfer });
    await expect(preview(page)).toHaveAttribute('src', /^blob:/);
    await expect(uploadedStatus(page)).toHaveText(MESSAGES.uploaded, { timeout: 30_000 });
    await expect(storagePathField(page)).toHaveValue(/\/pets\/[0-9a-f-]{36}-meadow\.png$/);

    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(notice(page)).toHaveText('Pebble was added.');
    const id = new URL(page.url()).searchParams.get('created')!;
    await expect(petImage(petCard(page, 'Pebble'), 'Pebble')).toBeVisible();
    const bytes = await expectServedWebp(page, await displayUrl(page, id, 'Pebble'));
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 800, height: 600 });
  });

  test('a .txt and a 20 MB + 1 byte JPEG are refused before any upload; the form still submits without a photo', async ({
    page,
  }) => {
    await signUp(page, 'refuse');
    await openPetForm(page, '/pets/new');
    const puts = watchStoragePuts(page);
    await fillPetForm(page, pet('Nopic', 'Cat'));

    await photoInput(page).setInputFiles(files.text);
    await expectFieldError(page, photoInput(page), MESSAGES.type);
    await expect(preview(page)).toHaveCount(0);
    await expect(progressBar(page)).toHaveCount(0);

    await photoInput(page).setInputFiles(files.over20);
    await expectFieldError(page, photoInput(page), MESSAGES.size);
    await expect(photoGroup(page).getByText(MESSAGES.type)).toHaveCount(0);
    await expect(preview(page)).toHaveCount(0);
    await expect(progressBar(page)).toHaveCount(0);
    await expect(storagePathField(page)).toHaveCount(0);

    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(notice(page)).toHaveText('Nopic was added.');
    const id = new URL(page.url()).searchParams.get('created')!;
    await page.goto(`/pets/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nopic');
    await expect(page.getByRole('main').locator('img')).toHaveCount(0);
    expect(puts, 'no PUT to /api/storage').toEqual([]);
  });

  test('a JPEG of exactly 20 MB is accepted (the browser shrinks it) and saved', async ({ page }) => {
    await signUp(page, 'twenty');
    const puts = watchStoragePuts(page);
    const id = await addPetWithPhoto(page, pet('Hefty', 'Horse'), files.exactly20);
    expect(puts).toHaveLength(1);
    expect(
      Number(new URL(puts[0]!.url()).searchParams.get('size') ?? '0'),
      'the upload is the shrunk picture',
    ).toBeLessThan(TWENTY_MB);
    const bytes = await expectServedWebp(page, await displayUrl(page, id, 'Hefty'));
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 640, height: 480 });
  });
});

test.describe('a picture the browser cannot decode', () => {
  test('a text file named cat.png (image/png) is "Invalid image file" before any upload', async ({
    page,
    browserErrors,
  }) => {
    browserErrors.allowTracerBlobFetch();
    await signUp(page, 'fakepng');
    await openPetForm(page, '/pets/new');
    const puts = watchStoragePuts(page);
    await photoInput(page).setInputFiles({
      name: 'cat.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<script>alert(1)</script>\n'.repeat(20)),
    });
    await expectFieldError(page, photoInput(page), MESSAGES.invalid);
    await expect(preview(page)).toHaveCount(0);
    await expect(progressBar(page)).toHaveCount(0);
    await expect(storagePathField(page)).toHaveCount(0);
    expect(puts).toEqual([]);

    // A real picture afterwards clears the message.
    await chooseAndUpload(page, files.png);
    await expect(photoGroup(page).getByText(MESSAGES.invalid)).toHaveCount(0);
    await expect(photoInput(page)).toHaveAttribute('aria-invalid', 'false');
  });
});

test.describe('saving while the photo is on its way', () => {
  test('Save pressed the moment a photo is chosen waits for the upload (held here), then saves the pet with it', async ({
    page,
  }) => {
    await signUp(page, 'hasty');
    await openPetForm(page, '/pets/new');
    await fillPetForm(page, pet('Hasty', 'Dog'));
    const saves: Request[] = [];
    // The form's own post carries its one-time submissionId (the upload URL request is a post too).
    page.on('request', (request) => {
      if (request.method() === 'POST' && (request.postData() ?? '').includes('submissionId')) saves.push(request);
    });
    // The upload is held at the storage route until the test lets it through.
    let release: () => Promise<void> = async () => {};
    const held = new Promise<void>((resolve) => {
      void page.route('**/api/storage/**', async (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        release = () => route.continue();
        resolve();
      });
    });

    // Choosing the photo and pressing Save in one go, before React has rendered anything in
    // between (what a quick user on a loaded machine does): the button is not disabled yet.
    const base64 = readFileSync(files.portraits[0]!).toString('base64');
    await page.evaluate((data) => {
      const bytes = Uint8Array.from(atob(data), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'hasty.jpg', { type: 'image/jpeg' }));
      // The pet form (the header's Log out is a form too).
      const form = document.querySelector<HTMLInputElement>('input[name="name"]')!.form!;
      const input = form.querySelector<HTMLInputElement>('input[type="file"]')!;
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    }, base64);

    await expect(
      page.getByRole('status').filter({ hasText: 'Saving as soon as the photo has finished uploading' }),
    ).toBeVisible();
    await held;
    await expect(progressBar(page)).toBeVisible();
    expect(saves, 'nothing is saved while the photo is still uploading').toHaveLength(0);
    await expect(page).toHaveURL('/pets/new');

    await release();
    await expect(page).toHaveURL(new RegExp(`/pets\\?created=${PET_ID.source}$`), { timeout: 30_000 });
    await expect(notice(page)).toHaveText('Hasty was added.');
    expect(saves, 'saved once, after the upload').toHaveLength(1);
    expect(saves[0]!.postData() ?? '', 'the save carries the uploaded photo').toMatch(/storagePath[\s\S]*hasty\.jpg/);
    const thumbnail = petImage(petCard(page, 'Hasty'), 'Hasty');
    await expect(thumbnail).toHaveAttribute('src', /\/api\/storage\/.+\.thumb\.webp\?.*sig=/);
    const id = new URL(page.url()).searchParams.get('created')!;
    await expectServedWebp(page, await displayUrl(page, id, 'Hasty'));
  });
});

test.describe('Cancel and Retry', () => {
  test('Cancel during the upload: the bar goes, no storagePath is submitted, the pet is saved without a photo', async ({
    page,
  }) => {
    await signUp(page, 'cancel');
    await openPetForm(page, '/pets/new');
    await fillPetForm(page, pet('Halfway', 'Cat'));
    let held: Route | undefined;
    const holding = new Promise<void>((resolve) => {
      void page.route('**/api/storage/**', async (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        held = route; // never answered: the upload hangs until Cancel
        resolve();
      });
    });

    await photoInput(page).setInputFiles(files.gpsJpeg);
    await holding;
    await expect(progressBar(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add pet' })).toBeDisabled();
    await photoGroup(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(progressBar(page)).toHaveCount(0);
    await expect(preview(page)).toHaveCount(0);
    await expect(photoGroup(page).getByText('No photo')).toBeVisible();
    await expect(storagePathField(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add pet' })).toBeEnabled();
    await held?.abort().catch(() => undefined);
    await page.unrouteAll({ behavior: 'ignoreErrors' });

    const posted = page.waitForRequest(
      (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/pets/new',
    );
    await page.getByRole('button', { name: 'Add pet' }).click();
    const body = (await posted).postDataBuffer()?.toString('latin1') ?? '';
    expect(body).toContain('Halfway');
    expect(body).not.toContain('name="storagePath"');
    expect(body).not.toContain('name="image"');
    await expect(notice(page)).toHaveText('Halfway was added.');
    const id = new URL(page.url()).searchParams.get('created')!;
    await expect(petCard(page, 'Halfway').locator('img')).toHaveCount(0);
    await page.goto(`/pets/${id}`);
    await expect(page.getByRole('main').locator('img')).toHaveCount(0);
  });

  test('a lost connection shows Retry; Retry asks for a fresh signed URL, completes, and what was typed stays', async ({
    page,
    browserErrors,
  }) => {
    await signUp(page, 'retry');
    browserErrors.allowResourceError(/^\/api\/storage\//);
    await openPetForm(page, '/pets/new');
    const typed = pet('Comeback', 'Bird', 'Other');
    await fillPetForm(page, typed);
    const putUrls: string[] = [];
    await page.route('**/api/storage/**', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      putUrls.push(route.request().url());
      if (putUrls.length === 1) return route.abort('failed');
      return route.continue();
    });

    await photoInput(page).setInputFiles(files.gpsJpeg);
    const failure = photoGroup(page).getByRole('alert').filter({ hasText: MESSAGES.failed });
    await expect(failure).toBeVisible();
    await expect(failure.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(preview(page), 'the preview stays').toHaveAttribute('src', /^blob:/);
    await expect(storagePathField(page)).toHaveCount(0);

    await failure.getByRole('button', { name: 'Retry' }).click();
    await expect(uploadedStatus(page)).toHaveText(MESSAGES.uploaded, { timeout: 30_000 });
    await expect(failure).toHaveCount(0);
    expect(putUrls).toHaveLength(2);
    const [first, second] = putUrls.map((url) => new URL(url)) as [URL, URL];
    expect(second.href, 'a fresh signed URL').not.toBe(first.href);
    expect(second.pathname, 'a fresh upload key').not.toBe(first.pathname);
    expect(second.searchParams.get('sig')).not.toBe(first.searchParams.get('sig'));
    expect(new URL(`http://x/api/storage/${await storagePathField(page).inputValue()}`).pathname).toBe(second.pathname);

    const fields = petFields(page);
    await expect(fields.name).toHaveValue(typed.name);
    await expect(fields.category).toHaveValue(typed.category);
    await expect(fields.birthday).toHaveValue(typed.birthday);
    await expect(fields.gender.locator('option:checked')).toHaveText(typed.gender);

    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(notice(page)).toHaveText('Comeback was added.');
    const id = new URL(page.url()).searchParams.get('created')!;
    await expectServedWebp(page, await displayUrl(page, id, 'Comeback'));
    await expect(detailValue(page, 'Category')).toHaveText('Bird');
  });
});

test.describe('replacing, removing and deleting a photo', () => {
  test('replacing shows the new picture and deletes the old one; removing shows the placeholder and deletes it', async ({
    page,
  }) => {
    await signUp(page, 'replace');
    const id = await addPetWithPhoto(page, pet('Chameleon', 'Reptile'), files.portraits[0]!);
    const firstSrc = await displayUrl(page, id, 'Chameleon');
    await expectServedWebp(page, firstSrc);
    await page.goto('/pets');
    const firstThumb = (await petImage(petCard(page, 'Chameleon'), 'Chameleon').getAttribute('src'))!;

    // Replace.
    await openPetForm(page, `/pets/${id}/edit`);
    await expect(preview(page), 'the edit form shows the current photo').toHaveAttribute(
      'src',
      /\/api\/storage\/.+\.webp\?/,
    );
    await chooseAndUpload(page, files.replacement);
    await expect(page.getByLabel('Remove the current photo'), 'no "remove" while a new photo is chosen').toHaveCount(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(`/pets/${id}?updated=1`);
    const secondSrc = await displayUrl(page, id, 'Chameleon');
    expect(new URL(secondSrc, page.url()).pathname).not.toBe(new URL(firstSrc, page.url()).pathname);
    await expectServedWebp(page, secondSrc);
    await expectGone(page, firstSrc);
    await expectGone(page, firstThumb);

    // Remove.
    await openPetForm(page, `/pets/${id}/edit`);
    await page.getByLabel('Remove the current photo').check();
    await expect(photoGroup(page).getByText('No photo')).toBeVisible();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(`/pets/${id}?updated=1`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chameleon');
    await expect(detailImage(page, 'Chameleon')).toHaveCount(0);
    await expect(page.getByRole('main').locator('img')).toHaveCount(0);
    await expectGone(page, secondSrc);

    // The edit form no longer offers to remove anything.
    await openPetForm(page, `/pets/${id}/edit`);
    await expect(page.getByLabel('Remove the current photo')).toHaveCount(0);
    await expect(preview(page)).toHaveCount(0);
  });

  test('deleting a pet deletes its photo: the old signed URLs answer 404', async ({ page }) => {
    await signUp(page, 'delphoto');
    const id = await addPetWithPhoto(page, pet('Ephemeral', 'Cat'), files.portraits[1]!);
    await page.goto('/pets');
    const thumb = (await petImage(petCard(page, 'Ephemeral'), 'Ephemeral').getAttribute('src'))!;
    const src = await displayUrl(page, id, 'Ephemeral');
    await expectServedWebp(page, src);

    await page.getByRole('main').getByRole('button', { name: 'Delete', exact: true }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete Ephemeral?' })
      .getByRole('button', { name: 'Delete Ephemeral' })
      .click();
    await expect(page).toHaveURL('/pets?deleted=1');
    await expectGone(page, src);
    await expectGone(page, thumb);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a JPEG chosen in the plain file input is saved with the pet, and served without its GPS', async ({ page }) => {
    await registerViaUi(page, uniqueEmail('nojsphoto'), PASSWORD, { js: false });
    await openPetForm(page, '/pets/new', { js: false });
    await expect(photoInput(page)).toHaveAttribute('name', 'image');
    await fillPetForm(page, pet('Offline', 'Dog', 'Male'));
    expect(
      (await sharp(readFileSync(files.gpsJpeg)).metadata()).exif,
      'the chosen file carries EXIF (with GPS)',
    ).toBeDefined();
    expect(await hasGpsTag(readFileSync(files.gpsJpeg))).toBe(true);
    await photoInput(page).setInputFiles(files.gpsJpeg);
    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(page).toHaveURL(new RegExp(`/pets\\?created=${PET_ID.source}$`));
    await expect(notice(page)).toHaveText('Offline was added.');
    const id = new URL(page.url()).searchParams.get('created')!;
    // Without JavaScript the page cannot refresh itself while the photo is processed: reload.
    await reloadUntilVisible(page, petImage(petCard(page, 'Offline'), 'Offline'));
    await expect(petImage(petCard(page, 'Offline'), 'Offline')).toHaveAttribute('src', /\.thumb\.webp\?/);
    // The original bytes (with GPS) reached the server: what comes back is stripped.
    const bytes = await expectServedWebp(page, await displayUrl(page, id, 'Offline'));
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 2560, height: 1707 });
  });

  test('a text file named .png is "Invalid image file", a .txt is refused by type; no pet is created', async ({
    page,
  }) => {
    await registerViaUi(page, uniqueEmail('nojsbad'), PASSWORD, { js: false });
    await openPetForm(page, '/pets/new', { js: false });
    const values = pet('Ghost', 'Cat');
    await fillPetForm(page, values);
    await photoInput(page).setInputFiles({
      name: 'cat.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<script>alert(1)</script>\n'.repeat(20)),
    });
    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(page).toHaveURL('/pets/new');
    await expectFieldError(page, photoInput(page), MESSAGES.invalid);
    await expect(petFields(page).name, 'what was typed stays').toHaveValue(values.name);

    await photoInput(page).setInputFiles(files.text);
    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(page).toHaveURL('/pets/new');
    await expectFieldError(page, photoInput(page), MESSAGES.type);

    await page.goto('/pets');
    await expect(page.getByRole('heading', { name: 'No pets yet' })).toBeVisible();
  });
});

test.describe('accessibility and screenshots', () => {
  test('/pets/new with a photo uploaded and with a photo error has no axe violations (screenshot pet-new-photo)', async ({
    page,
  }) => {
    await signUp(page, 'a11yphoto');
    await openPetForm(page, '/pets/new');
    await fillPetForm(page, pet('Sunny', 'Dog'));
    await chooseAndUpload(page, files.portraits[0]!);
    await expect
      .poll(() => preview(page).evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
      .toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    // No focus ring left on the last field typed into.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await saveScreenshots(page, 'pet-new-photo');

    await openPetForm(page, '/pets/new');
    await photoInput(page).setInputFiles(files.text);
    await expectFieldError(page, photoInput(page), MESSAGES.type);
    await expectNoAxeViolations(page);
  });

  test('the list with photo pets, a pet with a photo and its edit page have no axe violations (screenshots pets-list, pet-detail)', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await signUp(page, 'a11ygallery');
    const gallery: Array<{ values: PetValues; photo?: string }> = [
      { values: { name: 'Biscuit', category: 'Hamster', birthday: '2023-04-09', gender: 'Male' } },
      {
        values: { name: 'Clover', category: 'Rabbit', birthday: '2021-03-14', gender: 'Female' },
        photo: files.portraits[3],
      },
      { values: { name: 'Nemo', category: 'Fish', birthday: '2024-06-01', gender: 'Prefer not to say' } },
      {
        values: { name: 'Kiwi', category: 'Bird', birthday: '2024-02-29', gender: 'Other' },
        photo: files.portraits[2],
      },
      { values: { name: 'Milo', category: 'Cat', birthday: '2022-11-02', gender: 'Male' }, photo: files.portraits[1] },
      {
        values: { name: 'Bella', category: 'Dog', birthday: '2020-05-17', gender: 'Female' },
        photo: files.portraits[0],
      },
    ];
    const ids: Record<string, string> = {};
    for (const { values, photo } of gallery) {
      ids[values.name] = photo ? await addPetWithPhoto(page, values, photo) : await addPet(page, values);
    }

    await page.goto('/pets');
    await expect(petCards(page)).toHaveCount(6);
    const thumbnails = page.getByRole('main').getByRole('img', { name: /^Photo of / });
    await expect(thumbnails).toHaveCount(4);
    // Lazy images: bring each into view so the full-page screenshot shows them all.
    for (const thumbnail of await thumbnails.all()) {
      await thumbnail.scrollIntoViewIfNeeded();
      await expect
        .poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
        .toBe(640);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectNoAxeViolations(page);
    await saveScreenshots(page, 'pets-list');

    await page.goto(`/pets/${ids.Bella}`);
    await expect
      .poll(() =>
        detailImage(page, 'Bella').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth),
      )
      .toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await saveScreenshots(page, 'pet-detail');

    await openPetForm(page, `/pets/${ids.Bella}/edit`);
    await expect(preview(page)).toBeVisible();
    await expect(page.getByLabel('Remove the current photo')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('processing after the save (ADR 0016)', () => {
  test('the saved photo shows "Processing photo…", then appears without a reload', async ({ page }) => {
    await signUp(page, 'processing');
    await openPetForm(page, '/pets/new');
    await fillPetForm(page, pet('Patience'));
    await photoInput(page).setInputFiles(files.gpsJpeg);
    await expect(uploadedStatus(page)).toHaveText(MESSAGES.uploaded, { timeout: 30_000 });
    let loads = 0;
    page.on('load', () => loads++);
    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(page).toHaveURL(new RegExp(`/pets\\?created=${PET_ID.source}$`));
    // The save answered before the photo was decoded (a 2560 px JPEG takes the job a second or more):
    // the card says so (no picture is ever made from the upload itself: the integration tests).
    const card = petCard(page, 'Patience');
    await expect(card.getByText('Processing photo…')).toBeVisible();
    // The list refreshes itself: the thumbnail arrives with no reload.
    await expect(petImage(card, 'Patience')).toHaveAttribute('src', /\.thumb\.webp\?.*sig=/, { timeout: 30_000 });
    await expect(card.getByText('Processing photo…')).toHaveCount(0);
    expect(loads, 'no page load after the redirect').toBe(0);
  });
});

test.describe('processing after the save, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a photo that cannot be decoded: the pet is saved, and its page says so', async ({ page }) => {
    await registerViaUi(page, uniqueEmail('bomb'), PASSWORD, { js: false });
    await openPetForm(page, '/pets/new', { js: false });
    await fillPetForm(page, pet('Dud', 'Cat'));
    await photoInput(page).setInputFiles(files.bomb);
    await page.getByRole('button', { name: 'Add pet' }).click();
    await expect(page).toHaveURL(new RegExp(`/pets\\?created=${PET_ID.source}$`));
    const id = new URL(page.url()).searchParams.get('created')!;
    await page.goto(`/pets/${id}`);
    const message = page.getByRole('alert').filter({ hasText: "We couldn't process this photo" });
    await reloadUntilVisible(page, message);
    await expect(message).toContainText(
      'the file is damaged or incomplete, or it did not fit in your photo storage, so it was left out.',
    );
    await expect(page.getByRole('main').locator('img')).toHaveCount(0);
    await message.getByRole('link', { name: 'Choose another photo' }).click();
    await expect(page).toHaveURL(new RegExp(`/pets/${id}/edit$`));
  });
});
