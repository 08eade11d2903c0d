import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase } from './helpers/engines.ts';
import { freePort, spawnKoze, waitForHealth } from './helpers/processes.ts';

const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'koze-start-'));

async function chat(port: number, dataDir: string, message: { userId: string; id: string; text: string }) {
  const lock = JSON.parse(readFileSync(path.join(dataDir, 'koze.lock'), 'utf8'));
  const response = await fetch(`http://127.0.0.1:${port}/chat/local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koze-chat-token': lock.http.chatToken },
    body: JSON.stringify(message),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { activities: { text?: string }[] }).activities.map((a) => a.text ?? '');
}

describe('npm start', { timeout: 120_000 }, () => {
  it('starts on the embedded database, refuses a second process on the same data directory, stops on SIGTERM', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const first = spawnKoze(['src/main.ts'], { KOZE_DATA_DIR: dataDir, PORT: String(port) });
    try {
      const health = await waitForHealth(port);
      expect(health).toEqual({
        status: 200,
        body: { status: 'ok', database: 'pglite', version: expect.any(String), nlp: expect.any(String) },
      });
      expect(first.output()).toMatch(/listens on http:\/\/127\.0\.0\.1:\d+ — database: embedded PGlite/);
      expect(first.output()).toMatch(/No messaging channel is configured/);

      const second = spawnKoze(['src/main.ts'], { KOZE_DATA_DIR: dataDir, PORT: String(await freePort()) });
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toMatch(new RegExp(`in use by another Kozé process \\(pid ${first.child.pid}`));
      expect(second.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
    } finally {
      first.child.kill('SIGTERM');
    }
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/SIGTERM received/);
  });

  it('loses nothing committed when killed with SIGKILL, and carries the conversation on', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const first = spawnKoze(['src/main.ts'], { KOZE_DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(port);
    const greeting = await chat(port, dataDir, { userId: 'marie', id: 'm1', text: 'bonjour' });
    expect(greeting.length).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = spawnKoze(['src/main.ts'], { KOZE_DATA_DIR: dataDir, PORT: String(port) });
    try {
      await waitForHealth(port);
      // The same message redelivered after the crash is recognised as already processed…
      expect(await chat(port, dataDir, { userId: 'marie', id: 'm1', text: 'bonjour' })).toEqual([]);
      // …and the next one continues the dialog instead of greeting again.
      const next = await chat(port, dataDir, { userId: 'marie', id: 'm2', text: 'aide' });
      expect(next.length).toBeGreaterThan(0);
      expect(next).not.toEqual(greeting);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it.runIf(inject('postgresUrl'))(
    'migrates an empty PostgreSQL database and reports it in /health',
    async () => {
      const url = await createPostgresDatabase();
      const port = await freePort();
      const koze = spawnKoze(['src/main.ts'], {
        DATABASE_URL: url,
        PORT: String(port),
        KOZE_DATA_DIR: tempDataDir(),
      });
      try {
        expect((await waitForHealth(port)).body).toMatchObject({ status: 'ok', database: 'postgres' });
        expect(koze.output()).toMatch(/database migrated: 0001_initial_schema/);
        expect(koze.output()).toMatch(/database: PostgreSQL at 127\.0\.0\.1:\d+\/koze_/);
        expect(koze.output()).not.toMatch(/postgres@/); // no credentials in logs
      } finally {
        koze.child.kill('SIGTERM');
        await koze.exited;
      }
    },
  );

  it('refuses invalid configuration with one clear line and exit code 2', async () => {
    const koze = spawnKoze(['src/main.ts'], { PORT: 'trois mille' });
    expect(await koze.exited).toBe(2);
    expect(koze.output().trim()).toBe(
      'koze: Invalid configuration: PORT — a TCP port number between 0 and 65535',
    );
  });
});
