import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_PATH } from '../../../src/channels/telegram/telegram.channel.ts';
import type { DatabaseHandle } from '../../../src/storage/database.ts';
import { availableEngines, createTestDatabase } from '../../helpers/engines.ts';
import { FakeBotApi } from './fake-bot-api.ts';
import { scriptedBot, startChannel, type RunningChannel } from './harness.ts';
import { scriptedLogic } from './scripted-logic.ts';

const engine = availableEngines().at(-1)!;
const PUBLIC_URL = 'https://koze.example.org';
const SECRET = 'une-phrase_secrete-de-Bras-Panon-2026';

describe(`Telegram webhook mode [${engine}]`, () => {
  let database: DatabaseHandle;
  let fake: FakeBotApi;
  let running: RunningChannel;
  let seen: Partial<Activity>[];
  let local = '';

  const post = (body: unknown, secret?: string) =>
    fetch(`${local}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    // Telegram posts to the public HTTPS address; a reverse proxy hands it to Kozé's HTTP server.
    fake = await FakeBotApi.start({
      webhookProxy: (url) => url.replace(PUBLIC_URL, local),
      webhookRetryMs: 100,
    });
    seen = [];
    running = await startChannel({
      fake,
      db: database.db,
      bot: scriptedBot(database.db, scriptedLogic({ seen })),
      config: { mode: 'webhook', webhookUrl: PUBLIC_URL, webhookSecret: SECRET },
    });
    local = `http://127.0.0.1:${(running.http!.server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await running.stop();
    await fake.close();
  });

  it('registers the webhook with its secret and receives updates by POST, never by polling', async () => {
    expect(running.channel.state).toBe('webhook');
    const [setWebhook] = fake.callsOf('setWebhook');
    expect(setWebhook!.params).toMatchObject({
      url: `${PUBLIC_URL}/telegram/webhook`,
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query', 'my_chat_member'],
    });
    const sophie = fake.user(3001);
    sophie.say('par webhook');
    await sophie.waitForText(/Reçu : par webhook/);
    sophie.say('boutons');
    await sophie.waitForMessages(2);
    sophie.press('Non');
    await sophie.waitForText(/Reçu : Non/);
    expect(fake.webhookDeliveries.every((d) => d.ok)).toBe(true);
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('refuses a request without the right secret (401) and processes nothing', async () => {
    const intruder = fake.user(3002);
    const message = intruder.api.createMessage(intruder.chat, intruder.user, { text: 'faux message' });
    const update = { update_id: 1, message };
    expect((await post(update, 'mauvais-secret')).status).toBe(401);
    expect((await post(update)).status).toBe(401);
    expect((await post(update, `${SECRET}x`)).status).toBe(401);
    expect(seen).toHaveLength(0);
    expect(intruder.received).toHaveLength(0);
    // The right secret: the same update is processed.
    expect((await post(update, SECRET)).status).toBe(200);
    expect(seen.map((a) => a.text)).toEqual(['faux message']);
  });

  it('processes an update Telegram delivers twice once, even concurrently', async () => {
    const marc = fake.user(3003);
    const message = marc.api.createMessage(marc.chat, marc.user, { text: 'deux fois' });
    const update = { update_id: 424242, message };
    const statuses = await Promise.all([post(update, SECRET), post(update, SECRET)]).then((r) =>
      r.map((x) => x.status),
    );
    expect(statuses).toEqual([200, 200]);
    expect((await post(update, SECRET)).status).toBe(200);
    // Another update carrying the same message (a redelivery after a restart) is a duplicate too.
    expect((await post({ ...update, update_id: 424243 }, SECRET)).status).toBe(200);
    expect(seen.filter((a) => a.text === 'deux fois')).toHaveLength(1);
    expect(marc.texts).toEqual(['Reçu : deux fois']);
  });

  it('answers 503 once stopping, so that Telegram delivers again later', async () => {
    await running.channel.stop();
    const late = fake.user(3004);
    const message = late.api.createMessage(late.chat, late.user, { text: 'trop tard' });
    expect((await post({ update_id: 9, message }, SECRET)).status).toBe(503);
    expect(seen).toHaveLength(0);
  });
});
