// Vet visit documents, end to end in Chromium (ADR 0036): a visit is added, a tiny real PDF attached
// through the signed upload, listed with its size and type, opened (the same bytes come back), counted
// on the pet page and deleted through the dialog; a file the browser can tell is no document is refused
// before any upload; the same without JavaScript (the file inside the form, the server's message for
// an EXE named .pdf, the confirmation page); axe on the edit page and the confirmation page, reflow at 320 px.
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { PASSWORD, registerViaUi, waitForHydration } from '../support/e2e-auth';
import { uniqueEmail } from '../support/accounts';
import { addPet, browserToday, expectNoAxeViolations, expectReflowsAt320, notice, signUp } from '../support/e2e-pets';
import { test } from '../support/e2e-browser-errors';

const REX = { name: 'Rex', category: 'Dog', birthday: '2020-05-17', gender: 'Male' } as const;

/** A small but real PDF (one empty page). */
function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n' +
      'xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n0\n%%EOF\n',
  );
}

function documents(page: Page): Locator {
  return page.getByRole('region', { name: 'Documents' });
}

/** Adds a vet visit through its form and opens its edit page; the visit's id. */
async function addVisit(page: Page, petId: string, { js = true } = {}): Promise<string> {
  await page.goto(`/pets/${petId}/visits/new`);
  if (js) await waitForHydration(page);
  await page.getByLabel('Date').fill(await browserToday(page));
  await page.getByLabel('Reason').fill('Blood test');
  await page.getByRole('button', { name: 'Add vet visit' }).click();
  await expect(page).toHaveURL(`/pets/${petId}?care=visit-saved`);
  await page.getByRole('link', { name: /^Edit vet visit Blood test/ }).click();
  await expect(page).toHaveURL(/\/visits\/[0-9a-f-]{36}\/edit$/);
  return /\/visits\/([0-9a-f-]{36})\/edit$/.exec(page.url())![1]!;
}

/** Waits until React has hydrated the document form (its submit handler is attached). */
async function waitForDocumentForm(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const input = document.querySelector<HTMLInputElement>('input[name="document"]');
    return input?.form != null && Object.keys(input.form).some((key) => key.startsWith('__reactProps'));
  });
}

test.describe('vet visit documents with JavaScript', () => {
  test('attach a PDF, see it listed, open it, see it counted, delete it; axe and 320 px', async ({ page }) => {
    test.slow();
    await signUp(page, 'visitdocs');
    const petId = await addPet(page, REX);
    const visitId = await addVisit(page, petId);
    await expect(documents(page)).toContainText('No documents attached yet.');
    await waitForDocumentForm(page);

    // The browser knows a .txt is no document: refused before anything is uploaded.
    const input = page.getByLabel('Choose a document');
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(documents(page)).toContainText('Documents must be PDF, JPEG or PNG');

    const pdf = tinyPdf();
    await input.setInputFiles({ name: 'Blood test.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(page).toHaveURL(`/pets/${petId}/visits/${visitId}/edit?documents=document-added#documents`);
    await expect(notice(page).filter({ hasText: 'Document added.' })).toBeVisible();
    await expect(documents(page).getByRole('listitem')).toHaveCount(1);
    await expect(documents(page).getByRole('listitem')).toContainText('Blood test.pdf');
    await expect(documents(page).getByRole('listitem')).toContainText(`PDF, ${pdf.length} bytes`);

    // Open: the route checks the session and redirects to a signed URL; a PDF comes as a download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      documents(page).getByRole('link', { name: 'Open Blood test.pdf' }).click(),
    ]);
    expect((await readFile((await download.path())!)).equals(pdf)).toBe(true);

    await expectNoAxeViolations(page);
    await expectReflowsAt320(page);

    // The pet's Vet visits page counts it, linking to the visit's Documents area.
    await page.goto(`/pets/${petId}/visits`);
    await page.getByRole('link', { name: '1 document of the vet visit Blood test', exact: false }).click();
    await expect(page).toHaveURL(`/pets/${petId}/visits/${visitId}/edit#documents`);

    // The no-JavaScript confirmation page, checked by axe here (axe needs JavaScript to run).
    const documentId = /documents\/([0-9a-f-]{36})$/.exec(
      (await documents(page).getByRole('link', { name: 'Open Blood test.pdf' }).getAttribute('href'))!,
    )![1]!;
    await page.goto(`/pets/${petId}/visits/${visitId}/documents/${documentId}/delete`);
    await expect(page.getByRole('heading', { name: 'Delete Blood test.pdf?' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto(`/pets/${petId}/visits/${visitId}/edit#documents`);

    await waitForDocumentForm(page);
    await documents(page).getByRole('button', { name: 'Delete Blood test.pdf' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete Blood test.pdf?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: /^Delete document/ }).click();
    await expect(page).toHaveURL(`/pets/${petId}/visits/${visitId}/edit?documents=document-deleted#documents`);
    await expect(documents(page)).toContainText('No documents attached yet.');
  });
});

test.describe('vet visit documents without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the file inside the form: added, an EXE named .pdf refused by the server, deleted on the confirmation page', async ({
    page,
  }) => {
    test.slow();
    await registerViaUi(page, uniqueEmail('visitdocsnojs'), PASSWORD, { js: false });
    const petId = await addPet(page, REX, { js: false });
    const visitId = await addVisit(page, petId, { js: false });
    const input = page.getByLabel('Choose a document');

    const exe = Buffer.alloc(512);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    await input.setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: exe });
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(documents(page)).toContainText('Documents must be PDF, JPEG or PNG');
    await expect(page.getByLabel('Choose a document')).toHaveAttribute('aria-invalid', 'true');
    await expect(documents(page)).toContainText('No documents attached yet.');

    await page
      .getByLabel('Choose a document')
      .setInputFiles({ name: 'x-ray.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(page).toHaveURL(`/pets/${petId}/visits/${visitId}/edit?documents=document-added#documents`);
    await expect(documents(page).getByRole('listitem')).toContainText('x-ray.pdf');

    await documents(page).getByRole('link', { name: 'Delete x-ray.pdf' }).click();
    await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}\/delete$/);
    await expect(page.getByRole('heading', { name: 'Delete x-ray.pdf?' })).toBeVisible();
    await page.getByRole('button', { name: /^Delete document/ }).click();
    await expect(page).toHaveURL(`/pets/${petId}/visits/${visitId}/edit?documents=document-deleted#documents`);
    await expect(documents(page)).toContainText('No documents attached yet.');
  });
});
