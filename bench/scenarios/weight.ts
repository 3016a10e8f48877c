// Page weight: what the first screen of /pets costs over the wire (its HTML plus every thumbnail
// it shows), and firstLoadJs, which the anchor scenario measures each page's JavaScript with.
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import type { HttpClient } from '../../tests/support/http';
import { log, type Scenario } from '../context';
import type { Result } from '../lib';

/** First-load JavaScript of a page: every script the HTML references, each gzipped (level 6,
 * what servers and CDNs typically send), summed. */
export async function firstLoadJs(client: HttpClient, page: string): Promise<{ kb: number; scripts: string[] }> {
  const html = await client.request(page, { headers: { accept: 'text/html' } });
  if (html.status !== 200) throw new Error(`${page}: ${html.status}`);
  const scripts = [
    ...new Set([...html.text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'))),
  ];
  let total = 0;
  for (const src of scripts) {
    const response = await client.request(src, { headers: { 'accept-encoding': 'identity' } });
    if (response.status !== 200) throw new Error(`${src}: ${response.status}`);
    total += gzipSync(response.body).length;
  }
  return { kb: Math.round((total / 1024) * 10) / 10, scripts };
}

export const weightScenario: Scenario = {
  key: 'weight',
  title: 'page weight',
  onPglite: false,
  async run({ me }, { sizes }) {
    const results: Result[] = [];
    const headers = { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' };
    const html = await me.client.request('/pets', { headers });
    const encoding = String(html.headers['content-encoding'] ?? '');
    const decoded = (
      encoding === 'gzip'
        ? gunzipSync(html.body)
        : encoding === 'br'
          ? brotliDecompressSync(html.body)
          : encoding === 'deflate'
            ? inflateSync(html.body)
            : html.body
    ).toString('utf8');
    const images = [
      ...new Set([...decoded.matchAll(/<img[^>]+src="([^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, '&'))),
    ];
    // The wire size: what the server sent (compressed if it compressed), plus each thumbnail.
    let bytes = html.body.length;
    const htmlKb = Math.round(html.body.length / 102.4) / 10;
    for (const src of images) {
      const response = await me.client.request(src, { headers });
      if (response.status !== 200) throw new Error(`thumbnail ${src}: ${response.status}`);
      bytes += response.body.length;
    }
    const mb = Math.round((bytes / 1024 / 1024) * 1000) / 1000;
    log(
      `/pets first screen: HTML ${htmlKb} KB (${html.headers['content-encoding'] ?? 'uncompressed'}) + ${images.length} thumbnails`,
    );
    results.push({
      name: `/pets with ${sizes.mine} photo pets: HTML + ${images.length} thumbnails`,
      unit: 'MB',
      median: mb,
      p95: mb,
      limit: 1.5,
      ratio: Math.round((mb / 1.5) * 100) / 100,
      target: '≤ 1.5 MB',
      met: mb <= 1.5,
    });
    return results;
  },
};
