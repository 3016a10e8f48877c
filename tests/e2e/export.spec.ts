// Data export, end to end in Chromium against the production build with mail through real SMTP
// (MailDev): on /account "Export my data" answers at once, the email arrives with a link to the
// export's page (signed out → login → back there), and the page's download is a ZIP holding
// pets.json and the pet's photo. Another signed-in user following the same link gets the 404 page.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import yauzl from 'yauzl';
import { PASSWORD, submitLogin } from '../support/e2e-auth';
import { linkIn, waitForMail } from '../support/e2e-mail';
import { PET_ID, fillPetForm, notice, openPetForm, signUp } from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';
import { jpegWithGps } from '../support/images';

const STARTED = 'Export started. You will receive an email when ready.';

async function addPetWithPhoto(page: Page, name: string, file: string): Promise<string> {
  await openPetForm(page, '/pets/new');
  await fillPetForm(page, { name, category: 'Dog', birthday: '2019-03-04', gender: 'Male' });
  await page.getByLabel(/Choose a photo/).setInputFiles(file);
  await expect(page.getByText('Photo uploaded.')).toBeVisible();
  await page.getByRole('button', { name: 'Add pet' }).click();
  await expect(page).toHaveURL(new RegExp(`/pets\\?created=${PET_ID.source}$`));
  await expect(notice(page)).toHaveText(`${name} was added.`);
  return new URL(page.url()).searchParams.get('created')!;
}

function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: false }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => names.push(entry.fileName));
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
    });
  });
}

function zipText(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error(`${name} is not in the archive`)));
      zip.readEntry();
    });
  });
}

test('Export my data: the message, the email, the link (through sign-in), and a ZIP of the pets and photos', async ({
  page,
  context,
  browser,
  browserErrors,
}) => {
  // A whole journey (sign-up, a photo, the job, the mail, sign-in, the download) on a shared machine.
  test.setTimeout(180_000);
  browserErrors.allowNotFound(/^\/account\/exports\//);
  const folder = mkdtempSync(path.join(tmpdir(), 'pawprint-e2e-export-'));
  try {
    const photo = path.join(folder, 'rex.jpg');
    writeFileSync(photo, await jpegWithGps(800, 600));
    const email = await signUp(page, 'export');
    const petId = await addPetWithPhoto(page, 'Rex', photo);

    await page.goto('/account');
    await page.getByRole('button', { name: 'Export my data' }).click();
    await expect(page.getByRole('status').filter({ hasText: STARTED })).toBeVisible();
    // A second click within the hour is refused, saying when to try again.
    await page.getByRole('button', { name: 'Export my data' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /try again in (59|60) minutes\.$/ })).toBeVisible();

    const mail = await waitForMail(email, /^Your Pawprint data export is ready$/);
    const link = linkIn(mail, '/account/exports/');
    const exportPath = new URL(link).pathname;
    expect(exportPath).toMatch(new RegExp(`^/account/exports/${PET_ID.source}$`));

    // Signed out, the link goes through the login and back to the export's page.
    await context.clearCookies();
    await page.goto(exportPath);
    await expect(page).toHaveURL(`/login?redirect=${encodeURIComponent(exportPath)}`);
    await submitLogin(page, email, PASSWORD);
    await expect(page).toHaveURL(exportPath);
    await expect(page.getByRole('heading', { name: 'Ready to download' })).toBeVisible();

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download ZIP' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^pawprint-export-\d{4}-\d\d-\d\d\.zip$/);
    const zip = path.join(folder, 'export.zip');
    await download.saveAs(zip);
    expect(readFileSync(zip).subarray(0, 2).toString()).toBe('PK');
    expect((await zipEntries(zip)).sort()).toEqual(['pets.json', `photos/rex-${petId}.webp`]);
    const document = JSON.parse(await zipText(zip, 'pets.json')) as { pets: Array<{ id: string; name: string }> };
    expect(document.pets.map((pet) => [pet.id, pet.name])).toEqual([[petId, 'Rex']]);

    // /account lists it, ready.
    await page.goto('/account');
    await expect(page.getByRole('list', { name: 'Your exports' }).getByText('Ready to download')).toBeVisible();

    // Someone else, signed in, following the same link: the 404 page, and no download.
    const other = await browser.newContext();
    try {
      const otherPage = await other.newPage();
      browserErrors.watch(otherPage);
      await signUp(otherPage, 'export-other');
      const response = await otherPage.goto(exportPath);
      expect(response?.status()).toBe(404);
      const direct = await otherPage.request.get(`${exportPath}/download`, { maxRedirects: 0 });
      expect(direct.status()).toBe(404);
      expect(await direct.text()).toBe('Not Found');
    } finally {
      await other.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
