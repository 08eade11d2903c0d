import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { pino } from 'pino';
import { fr } from '../../../dialogs/catalog/fr.ts';
import { buildBot, loadAnalyzer } from '../../../src/bot/build-bot.ts';
import type { DatabaseHandle } from '../../../src/storage/database.ts';
import { availableEngines, createTestDatabase } from '../../helpers/engines.ts';
import { FakeBotApi, type FakeUser } from './fake-bot-api.ts';
import { startChannel, type RunningChannel } from './harness.ts';

/*
 * Residents talk to the real Kozé (the dialogs of buildBot, the NLP model, PostgreSQL) through the real
 * library and the fake Bot API: every answer is a tap on a button Kozé showed, or a message typed.
 */

const engine = availableEngines().at(-1)!;
type Key = keyof typeof fr;

/** The French catalog text of a key as a pattern ({placeholders} match anything). */
function said(key: Key): RegExp {
  const escaped = fr[key].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '[\\s\\S]*?');
  return new RegExp(`^${escaped}$`);
}

describe(`A resident on Telegram, with the real dialogs [${engine}]`, { timeout: 90_000 }, () => {
  let database: DatabaseHandle;
  let analyzer: Awaited<ReturnType<typeof loadAnalyzer>>;
  let fake: FakeBotApi;
  let running: RunningChannel | undefined;
  const logger = pino({ level: 'silent' });

  const start = async () => {
    running = await startChannel({
      fake,
      db: database.db,
      bot: buildBot({ db: database.db, logger, analyzer }),
    });
  };

  /** Waits for Kozé to say `key` (after the messages already seen), and returns where it was said. */
  const expectSaid = async (user: FakeUser, key: Key, from: number) => {
    const message = await user.waitForText(said(key), from, 15_000);
    return user.received.indexOf(message);
  };

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    analyzer = await loadAnalyzer(database.db);
    await database.db
      .insertInto('tested_service')
      .values({
        code: 'NAVETTE',
        name: 'Navette électrique du centre-ville',
        description: 'Gratuite, toutes les 20 minutes',
      })
      .execute();
    fake = await FakeBotApi.start();
  }, 120_000);
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    await fake?.close();
    await database?.close();
  });

  /** /start, French, consent, profile later: the menu. Returns how many messages Kozé has sent. */
  const onboard = async (user: FakeUser, first: () => void = () => void user.say('/start')) => {
    first();
    let at = await expectSaid(user, 'onboarding.language', 0);
    user.press(fr['language.fr']);
    at = await expectSaid(user, 'consent.question', at + 1);
    user.press(fr['consent.accept']);
    at = await expectSaid(user, 'profile.quartier', at + 1);
    user.press(fr['profile.skipAll']);
    return at + 1;
  };

  it('goes from /start through consent to a saved need with its reference, pressing buttons; the need is in PostgreSQL; a restart in the middle changes nothing', async () => {
    await start();
    const marie = fake.user(6001, { firstName: 'Marie' });
    let at = await onboard(marie);
    at = await expectSaid(marie, 'menu.first', at);
    marie.press(fr['menu.need']);
    at = await expectSaid(marie, 'need.describe', at + 1);

    // Kozé stops and starts again (an update, a crash): the conversation goes on where it was.
    await running!.stop();
    await start();

    marie.say('Il manque un abribus devant l’école de Bellevue, les enfants attendent sous la pluie');
    const category = await marie.waitForText(/concerne|thème/, at + 1, 15_000);
    at = marie.received.indexOf(category);
    const confirm = marie.buttons.find(
      (b) => b.message === category && b.button.text === fr['need.category.yes'],
    );
    marie.press(confirm ? fr['need.category.yes'] : fr['category.mobilite']);
    // The description names Bellevue: it is offered first; she shares her location instead, with the
    // "share my location" button of the reply keyboard.
    at = await expectSaid(marie, 'need.place', at + 1);
    expect(JSON.stringify(marie.lastMarkup())).toContain('"text":"Bellevue"');
    expect(JSON.stringify(marie.lastMarkup())).toContain('"request_location":true');
    marie.shareLocation(-21.0012, 55.6871);
    at = await expectSaid(marie, 'need.photo', at + 1);
    const { message: photo } = marie.sendPhoto();
    at = await expectSaid(marie, 'need.more', at + 1);
    marie.press(fr['need.more.no']);
    at = await expectSaid(marie, 'need.recap', at + 1);
    marie.press(/^Enregistrer$/);
    const saved = await marie.waitForText(/Référence : B-\d{4}/, at + 1, 15_000);
    const reference = /B-\d{4}/.exec(saved.text!)![0];

    const need = await database.db
      .selectFrom('contribution')
      .innerJoin('resident', 'resident.id', 'contribution.resident_id')
      .select([
        'contribution.kind',
        'contribution.text',
        'contribution.location',
        'contribution.attachments',
        'resident.channel',
        'resident.channel_user_id',
        'resident.consent_at',
      ])
      .where('contribution.reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(need).toMatchObject({
      kind: 'need',
      text: 'Il manque un abribus devant l’école de Bellevue, les enfants attendent sous la pluie',
      location: { latitude: -21.0012, longitude: 55.6871 },
      channel: 'telegram',
      channel_user_id: String(marie.id),
    });
    expect(need.consent_at).toBeInstanceOf(Date);
    expect(need.attachments).toEqual([
      expect.objectContaining({ kind: 'image', ref: `telegram-file:${photo.photo!.at(-1)!.file_id}` }),
    ]);
    // Every button press was answered (no spinner left), and no button is left under an answered question.
    const presses = fake.callsOf('answerCallbackQuery');
    expect(presses.length).toBeGreaterThanOrEqual(6);
    expect(presses.every((c) => c.status === 200)).toBe(true);
    const withButtons = marie.received.filter((m) => m.reply_markup);
    expect(withButtons.length).toBeLessThanOrEqual(1);
    expect(marie.texts.filter((t) => said('error.apology').test(t))).toEqual([]);
  });

  it('creates one need when the update that saves it is delivered twice, even after a restart that lost the cursor', async () => {
    await start();
    const paul = fake.user(6002, { firstName: 'Paul' });
    let at = await onboard(paul);
    at = await expectSaid(paul, 'menu.first', at);
    paul.say('Les lampadaires de la rue des Lilas sont éteints depuis une semaine, c’est dangereux le soir');
    const category = await paul.waitForText(/concerne|thème/, at, 15_000);
    at = paul.received.indexOf(category);
    paul.press(
      paul.buttons.some((b) => b.button.text === fr['need.category.yes'])
        ? fr['need.category.yes']
        : fr['category.securite'],
    );
    at = await expectSaid(paul, 'need.place.list', at + 1);
    paul.say('Bellevue');
    at = await expectSaid(paul, 'need.photo', at + 1);
    paul.press(fr['need.photo.skip']);
    at = await expectSaid(paul, 'need.more', at + 1);
    paul.press(fr['need.more.no']);
    at = await expectSaid(paul, 'need.recap', at + 1);
    const { update } = paul.press(/^Enregistrer$/);
    await paul.waitForText(/Référence : B-\d{4}/, at + 1, 15_000);
    const countNeeds = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from contribution c join resident r on r.id = c.resident_id
            where r.channel = 'telegram' and r.channel_user_id = ${String(paul.id)}`.execute(database.db)
        ).rows[0]!.n,
      );
    expect(await countNeeds()).toBe(1);
    const sentBefore = paul.received.length;

    // Telegram delivers the same update again (same update_id) to a Kozé that crashed before saving where
    // it was: nothing but the inbound log knows it was processed.
    await running!.stop();
    await sql`delete from telegram_update_cursor`.execute(database.db);
    fake.rewind(update.update_id);
    await start();
    await fake.waitFor(() => fake.pendingUpdates.length === 0, 10_000, 'the update delivered again');
    await running!.channel.adapter.idle();
    expect(await countNeeds()).toBe(1);
    expect(paul.received.slice(sentBefore).filter((m) => /Référence/.test(m.text ?? ''))).toEqual([]);
  });

  it('opens feedback on a tested service from a deep link, after the consent of a new resident', async () => {
    await start();
    const lea = fake.user(6003, { firstName: 'Léa' });
    // https://t.me/<bot>?start=avis_NAVETTE, from the QR code in the shuttle.
    const at = await onboard(lea, () => void lea.openDeepLink('avis_NAVETTE'));
    const question = await lea.waitForText(/Navette électrique du centre-ville/, at, 15_000);
    expect(lea.buttons.filter((b) => b.message === question).map((b) => b.button.text)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });

  it('answers a sticker and a voice note politely, and asks its question again', async () => {
    await start();
    const jo = fake.user(6004, { firstName: 'Jo' });
    let at = await onboard(jo);
    at = await expectSaid(jo, 'menu.first', at);
    jo.press(fr['menu.need']);
    at = await expectSaid(jo, 'need.describe', at + 1);
    jo.sendSticker('😂');
    at = await expectSaid(jo, 'input.sticker', at + 1);
    at = await expectSaid(jo, 'need.describe', at + 1);
    jo.sendVoice();
    at = await expectSaid(jo, 'input.audio', at + 1);
    await expectSaid(jo, 'need.describe', at + 1);
    expect(jo.texts.filter((t) => said('error.apology').test(t))).toEqual([]);
  });
});
