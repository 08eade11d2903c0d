import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import type { WhatsAppMessage } from './whatsapp-client.ts';

export const WHATSAPP_CHANNEL_ID = 'whatsapp';

/** The reference of a media a resident sent, until (and unless) it is downloaded. */
export const MEDIA_REF_PREFIX = 'whatsapp-media:';

/** Where a WhatsApp chat id leads: `…@c.us` (or `…@lid`) is a person, the rest is not for Kozé. */
export type ChatKind = 'private' | 'group' | 'status' | 'broadcast' | 'channel' | 'other';

export function chatKind(chatId: string): ChatKind {
  if (chatId === 'status@broadcast') return 'status';
  if (chatId.endsWith('@c.us') || chatId.endsWith('@lid')) return 'private';
  if (chatId.endsWith('@g.us')) return 'group';
  if (chatId.endsWith('@broadcast')) return 'broadcast';
  if (chatId.endsWith('@newsletter')) return 'channel';
  return 'other';
}

/** The MIME type a dialog sees for each kind of WhatsApp media (see dialogs/README.md). */
function mediaContentType(message: WhatsAppMessage, raw: Record<string, unknown>): string | undefined {
  const mimetype = typeof raw.mimetype === 'string' ? raw.mimetype.split(';')[0]!.trim() : undefined;
  switch (message.type) {
    case 'image':
      return mimetype ?? 'image/jpeg';
    case 'ptt':
      return 'audio/ogg'; // a voice note
    case 'audio':
      return mimetype ?? 'audio/ogg';
    case 'video':
      return mimetype ?? 'video/mp4';
    case 'sticker':
      return 'application/x-sticker'; // the dialogs' sticker type (dialogs/input.ts)
    case 'document':
      return mimetype ?? 'application/octet-stream';
    case 'vcard':
    case 'multi_vcard':
      return 'text/vcard';
    default:
      return undefined;
  }
}

export type Inbound = { activity: Partial<Activity> } | { ignored: string };

/**
 * Translates a WhatsApp message into the Activity dialogs understand, or says why Kozé ignores it: its own
 * messages, groups, status updates, broadcast lists and channels, and the platform's notifications
 * (encryption notices, revoked messages, reactions, calls…) that no resident wrote.
 *
 * The activity id is WhatsApp's message id without the chat part: the inbound log deduplicates on it, and
 * WhatsApp may name the same chat by phone number (`@c.us`) or by its newer `@lid` form when it replays.
 */
export function toInbound(message: WhatsAppMessage): Inbound {
  if (message.fromMe || message.id.fromMe) return { ignored: 'sent by Kozé' };
  if (message.isStatus) return { ignored: 'status update' };
  const kind = chatKind(message.from);
  if (kind !== 'private') return { ignored: `${kind} chat` };
  if (message.broadcast) return { ignored: 'broadcast list' };

  const raw = (message.rawData ?? {}) as Record<string, unknown>;
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    id: message.id.id,
    channelId: WHATSAPP_CHANNEL_ID,
    serviceUrl: 'whatsapp',
    timestamp: new Date(message.timestamp * 1000),
    locale: 'fr-FR',
    from: { id: message.from, name: typeof raw.notifyName === 'string' ? raw.notifyName : '' },
    recipient: { id: 'koze', name: 'Kozé' },
    conversation: { id: message.from, isGroup: false, conversationType: 'personal', name: '' },
    text: '',
    channelData: { messageId: message.id._serialized, type: message.type },
  };

  if (message.type === 'chat') {
    activity.text = message.body;
    return { activity };
  }
  if (message.type === 'location' && message.location) {
    activity.value = {
      type: 'location',
      latitude: Number(message.location.latitude),
      longitude: Number(message.location.longitude),
    };
    return { activity };
  }
  const contentType = mediaContentType(message, raw);
  if (!contentType) return { ignored: `${message.type} message` };
  const attachment: Attachment = { contentType, contentUrl: MEDIA_REF_PREFIX + message.id._serialized };
  if (typeof raw.filename === 'string' && raw.filename) attachment.name = raw.filename;
  activity.attachments = [attachment];
  activity.text = message.body; // the caption, if any
  return { activity };
}
