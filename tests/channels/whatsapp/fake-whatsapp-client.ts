import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import wwebjs from 'whatsapp-web.js';
import type { WhatsAppClient, WhatsAppMessage } from '../../../src/channels/whatsapp/whatsapp-client.ts';

// The library's own Message class: the fake emits what the real client emits, built the same way.
const { Message } = wwebjs as unknown as {
  Message: new (client: unknown, data: Record<string, unknown>) => WhatsAppMessage;
};

export const KOZE_NUMBER = '262692000001';

/** A WhatsApp id as WhatsApp Web serialises it in message models (`{ server, user, _serialized }`). */
export function wid(serialized: string) {
  const [user, server] = serialized.split('@');
  return { server, user, _serialized: serialized };
}

let sequence = 0;
/** A message id as WhatsApp Web makes them: 20 hex characters after "3EB0" for web, 32 for Android. */
export const newMessageId = () =>
  `3EB0${randomBytes(8).toString('hex').toUpperCase()}${(sequence++).toString(16)}`;

/**
 * Raw message models as `window.WWebJS.getMessageModel` returns them: what `new Message(client, data)` reads.
 */
export const raw = {
  base(from: string, type: string, extra: Record<string, unknown> = {}) {
    const id = (extra.id as string | undefined) ?? newMessageId();
    const fromMe = extra.fromMe === true;
    const remote = (extra.remote as string | undefined) ?? from;
    return {
      id: { fromMe, remote, id, _serialized: `${fromMe}_${remote}_${id}` },
      type,
      t: Math.floor(Date.now() / 1000),
      from: wid(fromMe ? `${KOZE_NUMBER}@c.us` : from),
      to: wid(fromMe ? from : `${KOZE_NUMBER}@c.us`),
      notifyName: 'Marie',
      ack: 1,
      isNewMsg: true,
      star: false,
      broadcast: false,
      isForwarded: false,
      links: [],
      ...Object.fromEntries(Object.entries(extra).filter(([k]) => !['id', 'fromMe', 'remote'].includes(k))),
    };
  },
  text(from: string, body: string, extra: Record<string, unknown> = {}) {
    return raw.base(from, 'chat', { body, ...extra });
  },
  location(from: string, lat: number, lng: number) {
    // WhatsApp puts a JPEG thumbnail in `body` and the place's name and address in `loc`.
    return raw.base(from, 'location', {
      lat,
      lng,
      loc: 'Mairie de Bras-Panon\nRue Joseph Lagourgue',
      body: '/9j/4AAQ',
    });
  },
  media(
    from: string,
    type: 'image' | 'ptt' | 'audio' | 'video' | 'sticker' | 'document',
    extra: Record<string, unknown>,
  ) {
    return raw.base(from, type, {
      directPath: `/v/t62.7118-24/${randomBytes(6).toString('hex')}.enc`,
      mediaKey: randomBytes(32).toString('base64'),
      filehash: randomBytes(32).toString('base64'),
      mediaKeyTimestamp: Math.floor(Date.now() / 1000),
      body: '/9j/4AAQ',
      ...extra,
    });
  },
};

/** A message received by the fake client and the media WhatsApp Web would give for it. */
interface MediaResult {
  data: string;
  mimetype: string;
  filename: string | null;
  filesize: number | null;
}

/**
 * A stand-in for whatsapp-web.js's `Client`: the same events (`qr`, `authenticated`, `auth_failure`, `ready`,
 * `disconnected`, `message`) and methods, with WhatsApp Web's page reduced to what `Message.downloadMedia()`
 * asks it. What Kozé sends is recorded with the time it was sent.
 */
export class FakeWhatsAppClient extends EventEmitter implements WhatsAppClient {
  readonly sent: { chatId: string; text: string; at: number }[] = [];
  readonly typing: { chatId: string; at: number }[] = [];
  readonly media = new Map<string, MediaResult>();
  initializeCalls = 0;
  destroyed = false;
  browserAlive = true;
  info = { wid: { user: KOZE_NUMBER }, pushname: 'Kozé — Living Lab' };

  /**
   * What initialize() does: 'ready' (a saved session), 'qr' (a new link), 'hang' (a blocked network: never
   * settles), or an error to throw (a page that does not load).
   */
  constructor(private readonly behaviour: 'ready' | 'qr' | 'hang' | Error = 'ready') {
    super();
  }

  /** The part of the puppeteer page `Message.downloadMedia()` evaluates: returns the message's media. */
  readonly pupPage = {
    evaluate: async (_fn: unknown, messageId: string) => this.media.get(messageId) ?? null,
  };

  readonly pupBrowser = {
    isConnected: () => this.browserAlive && !this.destroyed,
    process: () => null,
  };

  async initialize(): Promise<void> {
    this.initializeCalls += 1;
    if (this.behaviour === 'hang') return new Promise(() => undefined);
    if (this.behaviour instanceof Error) throw this.behaviour;
    await Promise.resolve();
    if (this.behaviour === 'qr') {
      this.emit('qr', `2@${randomBytes(12).toString('base64')},pubkey,identity,secret,1`);
      return;
    }
    this.emit('authenticated');
    setImmediate(() => this.emit('ready'));
  }

  /** The phone scanned the QR code. */
  scan(): void {
    this.emit('authenticated');
    this.emit('ready');
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async sendMessage(chatId: string, content: string) {
    if (this.destroyed) throw new Error('Protocol error: Target closed');
    this.sent.push({ chatId, text: content, at: Date.now() });
    const data = raw.text(chatId, content, { fromMe: true });
    return new Message(this, data);
  }

  async getChatById(chatId: string) {
    return {
      sendStateTyping: async () => {
        this.typing.push({ chatId, at: Date.now() });
        return true;
      },
    };
  }

  /** WhatsApp Web delivers a message, as the real client does: `message_create`, then `message` unless it is ours. */
  receive(data: Record<string, unknown>, media?: MediaResult): WhatsAppMessage {
    const message = new Message(this, data);
    if (media) this.media.set(message.id._serialized, media);
    this.emit('message_create', message);
    if (!message.id.fromMe) this.emit('message', message);
    return message;
  }

  /** Texts sent to one chat since `from`. */
  textsTo(chatId: string, from = 0): string[] {
    return this.sent
      .slice(from)
      .filter((s) => s.chatId === chatId)
      .map((s) => s.text);
  }
}
