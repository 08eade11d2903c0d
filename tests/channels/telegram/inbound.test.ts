import { describe, expect, it } from 'vitest';
import type { Message, Update, User } from 'node-telegram-bot-api';
import { localeOf, readUpdate } from '../../../src/channels/telegram/inbound.ts';

const bot: User = { id: 99, is_bot: true, first_name: 'Kozé', username: 'koze_bot' };
const marie: User = { id: 7, is_bot: false, first_name: 'Marie', last_name: 'Hoarau', language_code: 'fr' };
const privateChat = { id: 7, type: 'private' };
const message = (content: Partial<Message>, chat = privateChat, from = marie): Update => ({
  update_id: 1,
  message: { message_id: 12, date: 1_700_000_000, chat, from, ...content } as Message,
});
const activityOf = (update: Update) => {
  const inbound = readUpdate(update, bot);
  if (inbound.kind !== 'message') throw new Error(`not a message: ${inbound.kind}`);
  return inbound.activity;
};

describe('readUpdate', () => {
  it('dedupes messages by chat and message id (message ids are per chat)', () => {
    const activity = activityOf(message({ text: 'salut' }));
    expect(activity).toMatchObject({ id: '7:12', text: 'salut', from: { id: '7', name: 'Marie Hoarau' } });
    expect(activity.recipient).toEqual({ id: '99', name: 'koze_bot' });
    expect(activity.timestamp).toEqual(new Date(1_700_000_000_000));
  });

  it('reads venues and videos, animations, audio, contacts', () => {
    const venue = activityOf(
      message({
        venue: { location: { latitude: -21, longitude: 55.7 }, title: 'Mairie', address: 'Rue Nationale' },
      }),
    );
    expect(venue.value).toEqual({ type: 'location', latitude: -21, longitude: 55.7 });
    expect(venue.text).toBe('Mairie, Rue Nationale');
    const video = activityOf(
      message({ video: { file_id: 'v1', file_unique_id: 'u', width: 1, height: 1, duration: 3 } }),
    );
    expect(video.attachments).toEqual([{ contentType: 'video/mp4', contentUrl: 'telegram-file:v1' }]);
    const gif = activityOf(
      message({
        animation: {
          file_id: 'g1',
          file_unique_id: 'u',
          width: 1,
          height: 1,
          duration: 1,
          mime_type: 'video/mp4',
        },
        document: { file_id: 'g1', file_unique_id: 'u' },
      }),
    );
    expect(gif.attachments).toHaveLength(1);
    const audio = activityOf(
      message({
        audio: {
          file_id: 'a1',
          file_unique_id: 'u',
          duration: 9,
          mime_type: 'audio/mpeg',
          file_name: 'chant.mp3',
        },
      }),
    );
    expect(audio.attachments).toEqual([
      { contentType: 'audio/mpeg', contentUrl: 'telegram-file:a1', name: 'chant.mp3' },
    ]);
    const contact = activityOf(message({ contact: { phone_number: '+262', first_name: 'Paul' } }));
    expect(contact.attachments![0]).toMatchObject({ contentType: 'text/vcard', name: 'Paul' });
  });

  it('keeps unknown commands as typed, and a bad start code as a plain start', () => {
    expect(activityOf(message({ text: '/inconnue truc' })).text).toBe('/inconnue truc');
    const start = activityOf(message({ text: '/start autre_chose' }));
    expect(start.value).toEqual({ type: 'start' });
  });

  it('routes group messages and presses to the group notice, and ignores the rest', () => {
    const group = { id: -100, type: 'supergroup', title: 'Quartier' };
    expect(readUpdate(message({ text: 'hello' }, group), bot)).toEqual({ kind: 'group', chat: group });
    expect(
      readUpdate(
        { update_id: 2, edited_message: { message_id: 1, date: 0, chat: privateChat, text: 'x' } as Message },
        bot,
      ).kind,
    ).toBe('ignore');
    expect(readUpdate(message({ text: 'bip' }, privateChat, { ...marie, is_bot: true }), bot).kind).toBe(
      'ignore',
    );
    expect(
      readUpdate(
        {
          update_id: 3,
          my_chat_member: {
            chat: group,
            from: marie,
            date: 0,
            old_chat_member: { status: 'member', user: bot },
            new_chat_member: { status: 'left', user: bot },
          },
        } as Update,
        bot,
      ).kind,
    ).toBe('ignore');
  });
});

describe('localeOf', () => {
  it.each([
    [undefined, 'fr-FR'],
    ['fr', 'fr-FR'],
    ['FR', 'fr-FR'],
    ['fr-ca', 'fr-CA'],
    ['en', 'en'],
    ['pt_br', 'pt-BR'],
  ])('%s → %s', (code, locale) => {
    expect(localeOf(code === undefined ? undefined : { ...marie, language_code: code })).toBe(locale);
  });
});
