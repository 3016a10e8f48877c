// A form as a browser without JavaScript submits it: the hidden fields React rendered into the
// page's form (the Server Action reference and its state), plus what the user fills in, posted as
// multipart to the page. Suites use it to post exactly what the app's own forms post.
import type { HttpClient, HttpResponse } from './http';

function decodeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The hidden fields of the first form on `page` whose HTML contains `marker`. */
export async function hiddenFieldsOf(client: HttpClient, page: string, marker: string): Promise<[string, string][]> {
  const response = await client.request(page, { headers: { accept: 'text/html' } });
  if (response.status !== 200) throw new Error(`${page}: ${response.status}`);
  const form = [...response.text.matchAll(/<form[\s\S]*?<\/form>/g)].find(([html]) => html.includes(marker));
  if (!form) throw new Error(`no form with ${marker} on ${page}`);
  const fields: [string, string][] = [];
  for (const [input] of form[0].matchAll(/<input[^>]*>/g)) {
    if (!/type="hidden"/.test(input)) continue;
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) fields.push([decodeHtml(name), decodeHtml(/value="([^"]*)"/.exec(input)?.[1] ?? '')]);
  }
  return fields;
}

/** Posts `fields` (hidden ones first, as the browser orders them) as multipart to `page`. */
export async function postNoJsForm(
  client: HttpClient,
  page: string,
  fields: [string, string | File][],
  headers: Record<string, string | undefined> = {},
): Promise<HttpResponse> {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  const wire = new Response(form);
  return client.request(page, {
    method: 'POST',
    body: Buffer.from(await wire.arrayBuffer()),
    headers: { 'content-type': wire.headers.get('content-type')!, accept: 'text/html', ...headers },
  });
}
