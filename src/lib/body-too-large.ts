// The answer to a form whose body is over the limit (a no-JavaScript photo over 20 MB): a small
// page with the contract's message and a way back to the form, status 413, never an error page.
import { IMAGE_MESSAGES } from '@/lib/validations/rules';
import { safeRedirectPath } from './safe-redirect';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The page, with a link back to the form that was posted (`requestUrl`, a path on this site). */
export function bodyTooLargePage(requestUrl: string | undefined): string {
  const back = escapeHtml(safeRedirectPath(requestUrl));
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${IMAGE_MESSAGES.size} · Pawprint</title></head>
<body>
<main>
<h1>${IMAGE_MESSAGES.size}</h1>
<p>Nothing was saved: the form was larger than the 20 MB a photo may have.</p>
<p><a href="${back}">Back to the form</a> to choose a smaller photo.</p>
</main>
</body>
</html>
`;
}
