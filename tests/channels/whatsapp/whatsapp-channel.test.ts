import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildBot, loadAnalyzer, type BotRuntime } from '../../../src/bot/build-bot.ts';
import {
  startWhatsAppChannel,
  type WhatsAppChannel,
} from '../../../src/channels/whatsapp/whatsapp-channel.ts';
import type { WhatsAppConfig } from '../../../src/config.ts';
import type { DatabaseHandle } from '../../../src/storage/database.ts';
import { describeEachEngine } from '../../helpers/engines.ts';
import { FakeWhatsAppClient, raw } from './fake-whatsapp-client.ts';

// Pacing has its own tests (fake timers); here Kozé answers at once so that the conversation runs quickly.
const settings: WhatsAppConfig = {
  chromiumPath: '/usr/bin/chromium',
  initTimeoutMs: 10_000,
  mediaMaxBytes: 1_000_000,
  pacing: { typing: true, typingMsPerChar: 0, typingMaxMs: 0, minGapMs: 0, proactivePerMinute: 0 },
};

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 1)]);

/** Kozé on WhatsApp: the real bot and dialogs, the real channel, a fake WhatsApp Web emitting real Messages. */
async function startKozeOnWhatsApp(database: DatabaseHandle) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'koze-wa-'));
  const logger = pino({ level: 'silent' });
  const bot: BotRuntime = buildBot({ db: database.db, logger, analyzer: await loadAnalyzer(database.db) });
  const clients: FakeWhatsAppClient[] = [];
  const channel: WhatsAppChannel = startWhatsAppChannel({
    dataDir,
    settings,
    bot,
    db: database.db,
    logger,
    retryDelayMs: 200,
    createClient: async () => {
      const client = new FakeWhatsAppClient('ready');
      clients.push(client);
      return client;
    },
  });
  await channel.connection.whenReady(5_000);
  return { channel, clients, dataDir, client: () => clients.at(-1)! };
}

describeEachEngine('WhatsApp channel with the real bot', (getDatabase) => {
  let koze: Awaited<ReturnType<typeof startKozeOnWhatsApp>>;
  beforeAll(async () => {
    koze = await startKozeOnWhatsApp(getDatabase());
  }, 120_000);
  afterAll(async () => {
    await koze?.channel.stop();
  });

  /** A resident writes on WhatsApp; returns what Kozé answered, one string per WhatsApp message. */
  async function deliver(
    data: Record<string, unknown>,
    media?: Parameters<FakeWhatsAppClient['receive']>[1],
  ) {
    const client = koze.client();
    const before = client.sent.length;
    client.receive(data, media);
    await koze.channel.idle();
    return client.textsTo(
      data.from && typeof data.from === 'object' ? (data.from as { _serialized: string })._serialized : '',
      before,
    );
  }
  const say = (chat: string, text: string) => deliver(raw.text(chat, text));
  const last = (replies: string[]) => replies.at(-1) ?? '';

  it('takes a new resident from the first message through consent to a saved need, answering by number, word and label', async () => {
    const marie = '262692123456@c.us';
    const { db } = getDatabase();

    const hello = await say(marie, 'Bonjour');
    expect(hello.join('\n')).toMatch(/Je suis Kozé/);
    expect(last(hello)).toMatch(/\*1\.\* Français\n\*2\.\* Kréol réyoné$/);

    const consent = await say(marie, '1'); // Français
    expect(consent.join('\n')).toMatch(/Vos données/);
    expect(last(consent)).toMatch(/\*1\.\* J’accepte\n\*2\.\* Je refuse/);

    const quartier = await say(marie, "j'accepte"); // the label, typed without the typographic apostrophe
    expect(last(quartier)).toMatch(/Dans quel quartier/);
    expect(last(quartier)).toMatch(/\*\d\.\* Bellevue/);

    const role = await say(marie, 'belevue'); // the label with a typo
    expect(last(role)).toMatch(/Vous êtes/);

    const age = await say(marie, 'habitante'); // "Habitant·e" without its middle dot
    expect(last(age)).toMatch(/tranche d’âge/);

    const menu = await say(marie, 'le troisième'); // 30–44 ans
    expect(last(menu)).toMatch(/\*1\.\* Signaler un besoin/);

    const describe = await say(marie, 'un.'); // "1." would do too: Signaler un besoin
    expect(last(describe)).toMatch(/besoin/i);
    expect(last(describe)).not.toMatch(/\*1\.\*/);

    const category = await say(
      marie,
      'Il manque un abribus devant l’école de Bellevue, on attend le bus sous la pluie',
    );
    expect(last(category)).toMatch(/\*1\.\* /);

    const where = await say(marie, '1'); // the category Kozé understood, or the first one offered
    expect(last(where)).toMatch(/Où cela se passe-t-il/);

    const photo = await deliver(raw.location(marie, -20.9985, 55.6791));
    expect(last(photo)).toMatch(/photo/i);

    const image = raw.media(marie, 'image', { mimetype: 'image/jpeg', size: JPEG.length, caption: '' });
    const more = await deliver(image, {
      data: JPEG.toString('base64'),
      mimetype: 'image/jpeg',
      filename: null,
      filesize: JPEG.length,
    });
    expect(last(more)).toMatch(/ajouter/);

    // A group message and a status update in the middle: no answer, no effect on the conversation.
    expect(await deliver(raw.text('120363041234567890@g.us', 'Kozé, tu es là ?', { author: marie }))).toEqual(
      [],
    );
    expect(
      await deliver(
        raw.media('status@broadcast', 'image', { author: marie, isStatusV3: true, mimetype: 'image/jpeg' }),
      ),
    ).toEqual([]);
    expect(
      koze.client().sent.some((s) => s.chatId.endsWith('@g.us') || s.chatId.endsWith('@broadcast')),
    ).toBe(false);

    const recap = await say(marie, "Non, c'est tout");
    expect(last(recap)).toMatch(/récapitule/);
    expect(last(recap)).toMatch(/\*1\.\* Enregistrer/);

    // The confirmation arrives twice (WhatsApp redelivers at reconnection), even while the first is in flight.
    const confirm = raw.text(marie, 'enregistrer');
    const client = koze.client();
    const before = client.sent.length;
    client.receive(confirm);
    client.receive(confirm);
    await koze.channel.idle();
    const saved = client.textsTo(marie, before);
    expect(saved.filter((text) => /B-\d{4}/.test(text))).toHaveLength(1); // answered once

    const needs = await db.selectFrom('contribution').selectAll().where('kind', '=', 'need').execute();
    expect(needs).toHaveLength(1);
    const need = needs[0]!;
    expect(need.text).toMatch(/abribus/);
    expect(need.location).toEqual({ latitude: -20.9985, longitude: 55.6791 });
    const photos = need.attachments as unknown as { ref: string; kind: string }[];
    expect(photos).toHaveLength(1);
    expect(photos[0]!.ref.startsWith(path.join(koze.dataDir, 'whatsapp', 'media'))).toBe(true);
    expect(readFileSync(photos[0]!.ref)).toEqual(JPEG);
    const resident = await db
      .selectFrom('resident')
      .selectAll()
      .where('channel', '=', 'whatsapp')
      .where('channel_user_id', '=', marie)
      .executeTakeFirstOrThrow();
    expect(resident.consent_at).not.toBeNull();
    expect(resident.quartier).toBe('Bellevue');

    // Replayed once more after a reconnection: still processed once.
    expect(await deliver(confirm)).toEqual([]);
    expect(
      await db.selectFrom('contribution').select('id').where('kind', '=', 'need').execute(),
    ).toHaveLength(1);
  });

  it('keeps the conversation across a disconnection: a "2" after reconnecting still means the second choice', async () => {
    const paul = '262693765432@c.us';
    const hello = await say(paul, 'Salut');
    expect(last(hello)).toMatch(/\*2\.\* Kréol réyoné$/);

    koze.client().emit('disconnected', 'NAVIGATION');
    expect(koze.channel.status()).toBe('disconnected');
    await koze.channel.connection.whenReady(20_000);
    expect(koze.clients.length).toBeGreaterThanOrEqual(2);

    const consent = await say(paul, '2'); // Kréol réyoné
    expect(consent.join('\n')).not.toMatch(/Vos données/); // the notice, now in Creole
    expect(last(consent)).toMatch(/\*1\.\* /);
    expect(existsSync(koze.dataDir)).toBe(true);
  }, 30_000);
});
