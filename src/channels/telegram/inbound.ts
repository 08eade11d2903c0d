import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import type { CallbackQuery, Chat, Message, Update, User } from 'node-telegram-bot-api';

export const CHANNEL_ID = 'telegram';

/** How a file the resident sent is referenced: fetched from Telegram only when someone needs it. */
export const FILE_REF_PREFIX = 'telegram-file:';
export const STICKER_CONTENT_TYPE = 'application/x-sticker';

/** What the adapter must do with one update. */
export type Inbound =
  /** A message in a private chat: a turn. */
  | { kind: 'message'; chatId: number; activity: Partial<Activity> }
  /** A button press in a private chat: answered, checked for staleness, then a turn with its value. */
  | {
      kind: 'press';
      chatId: number;
      query: CallbackQuery;
      messageId: number | undefined;
      activity: Partial<Activity>;
    }
  /** Anything addressed to Kozé in a group: answered once, then ignored. */
  | { kind: 'group'; chat: Chat }
  /** The resident blocked (false) or unblocked (true) the bot. */
  | { kind: 'reachability'; chatId: number; reachable: boolean }
  | { kind: 'ignore'; reason: string };

/** Commands of the Telegram menu, said the way a resident would write them, so dialogs need no Telegram. */
const COMMAND_WORDS: Record<string, string> = {
  aide: 'aide',
  help: 'aide',
  menu: 'menu',
  stop: 'stop',
  mesdonnees: 'mes données',
  reprendre: 'reprendre',
  annuler: 'annuler',
};

/** `/start avis_NAVETTE` (a t.me deep link or a QR code) opens feedback on tested service NAVETTE. */
const FEEDBACK_START = /^avis_([A-Za-z0-9_-]{1,59})$/;

/** Telegram's `language_code` ("fr", "pt-br") as a locale ("fr-FR", "pt-BR"); French by default. */
export function localeOf(user: User | undefined): string {
  const code = user?.language_code?.trim();
  if (!code) return 'fr-FR';
  const [language, region] = code.split(/[-_]/);
  if (region) return `${language!.toLowerCase()}-${region.toUpperCase()}`;
  return language!.toLowerCase() === 'fr' ? 'fr-FR' : language!.toLowerCase();
}

function baseActivity(
  chat: Chat,
  from: User | undefined,
  bot: User,
  id: string,
  update: Update,
): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id,
    channelId: CHANNEL_ID,
    serviceUrl: 'telegram',
    timestamp: new Date(),
    locale: localeOf(from),
    from: {
      id: String(from?.id ?? chat.id),
      name: [from?.first_name, from?.last_name].filter(Boolean).join(' '),
    },
    recipient: { id: String(bot.id), name: bot.username ?? bot.first_name },
    conversation: { id: String(chat.id), isGroup: false, conversationType: 'personal', name: '' },
    // The raw update, for whoever needs a Telegram detail (logs, debugging); dialogs never read it.
    channelData: { update_id: update.update_id },
  };
}

/** The bot command at the start of a text, without its `@bot` suffix, and what follows it. */
function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), args: (m[2] ?? '').trim() } : undefined;
}

function fileAttachment(fileId: string, contentType: string, name?: string): Attachment {
  return { contentType, contentUrl: `${FILE_REF_PREFIX}${fileId}`, ...(name ? { name } : {}) };
}

/** Text, location and files of a message, in the dialogs' conventions (see dialogs/README.md). */
function messageContent(message: Message): Pick<Activity, 'text' | 'value' | 'attachments'> {
  const attachments: Attachment[] = [];
  let value: unknown;
  let text = message.text ?? message.caption ?? '';

  const location = message.location ?? message.venue?.location;
  if (location) value = { type: 'location', latitude: location.latitude, longitude: location.longitude };
  if (message.venue && !text) text = [message.venue.title, message.venue.address].filter(Boolean).join(', ');
  if (message.photo && message.photo.length > 0) {
    // Telegram sends every size; the largest is the one worth keeping.
    const largest = message.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    attachments.push(fileAttachment(largest.file_id, 'image/jpeg'));
  }
  if (message.sticker)
    attachments.push(fileAttachment(message.sticker.file_id, STICKER_CONTENT_TYPE, message.sticker.emoji));
  if (message.voice)
    attachments.push(fileAttachment(message.voice.file_id, message.voice.mime_type ?? 'audio/ogg'));
  if (message.audio)
    attachments.push(
      fileAttachment(message.audio.file_id, message.audio.mime_type ?? 'audio/mpeg', message.audio.file_name),
    );
  if (message.video)
    attachments.push(
      fileAttachment(message.video.file_id, message.video.mime_type ?? 'video/mp4', message.video.file_name),
    );
  if (message.video_note) attachments.push(fileAttachment(message.video_note.file_id, 'video/mp4'));
  if (message.animation)
    attachments.push(fileAttachment(message.animation.file_id, message.animation.mime_type ?? 'video/mp4'));
  if (message.document && !message.animation) {
    attachments.push(
      fileAttachment(
        message.document.file_id,
        message.document.mime_type ?? 'application/octet-stream',
        message.document.file_name,
      ),
    );
  }
  if (message.contact)
    attachments.push({
      contentType: 'text/vcard',
      name: message.contact.first_name,
      content: message.contact.vcard ?? '',
    });
  return { text, value, attachments };
}

/** Translates a Telegram update into what the adapter does with it. Pure: no I/O. */
export function readUpdate(update: Update, bot: User): Inbound {
  if ('message' in update) {
    const message = update.message;
    if (message.chat.type !== 'private') return { kind: 'group', chat: message.chat };
    if (message.from?.is_bot) return { kind: 'ignore', reason: 'message from a bot' };
    const activity = baseActivity(
      message.chat,
      message.from,
      bot,
      `${message.chat.id}:${message.message_id}`,
      update,
    );
    const content = messageContent(message);
    const command = message.text ? parseCommand(message.text) : undefined;
    if (command?.name === 'start') {
      const service = FEEDBACK_START.exec(command.args)?.[1];
      content.text = '';
      content.value = service ? { type: 'start', service: service.toUpperCase() } : { type: 'start' };
    } else if (command && COMMAND_WORDS[command.name]) {
      content.text = COMMAND_WORDS[command.name]!;
    }
    activity.timestamp = new Date(message.date * 1000);
    return { kind: 'message', chatId: message.chat.id, activity: { ...activity, ...content } };
  }
  if ('callback_query' in update) {
    const query = update.callback_query;
    const chat = query.message?.chat;
    if (!chat) return { kind: 'ignore', reason: 'press on an inline message' };
    if (chat.type !== 'private') return { kind: 'group', chat };
    const activity = baseActivity(chat, query.from, bot, `cq:${query.id}`, update);
    return { kind: 'press', chatId: chat.id, query, messageId: query.message?.message_id, activity };
  }
  if ('my_chat_member' in update) {
    const change = update.my_chat_member;
    const status = change.new_chat_member.status;
    if (change.chat.type === 'private') {
      // In a private chat, "kicked" means the resident blocked the bot; "member" that they came back.
      if (status === 'kicked') return { kind: 'reachability', chatId: change.chat.id, reachable: false };
      if (status === 'member') return { kind: 'reachability', chatId: change.chat.id, reachable: true };
      return { kind: 'ignore', reason: `private chat member ${status}` };
    }
    if (status === 'member' || status === 'administrator') return { kind: 'group', chat: change.chat };
    return { kind: 'ignore', reason: `group membership ${status}` };
  }
  return {
    kind: 'ignore',
    reason: `update ${Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown'}`,
  };
}
