// GET /api/health as a load balancer sees it.
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { resetEnvForTests } from '@/lib/env';
import { resetStorageForTests } from '@/storage';

describe('GET /api/health', () => {
  it('is 200 when the database and storage answer', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok', storage: 'ok' });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('is 503, naming the part but no internals, when storage is unreachable', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'x',
      S3_SECRET_ACCESS_KEY: 'y',
    });
    resetEnvForTests();
    resetStorageForTests();
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ status: 'unavailable', database: 'ok', storage: 'unavailable' });
      expect(body).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Error/);
    } finally {
      process.env = saved;
      resetEnvForTests();
      resetStorageForTests();
    }
  });
});
