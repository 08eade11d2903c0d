import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, spawnKoze, waitForHealth } from '../helpers/processes.ts';

const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'koze-chat-'));
const botLines = (output: string) => output.split('\n').filter((line) => line.startsWith('kozé › '));

describe('koze chat', { timeout: 120_000 }, () => {
  it('opens the embedded database itself when no Kozé is running, and remembers the conversation', async () => {
    const dataDir = tempDataDir();
    const first = spawnKoze(['bin/koze.js', 'chat', '--as', 'paul'], { KOZE_DATA_DIR: dataDir }, 'bonjour\n');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Kozé en local/);
    const greeting = botLines(first.output());
    expect(greeting.length).toBeGreaterThan(0);

    // A second session on the same data directory continues the same conversation.
    const second = spawnKoze(['bin/koze.js', 'chat', '--as', 'paul'], { KOZE_DATA_DIR: dataDir }, 'aide\n');
    expect(await second.exited).toBe(0);
    const next = botLines(second.output());
    expect(next.length).toBeGreaterThan(0);
    expect(next).not.toEqual(greeting);
  });

  it('talks to the running Kozé when it owns the data directory', async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const server = spawnKoze(['src/main.ts'], { KOZE_DATA_DIR: dataDir, PORT: String(port) });
    try {
      await waitForHealth(port);
      const chat = spawnKoze(['bin/koze.js', 'chat', '--as', 'lea'], { KOZE_DATA_DIR: dataDir }, 'bonjour\n');
      expect(await chat.exited).toBe(0);
      expect(chat.output()).toMatch(/connecté au Kozé en cours d’exécution/);
      expect(botLines(chat.output()).length).toBeGreaterThan(0);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });
});
