import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import type { DatabaseHandle } from '../../../src/storage/database.ts';
import { availableEngines, createPostgresDatabase, createTestDatabase } from '../../helpers/engines.ts';
import { freePort, spawnKoze, waitForHealth } from '../../helpers/processes.ts';
import { FakeBotApi } from './fake-bot-api.ts';
import { memoryLogger, scriptedBot, startChannel } from './harness.ts';

const engine = availableEngines().at(-1)!;
const load = (env: Record<string, string>) => loadConfig(env, { dotenv: false });

describe('Telegram configuration', () => {
  it('defaults to polling at Telegram’s limits, and reads every variable', () => {
    expect(load({ TELEGRAM_BOT_TOKEN: '1:a' }).telegram).toEqual({
      apiRoot: undefined,
      mode: 'polling',
      webhookUrl: undefined,
      webhookSecret: undefined,
      maxPerSecond: 30,
      maxPerChatPerSecond: 1,
      chatBurst: 3,
    });
    expect(
      load({
        TELEGRAM_BOT_TOKEN: '1:a',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://koze.example.org/',
        TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123',
        TELEGRAM_MAX_PER_SECOND: '20',
        TELEGRAM_MAX_PER_CHAT_PER_SECOND: '0.5',
        TELEGRAM_CHAT_BURST: '2',
      }).telegram,
    ).toEqual({
      apiRoot: 'http://127.0.0.1:8081',
      mode: 'webhook',
      webhookUrl: 'https://koze.example.org',
      webhookSecret: 'abc_DEF-123',
      maxPerSecond: 20,
      maxPerChatPerSecond: 0.5,
      chatBurst: 2,
    });
  });

  it.each([
    [
      { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_URL: 'https://koze.example.org' },
      'TELEGRAM_WEBHOOK_SECRET',
      /required when TELEGRAM_MODE=webhook/,
    ],
    [
      { TELEGRAM_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: 'abc' },
      'TELEGRAM_WEBHOOK_URL',
      /required when TELEGRAM_MODE=webhook/,
    ],
    [{ TELEGRAM_MODE: 'push' }, 'TELEGRAM_MODE', /polling or webhook/],
    [{ TELEGRAM_WEBHOOK_URL: 'http://koze.example.org' }, 'TELEGRAM_WEBHOOK_URL', /HTTPS/],
    [{ TELEGRAM_WEBHOOK_SECRET: 'pas de espaces' }, 'TELEGRAM_WEBHOOK_SECRET', /A-Z, a-z, 0-9/],
    [{ TELEGRAM_MAX_PER_SECOND: '0' }, 'TELEGRAM_MAX_PER_SECOND', /above 0/],
    [{ TELEGRAM_API_ROOT: 'pas une url' }, 'TELEGRAM_API_ROOT', /URL/],
  ])('refuses %o naming %s', (env, variable, expected) => {
    let error: unknown;
    try {
      load({ TELEGRAM_BOT_TOKEN: '1:a', ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toMatch(expected);
  });

  it('ignores webhook settings while no token enables Telegram', () => {
    expect(load({ TELEGRAM_MODE: 'webhook' }).telegramToken).toBeUndefined();
  });
});

describe(`Telegram channel start [${engine}]`, () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  it('says in one clear line that the token was refused, reports it, and does nothing more', async () => {
    const fake = await FakeBotApi.start();
    const { logger, lines } = memoryLogger();
    const running = await startChannel({
      fake,
      token: '123:not-the-right-token',
      db: database.db,
      bot: scriptedBot(database.db, async () => {}),
      logger,
    });
    try {
      expect(running.channel.state).toMatch(
        /^error: TELEGRAM_BOT_TOKEN was refused by Telegram \(401 Unauthorized\)/,
      );
      const problems = lines().filter((l) => l.level >= 40);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.msg).toMatch(/TELEGRAM_BOT_TOKEN.*@BotFather.*goes on without Telegram/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fake.calls.map((c) => c.method)).toEqual(['getMe']);
    } finally {
      await running.stop();
      await fake.close();
    }
  });

  it('goes on when Telegram cannot be reached, and connects once it can', async () => {
    const fake = await FakeBotApi.start();
    const port = Number(new URL(fake.apiRoot).port);
    await fake.close(); // nothing listens there any more
    const { logger, lines } = memoryLogger();
    const started = Date.now();
    const running = await startChannel({
      fake,
      db: database.db,
      bot: scriptedBot(database.db, async (context) => void (await context.sendActivity('ok'))),
      logger,
      startTimeoutMs: 1_000,
      config: { apiRoot: `http://127.0.0.1:${port}` },
    });
    try {
      // Start-up gives up on Telegram after startTimeoutMs instead of waiting for it (loose bound: CI is slow).
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(running.channel.state).toMatch(/^error: cannot reach Telegram at http:\/\/127\.0\.0\.1:\d+/);
      expect(lines().filter((l) => l.level >= 40)).toHaveLength(1);
      // Telegram comes back on the same address.
      const back = await FakeBotApi.start({ token: fake.token, port });
      try {
        await back.waitFor(() => running.channel.state === 'polling', 10_000, 'polling');
        const user = back.user(4001);
        user.say('enfin');
        await user.waitForText(/ok/);
      } finally {
        await running.stop();
        await back.close();
      }
    } finally {
      await running.stop();
    }
  });
});

const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'koze-telegram-'));

/** /health once the Telegram channel has started (it says "starting" for the few ms getMe takes). */
async function telegramHealth(port: number): Promise<{ status: number; body: Record<string, string> }> {
  for (;;) {
    const health = (await waitForHealth(port, 60_000)) as { status: number; body: Record<string, string> };
    if (health.body.telegram !== 'starting') return health;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(inject('postgresUrl'))('Kozé with Telegram (npm start)', { timeout: 180_000 }, () => {
  it('reports the channel in /health, keeps serving with a wrong token, and exits 2 on a webhook without secret', async () => {
    const fake = await FakeBotApi.start();
    const port = await freePort();
    const env = {
      DATABASE_URL: await createPostgresDatabase(),
      KOZE_DATA_DIR: tempDataDir(),
      PORT: String(port),
    };
    try {
      const good = spawnKoze(['src/main.ts'], {
        ...env,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
      });
      try {
        const health = await telegramHealth(port);
        expect(health.body).toMatchObject({ status: 'ok', telegram: 'polling' });
        const user = fake.user(5001);
        user.say('/start');
        await user.waitForMessages(1, 30_000);
      } finally {
        good.child.kill('SIGTERM');
        expect(await good.exited).toBe(0);
      }

      const wrong = spawnKoze(['src/main.ts'], {
        ...env,
        TELEGRAM_BOT_TOKEN: '42:wrong',
        TELEGRAM_API_ROOT: fake.apiRoot,
      });
      try {
        const health = await telegramHealth(port);
        expect(health.status).toBe(200);
        expect((health.body as { telegram: string }).telegram).toMatch(
          /^error: TELEGRAM_BOT_TOKEN was refused/,
        );
        const complaints = wrong
          .output()
          .split('\n')
          .filter((line) => /TELEGRAM_BOT_TOKEN/.test(line));
        expect(complaints).toHaveLength(1);
      } finally {
        wrong.child.kill('SIGTERM');
        expect(await wrong.exited).toBe(0);
      }

      const misconfigured = spawnKoze(['src/main.ts'], {
        ...env,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://koze.example.org',
      });
      expect(await misconfigured.exited).toBe(2);
      expect(misconfigured.output()).toMatch(/TELEGRAM_WEBHOOK_SECRET — required when TELEGRAM_MODE=webhook/);
    } finally {
      await fake.close();
    }
  });

  it('loses no update when killed in the middle of a turn: the restarted Kozé answers it, once', async () => {
    const fake = await FakeBotApi.start();
    const port = await freePort();
    const env = {
      DATABASE_URL: await createPostgresDatabase(),
      KOZE_DATA_DIR: tempDataDir(),
      PORT: String(port),
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
    };
    try {
      const first = spawnKoze(['src/main.ts'], env);
      await waitForHealth(port, 60_000);
      await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 30_000, 'polling');
      // Telegram is slow to accept messages: Kozé is stuck in the middle of its answer when it is killed.
      fake.hold('sendMessage');
      const user = fake.user(5002);
      const { update } = user.say('/start');
      await fake.waitFor(() => fake.heldCount('sendMessage') > 0, 30_000, 'the answer on its way');
      // Telegram has been told to forget the update (the next poll's offset is past it).
      await fake.waitFor(
        () => fake.callsOf('getUpdates').some((c) => Number(c.params.offset) > update.update_id),
        10_000,
        'confirmed',
      );
      first.child.kill('SIGKILL');
      await first.exited;
      // The dead process's connections close on their own time: release only once they have.
      await fake.waitFor(
        () => fake.heldCount('sendMessage') === 0,
        10_000,
        'the killed Kozé’s requests closed',
      );
      fake.release('sendMessage');
      expect(user.received).toHaveLength(0);

      const second = spawnKoze(['src/main.ts'], env);
      try {
        await waitForHealth(port, 60_000);
        const replies = await user.waitForMessages(1, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const texts = user.texts;
        expect(new Set(texts).size).toBe(texts.length); // the answer, once
        expect(replies[0]!.text!.length).toBeGreaterThan(0);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      await fake.close();
    }
  });
});
