import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, spawnKoze, waitForHealth } from '../../helpers/processes.ts';

async function healthWhen(
  port: number,
  ready: (body: Record<string, unknown>) => boolean,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await waitForHealth(port, timeoutMs);
    if (ready(body as Record<string, unknown>) || Date.now() > deadline)
      return { status, body: body as Record<string, unknown> };
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start with WhatsApp enabled', () => {
  it('keeps serving when Chromium is missing, names the Debian package in /health and the log, and stops cleanly', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'koze-wa-start-'));
    const port = await freePort();
    const koze = spawnKoze(['src/main.ts'], {
      KOZE_DATA_DIR: dataDir,
      PORT: String(port),
      WHATSAPP_ENABLED: 'true',
      CHROMIUM_PATH: '/nonexistent/chromium',
    });
    try {
      const health = await healthWhen(port, (body) => body.whatsapp !== 'linking', 120_000);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'ok',
        whatsapp:
          'error: Chromium was not found at /nonexistent/chromium: install Debian\'s package "chromium" ' +
          '(sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable',
      });
      expect(koze.output()).toMatch(/channels: .*whatsapp/);
      expect(koze.output()).toMatch(
        /WhatsApp is off: Chromium was not found .* Telegram and the HTTP server keep working/,
      );

      // The rest of Kozé works: a resident on the local chat gets an answer.
      const lock = JSON.parse(readFileSync(path.join(dataDir, 'koze.lock'), 'utf8'));
      const response = await fetch(`http://127.0.0.1:${port}/chat/local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-koze-chat-token': lock.http.chatToken },
        body: JSON.stringify({ userId: 'marie', id: 'm1', text: 'bonjour' }),
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { activities: unknown[] }).activities.length).toBeGreaterThan(0);
    } finally {
      koze.child.kill('SIGTERM');
    }
    expect(await koze.exited).toBe(0);
  }, 90_000);
});
