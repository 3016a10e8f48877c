// Fault 4: SIGTERM (a deploy, a scale-down) while requests are in flight — a createPet carrying
// its photo in the form (the no-JavaScript path) and a photo upload PUT, both still sending their
// bodies. The server stops accepting new connections at once, finishes both with their normal
// answers, exits with code 0, and (PGlite, the embedded default) the data is there after a restart,
// where the pet's photo, pending when the server stopped, is made by the restarted server's job.
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { jpegWithGps } from '../support/images';
import { actionOutcome, type HttpClient, type HttpResponse } from '../support/http';
import {
  actionIds,
  exitOf,
  launch,
  newPetFields,
  petForm,
  removeDir,
  sleep,
  storageFiles,
  tempDir,
  waitForLog,
  type App,
} from './support/harness';
import { thumbnailOf } from '../support/pet-rows';
import { registerOverHttp } from '../support/accounts';
import { signUpload } from '../support/photo-upload';

const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.node') as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

type SlowRequest = { finish: () => void; response: Promise<HttpResponse> };

/** A request whose body is sent in two parts: `head` bytes now, the rest when `finish()` is called. */
function slowRequest(
  client: HttpClient,
  options: { method: string; path: string; headers: Record<string, string>; body: Buffer; head: number },
): SlowRequest {
  const headers = {
    host: client.host,
    cookie: client.cookieHeader(),
    'content-length': String(options.body.length),
    ...options.headers,
  };
  let request!: http.ClientRequest;
  const response = new Promise<HttpResponse>((resolve, reject) => {
    request = http.request(
      { host: '127.0.0.1', port: client.port, path: options.path, method: options.method, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: body.toString('utf8'),
            ms: 0,
            sent: '',
          });
        });
      },
    );
    request.on('error', reject);
  });
  request.write(options.body.subarray(0, options.head));
  return { finish: () => request.end(options.body.subarray(options.head)), response };
}

async function actionBody(formData: FormData): Promise<{ body: Buffer; contentType: string }> {
  const encoded = await encodeReply([null, formData]);
  const wire = new Response(encoded as FormData);
  return { body: Buffer.from(await wire.arrayBuffer()), contentType: wire.headers.get('content-type')! };
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('SIGTERM with requests in flight (PGlite)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('stops accepting connections, finishes the createPet and the upload with their normal answers, exits 0; the data is there after a restart', async () => {
    const ids = actionIds();
    const dataDir = tempDir('sigterm');
    cleanups.push(() => removeDir(dataDir));
    const app: App = await launch({ dataDir, databaseUrl: null });
    cleanups.push(() => app.stop());
    const client = app.client();
    await registerOverHttp(client, ids, 'owner');

    // In flight 1: createPet with the photo inside the form, half of its body sent.
    const photo = await jpegWithGps(3000, 2000);
    const fields = newPetFields('Inflight');
    const form = petForm(fields);
    form.append('image', new File([new Uint8Array(photo)], 'inflight.jpg', { type: 'image/jpeg' }));
    const { body, contentType } = await actionBody(form);
    const create = slowRequest(client, {
      method: 'POST',
      path: '/pets/new',
      headers: {
        accept: 'text/x-component',
        origin: client.origin,
        'next-action': ids.createPet,
        'content-type': contentType,
      },
      body,
      head: Math.floor(body.length / 2),
    });
    // In flight 2: a photo PUT to its signed URL, a third of it sent.
    const upload = await jpegWithGps(2000, 1500);
    const signed = await signUpload(client, ids, upload, 'upload.jpg', 'image/jpeg');
    const put = slowRequest(client, {
      method: 'PUT',
      path: signed.path,
      headers: { 'content-type': 'image/jpeg' },
      body: upload,
      head: Math.floor(upload.length / 3),
    });
    await sleep(500);

    const exited = exitOf(app);
    process.kill(app.process.pid!, 'SIGTERM');
    // New connections are refused while the two requests are still being received.
    let refused = false;
    for (let attempt = 0; attempt < 20 && !refused; attempt++) {
      refused = await connectionRefused(app.port);
      if (!refused) await sleep(100);
    }
    expect(refused).toBe(true);
    expect(app.process.exitCode).toBeNull();

    create.finish();
    put.finish();
    const [created, uploaded] = await Promise.all([create.response, put.response]);
    const outcome = actionOutcome(created);
    expect(outcome, created.text.slice(0, 300)).toMatchObject({
      kind: 'redirected',
      location: expect.stringMatching(/^\/pets\?created=[0-9a-f-]{36}$/),
    });
    const id = new URL((outcome as { location: string }).location, 'http://x').searchParams.get('created')!;
    expect(uploaded.status).toBe(200);
    expect(await exited).toEqual({ code: 0, signal: null });
    await waitForLog(app, /"msg":"stopped"/);
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);

    // Restarted on the same DATA_DIR: the pet written during the shutdown is there, and its photo
    // (pending when the server stopped, or made just before) is made by the restarted server's
    // job workers; the upload is there too.
    const again = await launch({ dataDir, databaseUrl: null, port: app.port });
    cleanups.push(() => again.stop());
    const pet = await vi.waitFor(
      async () => {
        const read = await client.action(ids.getPet, [{ id }], { path: `/pets/${id}` });
        expect(read.outcome).toMatchObject({ kind: 'returned', value: { success: true, pet: { id, ...fields } } });
        const { photoStatus } = (read.outcome as { value: { pet: { photoStatus: string } } }).value.pet;
        if (photoStatus === 'processing') throw new Error(`pet ${id}: photo still processing`);
        return read;
      },
      { timeout: 120_000, interval: 250 },
    );
    expect(pet.outcome).toMatchObject({
      value: { pet: { photoStatus: 'ready', imagePath: expect.stringMatching(/\.webp$/) } },
    });
    const imagePath = (pet.outcome as { value: { pet: { imagePath: string } } }).value.pet.imagePath;
    const { objects } = storageFiles(dataDir);
    expect(objects).toEqual(expect.arrayContaining([imagePath, thumbnailOf(imagePath), signed.storagePath]));
    const exitedAgain = exitOf(again);
    process.kill(again.process.pid!, 'SIGTERM');
    expect(await exitedAgain).toEqual({ code: 0, signal: null });
  });
});
