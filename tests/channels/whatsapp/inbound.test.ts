import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { chatKind } from '../../../src/channels/whatsapp/inbound-activity.ts';
import { MediaStore } from '../../../src/channels/whatsapp/media-store.ts';
import { memoryOfferedChoices } from '../../../src/channels/whatsapp/offered-choices.ts';
import { Pacer } from '../../../src/channels/whatsapp/pacer.ts';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsapp.adapter.ts';
import { FakeWhatsAppClient, KOZE_NUMBER, raw } from './fake-whatsapp-client.ts';

const MARIE = '262692123456@c.us';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);

function setup(maxBytes = 100_000) {
  const client = new FakeWhatsAppClient('ready');
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'koze-wa-media-'));
  const offeredChoices = memoryOfferedChoices();
  const adapter = new WhatsAppAdapter({
    connection: { whenReady: async () => client },
    pacer: new Pacer({
      typing: false,
      typingMsPerChar: 0,
      typingMaxMs: 0,
      minGapMs: 0,
      proactivePerMinute: 0,
    }),
    media: new MediaStore(mediaDir, maxBytes),
    offeredChoices,
    logger: pino({ level: 'silent' }),
  });
  /** What the bot would receive for a message WhatsApp Web delivers (undefined: no turn at all). */
  const turn = async (
    data: Record<string, unknown>,
    media?: Parameters<FakeWhatsAppClient['receive']>[1],
  ) => {
    let seen: Partial<Activity> | undefined;
    await adapter.process(client.receive(data, media), async (context) => {
      seen = { ...context.activity };
    });
    return seen;
  };
  return { client, adapter, turn, mediaDir, offeredChoices };
}

describe('WhatsApp messages → activities', () => {
  it('turns a private text into a French message activity keyed by WhatsApp’s message id', async () => {
    const { turn } = setup();
    const data = raw.text(MARIE, 'Bonjour Kozé');
    const activity = await turn(data);
    expect(activity).toMatchObject({
      type: 'message',
      channelId: 'whatsapp',
      id: data.id.id,
      locale: 'fr-FR',
      text: 'Bonjour Kozé',
      from: { id: MARIE, name: 'Marie' },
      conversation: { id: MARIE, isGroup: false },
    });
  });

  it('turns a shared location into a location value', async () => {
    const { turn } = setup();
    const activity = await turn(raw.location(MARIE, -20.9985, 55.6791));
    expect(activity?.text).toBe('');
    expect(activity?.value).toEqual({ type: 'location', latitude: -20.9985, longitude: 55.6791 });
  });

  it('downloads a photo under the media folder and hands its local path, with the caption as text', async () => {
    const { turn, mediaDir } = setup();
    const data = raw.media(MARIE, 'image', {
      mimetype: 'image/jpeg',
      size: JPEG.length,
      caption: 'Le trou dans la route',
    });
    const activity = await turn(data, {
      data: JPEG.toString('base64'),
      mimetype: 'image/jpeg',
      filename: null,
      filesize: JPEG.length,
    });
    expect(activity?.text).toBe('Le trou dans la route');
    const attachment = activity!.attachments![0]!;
    expect(attachment.contentType).toBe('image/jpeg');
    expect(attachment.contentUrl!.startsWith(mediaDir + path.sep)).toBe(true);
    expect(attachment.contentUrl).toMatch(/\.jpg$/);
    expect(readFileSync(attachment.contentUrl!)).toEqual(JPEG);
  });

  it('does not fetch a photo announced over the size limit, nor keep one that turns out bigger', async () => {
    const { turn, client } = setup(1000);
    const announced = await turn(raw.media(MARIE, 'image', { mimetype: 'image/jpeg', size: 5_000_000 }), {
      data: JPEG.toString('base64'),
      mimetype: 'image/jpeg',
      filename: null,
      filesize: 5_000_000,
    });
    expect(announced?.attachments?.[0]).toMatchObject({
      contentType: 'image/jpeg',
      contentUrl: expect.stringMatching(/^whatsapp-media:/),
    });
    expect(announced?.channelData).toMatchObject({ mediaError: 'too_large' });

    const unannounced = await turn(raw.media(MARIE, 'image', { mimetype: 'image/jpeg' }), {
      data: JPEG.toString('base64'),
      mimetype: 'image/jpeg',
      filename: null,
      filesize: null,
    });
    expect(unannounced?.channelData).toMatchObject({ mediaError: 'too_large' });
    expect(client.media.size).toBe(2);
  });

  it('says so when WhatsApp no longer has the photo', async () => {
    const { turn } = setup();
    const activity = await turn(raw.media(MARIE, 'image', { mimetype: 'image/jpeg', size: 1000 }));
    expect(activity?.channelData).toMatchObject({ mediaError: 'unavailable' });
  });

  it.each([
    ['ptt', { mimetype: 'audio/ogg; codecs=opus', duration: 7 }, 'audio/ogg'],
    ['audio', { mimetype: 'audio/mpeg' }, 'audio/mpeg'],
    ['video', { mimetype: 'video/mp4' }, 'video/mp4'],
    ['sticker', { mimetype: 'image/webp' }, 'application/x-sticker'],
    ['document', { mimetype: 'application/pdf', filename: 'devis.pdf' }, 'application/pdf'],
  ] as const)('types a %s as %s, without downloading it', async (type, extra, contentType) => {
    const { turn } = setup();
    const activity = await turn(raw.media(MARIE, type, extra));
    expect(activity?.attachments).toEqual([
      expect.objectContaining({ contentType, contentUrl: expect.stringMatching(/^whatsapp-media:/) }),
    ]);
    if (type === 'document') expect(activity?.attachments?.[0]?.name).toBe('devis.pdf');
  });

  it('ignores groups, status updates, broadcast lists, its own messages and WhatsApp notifications', async () => {
    const { turn, client } = setup();
    const group = raw.text('120363041234567890@g.us', 'Réunion demain ?', { author: MARIE });
    const status = raw.media('status@broadcast', 'image', {
      author: MARIE,
      isStatusV3: true,
      mimetype: 'image/jpeg',
    });
    const broadcast = raw.text('1700000000@broadcast', 'Promo !', { broadcast: true });
    const own = raw.text(MARIE, 'Bonjour, je suis Kozé', { fromMe: true });
    const e2e = raw.base(MARIE, 'e2e_notification', { subtype: 'encrypt' });
    for (const data of [group, status, broadcast, e2e]) expect(await turn(data)).toBeUndefined();
    // The library does not emit 'message' for our own messages; were it to, Kozé still ignores them.
    let seen = false;
    const ownMessage = client.receive(own);
    await setup().adapter.process(ownMessage, async () => void (seen = true));
    expect(seen).toBe(false);
    expect(chatKind(`${KOZE_NUMBER}@c.us`)).toBe('private');
    expect(chatKind('123456789012345@lid')).toBe('private');
    expect(chatKind('120363041234567890@newsletter')).toBe('channel');
  });

  it('turns a numbered answer into the value of the choice offered, keeping what was typed', async () => {
    const { turn, offeredChoices } = setup();
    await offeredChoices.set(MARIE, [
      { title: 'Signaler un besoin', value: 'Signaler un besoin' },
      { title: 'Aide', value: 'Aide' },
    ]);
    for (const typed of ['2', '2.', 'deux', 'aide', 'Aidee']) {
      const activity = await turn(raw.text(MARIE, typed));
      expect(activity?.text).toBe('Aide');
      if (typed !== 'Aide') expect(activity?.channelData).toMatchObject({ originalText: typed });
    }
    const free = await turn(raw.text(MARIE, 'il faudrait un abribus'));
    expect(free?.text).toBe('il faudrait un abribus');
    await offeredChoices.clear(MARIE);
    expect((await turn(raw.text(MARIE, '2')))?.text).toBe('2');
  });
});
