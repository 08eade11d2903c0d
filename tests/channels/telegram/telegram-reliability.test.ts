import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../src/storage/database.ts';
import { availableEngines, createTestDatabase } from '../../helpers/engines.ts';
import { FakeBotApi } from './fake-bot-api.ts';
import { memoryLogger, scriptedBot, startChannel, type RunningChannel } from './harness.ts';
import { scriptedLogic } from './scripted-logic.ts';

const engine = availableEngines().at(-1)!;

describe(`Telegram reliability: limits, blocked residents, restarts [${engine}]`, () => {
  let database: DatabaseHandle;
  let fake: FakeBotApi;
  let running: RunningChannel | undefined;
  let seen: Partial<Activity>[];
  let release: () => void;
  let gate: Promise<void>;

  const start = async (
    config: Parameters<typeof startChannel>[0]['config'] = {},
    logger = memoryLogger().logger,
  ) => {
    running = await startChannel({
      fake,
      db: database.db,
      bot: scriptedBot(database.db, scriptedLogic({ seen, gate: () => gate })),
      config,
      logger,
    });
    return running;
  };
  const unreachableAt = async (userId: number) =>
    (
      await database.db
        .selectFrom('resident')
        .select('unreachable_at')
        .where('channel', '=', 'telegram')
        .where('channel_user_id', '=', String(userId))
        .executeTakeFirstOrThrow()
    ).unreachable_at;

  /** Waits until the fake has delivered every update and Kozé has finished processing them. */
  const settle = async () => {
    await fake.waitFor(() => fake.pendingUpdates.length === 0, 5_000, 'updates consumed');
    await running!.channel.adapter.idle();
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    fake = await FakeBotApi.start();
    seen = [];
    gate = new Promise((resolve) => (release = resolve));
  });
  afterEach(async () => {
    release();
    await running?.stop();
    running = undefined;
    await fake.close();
  });

  it('honours 429 retry_after: waits, then sends the same message once', async () => {
    await start();
    const paul = fake.user(2001);
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      retry_after: 1,
    });
    paul.say('bonjour');
    await paul.waitForText(/Reçu : bonjour/, 0, 5_000);
    const attempts = fake.callsOf('sendMessage');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000);
    expect(paul.texts).toEqual(['Reçu : bonjour']);
  });

  it('keeps under the per-chat limit of a strict Telegram: no 429 when paced, and they are honoured when not', async () => {
    // Telegram's per-chat flood control, scaled up for a fast test: 5 messages per second, no burst; Kozé
    // configured a little under it, as the README advises.
    fake = await FakeBotApi.start({ rateLimit: { perChat: 5, chatBurst: 1 } });
    await start({ maxPerChatPerSecond: 4, chatBurst: 1 });
    const lea = fake.user(2002);
    lea.say('trois');
    lea.say('trois');
    await lea.waitForMessages(6);
    const sends = fake.callsOf('sendMessage');
    expect(sends.every((c) => c.status === 200)).toBe(true);
    for (let i = 1; i < sends.length; i++)
      expect(sends[i]!.at - sends[i - 1]!.at).toBeGreaterThanOrEqual(230);
    expect(lea.texts).toEqual(['un', 'deux', 'trois', 'un', 'deux', 'trois']);

    // Unpaced, the same Telegram answers 429s: they are waited out and nothing is lost or reordered.
    await running!.stop();
    await fake.close();
    fake = await FakeBotApi.start({ rateLimit: { perChat: 5, chatBurst: 1 } });
    await start({ maxPerChatPerSecond: 1_000, chatBurst: 100 });
    const tom = fake.user(2003);
    tom.say('trois');
    await tom.waitForMessages(3, 15_000);
    expect(fake.callsOf('sendMessage').some((c) => c.status === 429)).toBe(true);
    expect(tom.texts).toEqual(['un', 'deux', 'trois']);
  });

  it('paces all chats under the global limit', async () => {
    await start({ maxPerSecond: 20, maxPerChatPerSecond: 1_000, chatBurst: 100 });
    const users = Array.from({ length: 10 }, (_, i) => fake.user(2100 + i));
    for (const user of users) user.say('trois');
    await Promise.all(users.map((u) => u.waitForMessages(3, 10_000)));
    const sends = fake.callsOf('sendMessage').map((c) => c.at);
    expect(sends).toHaveLength(30);
    // Never more than 20 in any second: the 21st after any message leaves a second later at least (times
    // are the fake's arrival times: a little transport jitter is tolerated; unpaced, all 30 go in ~50 ms).
    for (let i = 0; i + 20 < sends.length; i++)
      expect(sends[i + 20]! - sends[i]!).toBeGreaterThanOrEqual(850);
  });

  it('marks a resident who blocked Kozé unreachable, drops their messages without retry storm, and welcomes them back', async () => {
    await start();
    const jean = fake.user(2004);
    await database.db
      .insertInto('resident')
      .values({ channel: 'telegram', channel_user_id: String(jean.id) })
      .execute();
    const toJean = () => fake.calls.filter((c) => Number(c.params.chat_id) === jean.id);
    jean.say('trois');
    jean.block(); // right after writing, before Kozé answers
    await settle();
    expect(seen).toHaveLength(1);
    expect(await unreachableAt(jean.id)).toBeInstanceOf(Date);
    // One call met the block ("typing…" goes first); the turn's three messages, and no apology, were dropped
    // without calling Telegram again.
    expect(toJean().map((c) => c.status)).toEqual([403]);

    // A proactive message (a survey) is dropped without calling Telegram.
    await running!.channel.adapter.continueConversation(
      {
        channelId: 'telegram',
        conversation: { id: String(jean.id) } as never,
        user: { id: String(jean.id), name: '' },
      },
      async (context) => {
        await context.sendActivity('Une enquête sur les transports');
      },
    );
    expect(toJean()).toHaveLength(1);

    jean.say('me revoilà'); // writing again means unblocking (the app offers "Restart")
    await jean.waitForText(/Reçu : me revoilà/);
    expect(await unreachableAt(jean.id)).toBeNull();
  });

  it('learns of a block from my_chat_member, before any message fails', async () => {
    await start();
    const rose = fake.user(2005);
    await database.db
      .insertInto('resident')
      .values({ channel: 'telegram', channel_user_id: String(rose.id) })
      .execute();
    const member = (status: string) => ({
      chat: rose.chat,
      from: rose.user,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: status === 'kicked' ? 'member' : 'kicked', user: fake.bot },
      new_chat_member: { status, user: fake.bot },
    });
    fake.pushUpdate({ my_chat_member: member('kicked') });
    await settle();
    expect(await unreachableAt(rose.id)).toBeInstanceOf(Date);
    fake.pushUpdate({ my_chat_member: member('member') });
    await settle();
    expect(await unreachableAt(rose.id)).toBeNull();
  });

  it('retries network failures and server errors with backoff', async () => {
    await start();
    const ines = fake.user(2006);
    fake.failNext('sendMessage', { error_code: 0, description: 'connection dropped' });
    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    ines.say('allô');
    await ines.waitForText(/Reçu : allô/, 0, 5_000);
    expect(fake.callsOf('sendMessage').map((c) => c.status)).toEqual([0, 502, 200]);
    expect(ines.texts).toEqual(['Reçu : allô']);
  });

  it('runs chats in parallel: a slow turn in one chat does not hold the others', async () => {
    await start();
    const slow = fake.user(2007);
    const quick = fake.user(2008);
    slow.say('lent');
    slow.say('ensuite');
    await fake.waitFor(() => seen.some((a) => a.text === 'lent'), 5_000, 'the slow turn');
    quick.say('vite');
    await quick.waitForText(/Reçu : vite/);
    expect(slow.received).toHaveLength(0);
    release();
    await slow.waitForMessages(2);
    expect(slow.texts).toEqual(['fini', 'Reçu : ensuite']);
  });

  it('processes an update delivered twice once (same update_id, even after a restart that lost the cursor)', async () => {
    await start();
    const anne = fake.user(2009);
    const { update } = anne.say('une seule fois');
    await anne.waitForMessages(1);
    fake.rewind(update.update_id); // Telegram delivers it again
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 3, 5_000, 'more polls');
    await running!.stop();
    // A crash before the cursor was saved: Telegram delivers it again and nothing remembers the update_id.
    await sql`delete from telegram_update_cursor`.execute(database.db);
    fake.rewind(update.update_id);
    await start();
    await fake.waitFor(() => fake.pendingUpdates.length === 0, 5_000, 'the redelivered update consumed');
    await running!.channel.adapter.idle();
    expect(seen.filter((a) => a.text === 'une seule fois')).toHaveLength(1);
    expect(anne.texts).toEqual(['Reçu : une seule fois']);
  });

  it('resumes after a restart right after the last update: nothing lost, nothing replayed', async () => {
    await start();
    const luc = fake.user(2010);
    luc.say('avant');
    await luc.waitForMessages(1);
    await running!.stop();
    const lastBefore = fake.callsOf('getUpdates').length;
    luc.say('pendant 1');
    luc.say('pendant 2');
    await start();
    await luc.waitForMessages(3);
    expect(luc.texts).toEqual(['Reçu : avant', 'Reçu : pendant 1', 'Reçu : pendant 2']);
    const firstPoll = fake.callsOf('getUpdates')[lastBefore]!;
    expect(Number(firstPoll.params.offset)).toBe(
      seen.length > 0 ? Number((seen[0]!.channelData as { update_id: number }).update_id) + 1 : NaN,
    );
    expect(seen.map((a) => a.text)).toEqual(['avant', 'pendant 1', 'pendant 2']);
  });

  it('finishes the updates journaled before a stop, and sends everything queued before stopping', async () => {
    await start({ maxPerChatPerSecond: 4, chatBurst: 1 });
    const eve = fake.user(2011);
    eve.say('trois');
    await eve.waitForMessages(1);
    await running!.stop(); // two messages still queued, paced
    expect(eve.texts).toEqual(['un', 'deux', 'trois']);
    running = undefined;
  });

  it('says once in a group that it works in private messages, and stays quiet there', async () => {
    await start();
    const group = fake.group(-1002003004);
    const someone = fake.user(2012).user;
    group.addBot(someone);
    group.say(someone, '/start@koze_test_bot');
    group.say(someone, 'Kozé, tu es là ?');
    await fake.waitFor(() => fake.pendingUpdates.length === 0, 5_000, 'group updates consumed');
    await running!.channel.adapter.idle();
    expect(group.received).toHaveLength(1);
    expect(group.received[0]!.text).toMatch(/message privé.*https:\/\/t\.me\/koze_test_bot/s);
    expect(seen).toHaveLength(0);
    // A new Kozé process remembers it has already said it.
    await running!.stop();
    await start();
    group.say(someone, 'allô ?');
    await fake.waitFor(() => fake.pendingUpdates.length === 0, 5_000, 'group update consumed');
    await running!.channel.adapter.idle();
    expect(group.received).toHaveLength(1);
  });

  it('reports another poller on the same token (409) in its state, and recovers', async () => {
    await start();
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 5_000, 'polling');
    // Another program long-polls with the same token: Telegram ends Kozé's request with 409.
    const intruder = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates?timeout=0`);
    await fake.waitFor(
      () => running!.states.some((s) => s.includes('another program')),
      5_000,
      'a 409 state',
    );
    await intruder;
    await fake.waitFor(() => running!.channel.state === 'polling', 5_000, 'back to polling');
    const luc = fake.user(2013);
    luc.say('toujours là');
    await luc.waitForMessages(1);
  });
});
