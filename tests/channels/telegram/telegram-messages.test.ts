import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { COMMANDS, STALE_BUTTON, SHARE_LOCATION } from '../../../src/channels/telegram/telegram-messages.ts';
import type { DatabaseHandle } from '../../../src/storage/database.ts';
import { availableEngines, createTestDatabase } from '../../helpers/engines.ts';
import { FakeBotApi, type FakeUser } from './fake-bot-api.ts';
import { scriptedBot, startChannel, type RunningChannel } from './harness.ts';
import { LONG_CHOICE, LONG_TEXT, scriptedLogic } from './scripted-logic.ts';

const engine = availableEngines().at(-1)!;

describe(`Telegram messages in and out, through the real library [${engine}]`, () => {
  let database: DatabaseHandle;
  let fake: FakeBotApi;
  let running: RunningChannel;
  let seen: Partial<Activity>[];
  let marie: FakeUser;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    fake = await FakeBotApi.start();
    seen = [];
    running = await startChannel({
      fake,
      db: database.db,
      bot: scriptedBot(database.db, scriptedLogic({ seen })),
    });
    marie = fake.user(1000 + Math.floor(Math.random() * 1e6), { firstName: 'Marie', languageCode: 'fr' });
  });
  afterEach(async () => {
    await running.stop();
    await fake.close();
  });

  it('checks the token, registers the French command menu and polls', async () => {
    expect(fake.callsOf('getMe')).toHaveLength(1);
    expect(fake.commands).toEqual(COMMANDS);
    expect(fake.commands!.map((c) => c.command)).toEqual(['start', 'menu', 'aide', 'mesdonnees', 'stop']);
    expect(running.channel.state).toBe('polling');
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 5_000, 'a getUpdates');
  });

  it('turns a text into an activity (ids, locale, conversation) and answers in the chat, after "typing…"', async () => {
    marie.say('Bonjour Kozé');
    const [reply] = await marie.waitForMessages(1);
    expect(reply!.text).toBe('Reçu : Bonjour Kozé');
    const activity = seen[0]!;
    expect(activity).toMatchObject({
      type: 'message',
      channelId: 'telegram',
      locale: 'fr-FR',
      from: { id: String(marie.id), name: 'Marie' },
      conversation: { id: String(marie.id), isGroup: false },
    });
    expect(activity.id).toBe(`${marie.id}:1`);
    const typing = fake.calls.findIndex((c) => c.method === 'sendChatAction' && c.params.action === 'typing');
    const sent = fake.calls.findIndex((c) => c.method === 'sendMessage');
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(sent);
  });

  it('maps language_code to the locale, French by default', async () => {
    const english = fake.user(71, { languageCode: 'en' });
    const brazilian = fake.user(72, { languageCode: 'pt-br' });
    const unknown = fake.user(73, { languageCode: '' });
    english.say('hello');
    brazilian.say('olá');
    unknown.say('salut');
    await Promise.all([english, brazilian, unknown].map((u) => u.waitForMessages(1)));
    const locale = (u: FakeUser) => seen.find((a) => a.from?.id === String(u.id))!.locale;
    expect([locale(english), locale(brazilian), locale(unknown)]).toEqual(['en', 'pt-BR', 'fr-FR']);
  });

  it('renders suggested actions as inline buttons; a press answers the query, removes the buttons and is the answer', async () => {
    marie.say('boutons');
    const [question] = await marie.waitForMessages(1);
    const labels = question!.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual(['Oui', 'Non', LONG_CHOICE]);
    for (const button of question!.reply_markup!.inline_keyboard.flat())
      expect(Buffer.byteLength(button.callback_data!, 'utf8')).toBeLessThanOrEqual(64);

    const { callbackQuery } = marie.press('Oui');
    await marie.waitForText(/Reçu : Oui/);
    expect(fake.answered(callbackQuery.id)).toBe(true);
    await fake.waitFor(
      () => !fake.message(marie.id, question!.message_id)!.reply_markup,
      5_000,
      'buttons removed',
    );
    expect(seen.at(-1)!.text).toBe('Oui');
    expect(seen.at(-1)!.id).toBe(`cq:${callbackQuery.id}`);
  });

  it('carries a value longer than 64 bytes through a short key, even for a new channel instance', async () => {
    marie.say('boutons');
    await marie.waitForMessages(1);
    await running.stop();
    running = await startChannel({
      fake,
      db: database.db,
      bot: scriptedBot(database.db, scriptedLogic({ seen })),
    });
    marie.press(LONG_CHOICE);
    await marie.waitForText(/Reçu : Améliorer/);
    expect(seen.at(-1)!.text).toBe(LONG_CHOICE);
  });

  it('answers a press on an old question with a notice, and takes no answer from it', async () => {
    marie.say('boutons');
    const [first] = await marie.waitForMessages(1);
    marie.say('boutons');
    await marie.waitForMessages(2);
    // The first question's buttons were replaced by the second's.
    await fake.waitFor(
      () => !fake.message(marie.id, first!.message_id)!.reply_markup,
      5_000,
      'old buttons removed',
    );
    const turns = seen.length;
    const { callbackQuery } = marie.pressData(
      first!,
      first!.reply_markup!.inline_keyboard[0]![0]!.callback_data!,
    );
    await fake.waitFor(() => fake.answered(callbackQuery.id), 5_000, 'the stale press answered');
    const answer = fake
      .callsOf('answerCallbackQuery')
      .find((c) => c.params.callback_query_id === callbackQuery.id)!;
    expect(answer.params.text).toBe(STALE_BUTTON);
    expect(seen).toHaveLength(turns);
    expect(marie.received).toHaveLength(2);
  });

  it('takes a double tap once', async () => {
    marie.say('boutons');
    const [question] = await marie.waitForMessages(1);
    const data = question!.reply_markup!.inline_keyboard[0]![1]!.callback_data!;
    const first = marie.pressData(question!, data);
    const second = marie.pressData(question!, data);
    await marie.waitForText(/Reçu : Non/);
    await fake.waitFor(() => fake.answered(second.callbackQuery.id), 5_000, 'second press answered');
    expect(fake.answered(first.callbackQuery.id)).toBe(true);
    expect(seen.filter((a) => a.text === 'Non')).toHaveLength(1);
  });

  it('removes the buttons when the resident answers by typing instead', async () => {
    marie.say('boutons');
    const [question] = await marie.waitForMessages(1);
    marie.say('plutôt non');
    await marie.waitForText(/Reçu : plutôt non/);
    await fake.waitFor(
      () => !fake.message(marie.id, question!.message_id)!.reply_markup,
      5_000,
      'buttons removed',
    );
  });

  it('asks for a location with a reply keyboard, reads the shared location, then removes the keyboard', async () => {
    marie.say('où');
    await marie.waitForMessages(1);
    expect(marie.lastMarkup()).toMatchObject({
      keyboard: [[{ text: SHARE_LOCATION, request_location: true }], [{ text: 'Passer' }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    marie.shareLocation(-20.9966, 55.6789);
    const reply = await marie.waitForText(/Reçu/, 1);
    expect(seen.at(-1)!.value).toEqual({ type: 'location', latitude: -20.9966, longitude: 55.6789 });
    expect(seen.at(-1)!.text).toBe('');
    expect(fake.sentWith(marie.id, reply.message_id).replyMarkup).toEqual({ remove_keyboard: true });
  });

  it('passes a photo as an attachment referencing the Telegram file (largest size), downloaded only on demand', async () => {
    const { message } = marie.sendPhoto('Le trou dans la route');
    await marie.waitForMessages(1);
    const activity = seen.at(-1)!;
    const largest = message.photo!.at(-1)!;
    expect(activity.text).toBe('Le trou dans la route');
    expect(activity.attachments).toEqual([
      { contentType: 'image/jpeg', contentUrl: `telegram-file:${largest.file_id}` },
    ]);
    expect(fake.callsOf('getFile')).toHaveLength(0);
    const file = await running.channel.download(activity.attachments![0]!.contentUrl!);
    expect(file.bytes.length).toBe(24_000);
    expect(fake.callsOf('getFile')).toHaveLength(1);
  });

  it('types stickers, voice notes and documents so the dialogs can answer them', async () => {
    marie.sendSticker('😂');
    marie.sendVoice();
    marie.sendDocument('plan-du-quartier.pdf', 'application/pdf');
    await marie.waitForMessages(3);
    const types = seen.map((a) => a.attachments?.[0]);
    expect(types[0]).toMatchObject({ contentType: 'application/x-sticker', name: '😂' });
    expect(types[1]).toMatchObject({ contentType: 'audio/ogg' });
    expect(types[2]).toMatchObject({ contentType: 'application/pdf', name: 'plan-du-quartier.pdf' });
    for (const attachment of types) expect(attachment!.contentUrl).toMatch(/^telegram-file:/);
  });

  it('maps the command menu and /start deep links to what the dialogs understand', async () => {
    marie.say('/aide');
    marie.say('/mesdonnees');
    marie.say('/menu@koze_test_bot');
    marie.say('/start');
    marie.openDeepLink('avis_navette');
    await marie.waitForMessages(5);
    expect(seen.map((a) => a.text)).toEqual(['aide', 'mes données', 'menu', '', '']);
    expect(seen[3]!.value).toEqual({ type: 'start' });
    expect(seen[4]!.value).toEqual({ type: 'start', service: 'NAVETTE' });
  });

  it('splits a text longer than 4,096 characters at paragraph boundaries, buttons under the last part', async () => {
    marie.say('long');
    const parts = await marie.waitForMessages(3);
    expect(LONG_TEXT.length).toBeGreaterThan(8_192);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(part.text!.length).toBeLessThanOrEqual(4096);
      expect(part.text).toMatch(/^\d+\. Le chemin/); // each part starts a paragraph
      expect(part.text).toMatch(/réunion\.$/); // and ends one
    }
    expect(parts.map((p) => p.text).join('\n\n')).toBe(LONG_TEXT);
    expect(parts[0]!.reply_markup).toBeUndefined();
    expect(parts[2]!.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(['Merci']);
  });

  it('escapes HTML so that any text arrives as written (bold kept)', async () => {
    marie.say('html');
    const [reply] = await marie.waitForMessages(1);
    expect(reply!.text).toBe('Le B-0042 : <script> & "guillemets" > 5_000 €, voir ceci');
    const sent = fake.sentWith(marie.id, reply!.message_id);
    expect(sent.parseMode).toBe('HTML');
    expect(sent.text).toContain('<b>B-0042</b>');
    expect(sent.text).toContain('&lt;script&gt; &amp;');
  });

  it('sends the turns of a chat in order', async () => {
    marie.say('trois');
    marie.say('après');
    await marie.waitForMessages(4);
    expect(marie.texts).toEqual(['un', 'deux', 'trois', 'Reçu : après']);
  });
});
