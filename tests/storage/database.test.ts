import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildHttpServer } from '../../src/http/server.ts';
import {
  DatabaseUnreachableError,
  openPglite,
  openPostgres,
  waitForDatabase,
} from '../../src/storage/database.ts';
import { freePort } from '../helpers/processes.ts';

describe('database start-up', () => {
  it('retries an unreachable PostgreSQL with backoff, then gives up naming the host (not the password)', async () => {
    const port = await freePort();
    const database = openPostgres(`postgres://koze:secret@127.0.0.1:${port}/koze`);
    const retries: number[] = [];
    const error = await waitForDatabase(database, {
      timeoutMs: 1_500,
      onRetry: (_, delay) => retries.push(delay),
    }).catch((e: unknown) => e);
    await database.close();
    expect(error).toBeInstanceOf(DatabaseUnreachableError);
    expect((error as Error).message).toMatch(`PostgreSQL at 127.0.0.1:${port}/koze did not answer`);
    expect((error as Error).message).not.toMatch('secret');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries[1]).toBeGreaterThan(retries[0]!);
  });
});

describe('GET /health', () => {
  it('answers 200 while the database answers, 503 when it does not', async () => {
    const database = openPglite(undefined);
    const app = buildHttpServer({
      logger: pino({ level: 'silent' }),
      database,
      version: '9.9.9',
      components: () => ({ telegram: 'polling' }),
    });
    const up = await app.inject({ method: 'GET', url: '/health' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ status: 'ok', database: 'pglite', version: '9.9.9', telegram: 'polling' });
    await database.close();
    const down = await app.inject({ method: 'GET', url: '/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: 'pglite' });
    await app.close();
  });
});
