import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  CallbackQuery,
  Chat,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  Update,
  User,
} from 'node-telegram-bot-api';

/**
 * A fake Telegram Bot API server on 127.0.0.1, speaking the real wire protocol (`/bot<token>/<method>`, form or
 * JSON bodies, the `{ ok, result }` envelope) and enforcing the real limits: 4,096-character texts (after HTML
 * parsing), 1–64-byte callback data, `getUpdates` offset/timeout/conflict semantics, 403 for blocked users,
 * 429 with `parameters.retry_after` when its optional rate limits are exceeded (or when told to), HTTPS-only
 * webhooks with their secret header. The real library talks to it through `apiRoot`.
 *
 * Tests drive it from the residents' side, like a Telegram client: a `FakeUser` types, presses the buttons it
 * sees, shares a location, sends a sticker; the fake records everything the bot did.
 */

export interface FakeBotApiOptions {
  token?: string;
  botUsername?: string;
  /** Enforced sending limits (messages per second), answered with 429 like Telegram. Off when omitted. */
  rateLimit?: { global?: number; perChat?: number; chatBurst?: number };
  /** Port to listen on (default: any free one). */
  port?: number;
  /** Delay before a failed webhook delivery is retried (Telegram: tens of seconds; tests: short). */
  webhookRetryMs?: number;
  /**
   * Maps the public HTTPS webhook URL given to setWebhook to the local address that really serves it, as a
   * TLS-terminating reverse proxy would.
   */
  webhookProxy?: (publicUrl: string) => string;
}

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** HTTP status answered: 200, or the error code. */
  status: number;
  description?: string;
}

/** How the bot sent a message: the raw text (HTML source), reply_markup and parse_mode. */
export interface SentWith {
  text?: string;
  replyMarkup?: Record<string, unknown>;
  parseMode?: string;
}

interface StoredMessage {
  message: Message;
  fromBot: boolean;
  deleted?: boolean;
  /** What the bot sent with it: any reply_markup (inline, reply keyboard, removal) and parse_mode. */
  sent?: SentWith;
}

interface InjectedError {
  method: string;
  times: number;
  error_code: number;
  description: string;
  retry_after?: number;
  chatId?: number;
}

interface PendingPoll {
  resolve: (updates: Update[] | 'conflict') => void;
  offset: number;
  limit: number;
}

const MESSAGE_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendLocation',
  'sendSticker',
  'sendVoice',
  'sendAudio',
  'sendVideo',
]);
const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);
// Fields the library sends JSON-encoded inside a form body.
const JSON_FIELDS = new Set([
  'reply_markup',
  'allowed_updates',
  'commands',
  'scope',
  'entities',
  'link_preview_options',
  'reply_parameters',
]);
const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'span',
  'blockquote',
  'tg-emoji',
]);

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

/** Length in UTF-16 code units, as Telegram counts message text. */
const textLength = (s: string) => s.length;

/**
 * Parses Telegram's HTML subset the way the Bot API does, returning the visible text or throwing the Bot API's
 * "can't parse entities" error: only the supported tags, properly nested, and `&` only as an entity.
 */
export function parseTelegramHtml(html: string): string {
  const stack: string[] = [];
  let visible = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end < 0)
        throw new ApiError(400, `Bad Request: can't parse entities: Unclosed start tag at byte offset ${i}`);
      const raw = html.slice(i + 1, end);
      const closing = raw.startsWith('/');
      const name = (closing ? raw.slice(1) : raw).trim().split(/\s+/)[0]!.toLowerCase();
      if (!HTML_TAGS.has(name))
        throw new ApiError(
          400,
          `Bad Request: can't parse entities: Unsupported start tag "${name}" at byte offset ${i}`,
        );
      if (closing) {
        if (stack.pop() !== name)
          throw new ApiError(
            400,
            `Bad Request: can't parse entities: Unmatched end tag at byte offset ${i}, expected "</${stack.at(-1) ?? ''}>", found "</${name}>"`,
          );
      } else stack.push(name);
      i = end + 1;
    } else if (c === '&') {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!m)
        throw new ApiError(
          400,
          `Bad Request: can't parse entities: Character '&' is reserved at byte offset ${i}`,
        );
      const entity = m[1]!.toLowerCase();
      visible +=
        entity === 'lt'
          ? '<'
          : entity === 'gt'
            ? '>'
            : entity === 'amp'
              ? '&'
              : entity === 'quot'
                ? '"'
                : String.fromCodePoint(
                    entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10),
                  );
      i += m[0].length;
    } else if (c === '>') {
      throw new ApiError(
        400,
        `Bad Request: can't parse entities: Character '>' is reserved at byte offset ${i}`,
      );
    } else {
      visible += c;
      i++;
    }
  }
  if (stack.length > 0)
    throw new ApiError(
      400,
      `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${stack.at(-1)}"`,
    );
  return visible;
}

/** A server-side token bucket: Telegram's flood control, approximately. */
class Bucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }
  /** Takes a token, or returns the whole seconds to wait (at least 1, as Telegram answers). */
  take(): number {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.rate));
  }
}

export class FakeBotApi {
  readonly token: string;
  readonly bot: User;
  /** Called with every message the bot sends (benchmarks time replies with it). */
  readonly botMessageListeners = new Set<(message: Message) => void>();
  /** Every API call the bot made, in order. */
  readonly calls: ApiCall[] = [];
  /** Updates not yet confirmed by getUpdates (or not yet accepted by the webhook). */
  private pending: Update[] = [];
  /** Every update ever created, for rewinding (a bot that crashed before confirming). */
  private readonly history: Update[] = [];
  private nextUpdateId = 700_000_000;
  private readonly chats = new Map<
    number,
    { chat: Chat; nextMessageId: number; messages: StoredMessage[] }
  >();
  private readonly blocked = new Set<number>();
  private readonly callbackQueries = new Map<string, { answered: boolean; at: number }>();
  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  private readonly injected: InjectedError[] = [];
  private readonly held = new Map<string, Array<() => void>>();
  private poll: PendingPoll | undefined;
  private waiters: Array<() => void> = [];
  private allowedUpdates: string[] | undefined;
  webhook: { url: string; secret?: string; maxConnections: number } | undefined;
  commands: Array<{ command: string; description: string }> | undefined;
  private readonly globalBucket: Bucket | undefined;
  private readonly chatBuckets = new Map<number, Bucket>();
  private webhookInFlight = new Set<number>();
  private webhookTimer: NodeJS.Timeout | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  private closed = false;
  private fileCounter = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeBotApiOptions,
  ) {
    // A new bot per fake by default: update ids, and Kozé's cursor of them, belong to one bot.
    this.token =
      options.token ??
      `${100_000_000 + Math.floor(Math.random() * 899_999_999)}:AAFakeTokenForKozeTests_abcdefghijk`;
    this.bot = {
      id: Number(this.token.split(':')[0]),
      is_bot: true,
      first_name: 'Kozé',
      username: options.botUsername ?? 'koze_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
    if (options.rateLimit?.global)
      this.globalBucket = new Bucket(options.rateLimit.global, options.rateLimit.global);
  }

  static async start(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const server = createServer();
    const fake = new FakeBotApi(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    return fake;
  }

  /** What to give the library as `apiRoot`. */
  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.webhookTimer);
    this.poll?.resolve([]);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- the residents' side

  /** A Telegram user talking to the bot in a private chat. */
  user(id: number, profile: { firstName?: string; languageCode?: string; username?: string } = {}): FakeUser {
    const user: User = {
      id,
      is_bot: false,
      first_name: profile.firstName ?? `Habitant${id}`,
      ...(profile.username ? { username: profile.username } : {}),
      ...(profile.languageCode !== undefined
        ? { language_code: profile.languageCode }
        : { language_code: 'fr' }),
    };
    const chat: Chat = { id, type: 'private', first_name: user.first_name };
    this.chatState(chat);
    return new FakeUser(this, user, chat);
  }

  /** A group chat the bot is in. */
  group(id: number, title = 'Quartier Rivière-du-Mât'): FakeGroup {
    const chat: Chat = { id, type: 'group', title };
    this.chatState(chat);
    return new FakeGroup(this, chat);
  }

  /** Creates a message from a user (or the bot) in a chat, stored like Telegram does. */
  createMessage(chat: Chat, from: User, content: Partial<Message>): Message {
    const state = this.chatState(chat);
    const message = {
      message_id: state.nextMessageId++,
      from,
      chat,
      date: Math.floor(Date.now() / 1000),
      ...content,
    } as Message;
    state.messages.push({ message, fromBot: from.id === this.bot.id });
    if (from.id === this.bot.id) for (const listener of this.botMessageListeners) listener(message);
    return message;
  }

  /** Queues an update for the bot (delivered by getUpdates or the webhook). */
  pushUpdate(payload: Record<string, unknown>): Update {
    const kind = Object.keys(payload)[0]!;
    const update = { update_id: this.nextUpdateId++, ...payload } as Update;
    this.history.push(update);
    if (this.allowedUpdates && this.allowedUpdates.length > 0 && !this.allowedUpdates.includes(kind))
      return update;
    this.pending.push(update);
    this.wake();
    return update;
  }

  /**
   * Makes every update from `updateId` on pending again, as Telegram does when the bot never confirmed them
   * (it crashed, or its confirmation was lost): they are delivered a second time, with the same update_id.
   */
  rewind(updateId: number): void {
    const again = this.history.filter((u) => u.update_id >= updateId);
    const ids = new Set(this.pending.map((u) => u.update_id));
    this.pending = [...again.filter((u) => !ids.has(u.update_id)), ...this.pending].sort(
      (a, b) => a.update_id - b.update_id,
    );
    this.wake();
  }

  /** Updates delivered but not yet confirmed. */
  get pendingUpdates(): readonly Update[] {
    return this.pending;
  }

  registerFile(
    bytes: Buffer,
    folder: string,
    extension: string,
  ): { file_id: string; file_unique_id: string; file_size: number } {
    const n = ++this.fileCounter;
    const fileId = `AgAC${n.toString(36).padStart(6, '0')}FAKEFILE${n}`;
    this.files.set(fileId, { path: `${folder}/file_${n}.${extension}`, bytes });
    return { file_id: fileId, file_unique_id: `AQAD${n}`, file_size: bytes.length };
  }

  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblock(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /**
   * The next `times` calls of `method` fail with this error (optionally only for one chat); error_code 0
   * drops the connection without an answer, as a network failure would.
   */
  failNext(
    method: string,
    error: { error_code: number; description: string; retry_after?: number; chatId?: number },
    times = 1,
  ): void {
    this.injected.push({ method, times, ...error });
  }

  /** Calls of `method` hang (the request stays open) until `release(method)`: a slow or stuck Telegram. */
  hold(method: string): void {
    if (!this.held.has(method)) this.held.set(method, []);
  }

  release(method: string): void {
    const waiting = this.held.get(method) ?? [];
    this.held.delete(method);
    for (const go of waiting) go();
  }

  /** Requests currently held, their client still connected. */
  heldCount(method: string): number {
    return this.held.get(method)?.length ?? 0;
  }

  /** Messages the bot sent to a chat, oldest first (edits applied, deleted ones left out). */
  botMessages(chatId: number): Message[] {
    return (this.chats.get(chatId)?.messages ?? [])
      .filter((m) => m.fromBot && !m.deleted)
      .map((m) => m.message);
  }

  message(chatId: number, messageId: number): Message | undefined {
    return this.chats.get(chatId)?.messages.find((m) => m.message.message_id === messageId)?.message;
  }

  /** The reply_markup and parse_mode the bot sent a message with. */
  sentWith(chatId: number, messageId: number): SentWith {
    return this.chats.get(chatId)?.messages.find((m) => m.message.message_id === messageId)?.sent ?? {};
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves when `predicate` holds, checking after every API call (fails after `timeoutMs`). */
  async waitFor<T>(
    predicate: () => T | undefined | false,
    timeoutMs = 10_000,
    what = 'condition',
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`FakeBotApi: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Callback query ids the bot has answered. */
  answered(callbackQueryId: string): boolean {
    return this.callbackQueries.get(callbackQueryId)?.answered ?? false;
  }

  registerCallbackQuery(id: string): void {
    this.callbackQueries.set(id, { answered: false, at: Date.now() });
  }

  // ---------------------------------------------------------------- HTTP

  private chatState(chat: Chat) {
    let state = this.chats.get(chat.id);
    if (!state) {
      state = { chat, nextMessageId: 1, messages: [] };
      this.chats.set(chat.id, state);
    }
    return state;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
    this.servePoll();
    this.scheduleWebhook(0);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.serveFile(file[1]!, decodeURIComponent(file[2]!), res);
    const match = /^\/bot([^/]*)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    let params: Record<string, unknown>;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
      for (const key of JSON_FIELDS)
        if (typeof params[key] === 'string') params[key] = JSON.parse(params[key] as string);
    } catch {
      return this.reply(res, 400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: invalid request body',
      });
    }
    const call: ApiCall = { method, params, at: Date.now(), status: 200 };
    this.calls.push(call);
    try {
      if (token !== this.token) throw new ApiError(401, 'Unauthorized');
      const held = this.held.get(method);
      if (held) {
        await new Promise<void>((resolve) => {
          held.push(resolve);
          // A client that goes away (a killed Kozé) no longer counts as held.
          res.once('close', () => {
            const index = held.indexOf(resolve);
            if (index >= 0) held.splice(index, 1);
            this.wakeWaiters();
          });
          this.wakeWaiters();
        });
        if (res.destroyed) return;
      }
      if (this.checkInjected(method, params) === 'drop') {
        // A network failure: the connection dies without an answer.
        call.status = 0;
        res.destroy();
        return;
      }
      const result = await this.dispatch(method, params, res);
      this.reply(res, 200, { ok: true, result });
    } catch (error) {
      if (error instanceof ApiError) {
        call.status = error.code;
        call.description = error.description;
        this.reply(res, error.code, {
          ok: false,
          error_code: error.code,
          description: error.description,
          ...(error.parameters ? { parameters: error.parameters } : {}),
        });
      } else {
        call.status = 500;
        this.reply(res, 500, {
          ok: false,
          error_code: 500,
          description: `Internal Server Error: ${String(error)}`,
        });
      }
    } finally {
      this.wakeWaiters();
    }
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private serveFile(token: string, filePath: string, res: ServerResponse): void {
    const entry =
      token === this.token ? [...this.files.values()].find((f) => f.path === filePath) : undefined;
    if (!entry) {
      res.writeHead(404).end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(entry.bytes);
  }

  private checkInjected(method: string, params: Record<string, unknown>): 'drop' | undefined {
    const index = this.injected.findIndex(
      (e) => e.method === method && (e.chatId === undefined || Number(params.chat_id) === e.chatId),
    );
    if (index < 0) return undefined;
    const error = this.injected[index]!;
    if (--error.times <= 0) this.injected.splice(index, 1);
    if (error.error_code === 0) return 'drop';
    throw new ApiError(
      error.error_code,
      error.description,
      error.retry_after !== undefined ? { retry_after: error.retry_after } : undefined,
    );
  }

  private rateLimit(chatId: number): void {
    const limits = this.options.rateLimit;
    if (!limits) return;
    const wait = this.globalBucket?.take() ?? 0;
    if (wait > 0) throw new ApiError(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
    if (limits.perChat) {
      let bucket = this.chatBuckets.get(chatId);
      if (!bucket) {
        bucket = new Bucket(limits.perChat, limits.chatBurst ?? 1);
        this.chatBuckets.set(chatId, bucket);
      }
      const chatWait = bucket.take();
      if (chatWait > 0)
        throw new ApiError(429, `Too Many Requests: retry after ${chatWait}`, { retry_after: chatWait });
    }
  }

  private targetChat(params: Record<string, unknown>) {
    const chatId = Number(params.chat_id);
    if (params.chat_id === undefined || Number.isNaN(chatId))
      throw new ApiError(400, 'Bad Request: chat_id is empty');
    const state = this.chats.get(chatId);
    if (!state) throw new ApiError(400, 'Bad Request: chat not found');
    if (this.blocked.has(chatId)) {
      throw new ApiError(
        403,
        state.chat.type === 'private'
          ? 'Forbidden: bot was blocked by the user'
          : 'Forbidden: bot was kicked from the group chat',
      );
    }
    return state;
  }

  private validateMarkup(markup: unknown): void {
    if (markup === undefined) return;
    if (typeof markup !== 'object' || markup === null)
      throw new ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object");
    const m = markup as Record<string, unknown>;
    if ('inline_keyboard' in m) {
      if (!Array.isArray(m.inline_keyboard) || !m.inline_keyboard.every(Array.isArray))
        throw new ApiError(
          400,
          'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
        );
      for (const button of (m.inline_keyboard as InlineKeyboardButton[][]).flat()) {
        if (!button.text)
          throw new ApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
        const actions = [
          'callback_data',
          'url',
          'web_app',
          'login_url',
          'switch_inline_query',
          'copy_text',
          'pay',
        ];
        if (!actions.some((a) => a in button))
          throw new ApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
        if ('callback_data' in button) {
          const bytes = Buffer.byteLength(String(button.callback_data), 'utf8');
          if (bytes < 1 || bytes > 64) throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
        }
      }
    } else if ('keyboard' in m) {
      if (!Array.isArray(m.keyboard) || !m.keyboard.every(Array.isArray))
        throw new ApiError(
          400,
          'Bad Request: field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays',
        );
      for (const button of (m.keyboard as Array<Array<{ text?: string } | string>>).flat()) {
        const text = typeof button === 'string' ? button : button.text;
        if (!text) throw new ApiError(400, 'Bad Request: keyboard button text is empty');
      }
    } else if (!('remove_keyboard' in m) && !('force_reply' in m)) {
      throw new ApiError(400, 'Bad Request: unsupported reply markup');
    }
  }

  private visibleText(text: unknown, parseMode: unknown): string {
    if (typeof text !== 'string' || text.length === 0)
      throw new ApiError(400, 'Bad Request: message text is empty');
    const visible = parseMode === 'HTML' ? parseTelegramHtml(text) : text;
    if (visible.trim().length === 0) throw new ApiError(400, 'Bad Request: message text is empty');
    if (textLength(visible) > 4096) throw new ApiError(400, 'Bad Request: message is too long');
    return visible;
  }

  private async dispatch(
    method: string,
    params: Record<string, unknown>,
    res: ServerResponse,
  ): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return this.bot;
      case 'getUpdates':
        return this.getUpdates(params, res);
      case 'setWebhook':
        return this.setWebhook(params);
      case 'deleteWebhook':
        this.webhook = undefined;
        if (params.drop_pending_updates === 'true' || params.drop_pending_updates === true) this.pending = [];
        return true;
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.pending.length,
        };
      case 'setMyCommands': {
        const commands = params.commands as Array<{ command: string; description: string }>;
        if (!Array.isArray(commands) || commands.length > 100)
          throw new ApiError(400, 'Bad Request: commands are invalid');
        for (const c of commands) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command))
            throw new ApiError(400, 'Bad Request: BOT_COMMAND_INVALID');
          if (!c.description || c.description.length > 256)
            throw new ApiError(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
        }
        this.commands = commands;
        return true;
      }
      case 'sendMessage': {
        const state = this.targetChat(params);
        const visible = this.visibleText(params.text, params.parse_mode);
        this.validateMarkup(params.reply_markup);
        this.rateLimit(state.chat.id);
        const markup = params.reply_markup as Record<string, unknown> | undefined;
        // Like Telegram, the message holds the visible text (formatting would come back as entities).
        const message = this.createMessage(state.chat, this.bot, {
          text: visible,
          ...(markup && 'inline_keyboard' in markup ? { reply_markup: markup as InlineKeyboardMarkup } : {}),
        });
        state.messages.at(-1)!.sent = {
          text: params.text as string,
          ...(markup ? { replyMarkup: markup } : {}),
          ...(typeof params.parse_mode === 'string' ? { parseMode: params.parse_mode } : {}),
        };
        return message;
      }
      case 'sendChatAction': {
        this.targetChat(params);
        if (!CHAT_ACTIONS.has(String(params.action)))
          throw new ApiError(400, 'Bad Request: wrong parameter action in request');
        return true;
      }
      case 'answerCallbackQuery': {
        const query = this.callbackQueries.get(String(params.callback_query_id));
        if (!query || query.answered || Date.now() - query.at > 15 * 60_000)
          throw new ApiError(
            400,
            'Bad Request: query is too old and response timeout expired or query ID is invalid',
          );
        if (typeof params.text === 'string' && params.text.length > 200)
          throw new ApiError(400, 'Bad Request: MESSAGE_TOO_LONG');
        query.answered = true;
        return true;
      }
      case 'editMessageReplyMarkup': {
        const state = this.targetChat(params);
        const stored = state.messages.find(
          (m) => m.message.message_id === Number(params.message_id) && !m.deleted,
        );
        if (!stored) throw new ApiError(400, 'Bad Request: message to edit not found');
        if (!stored.fromBot) throw new ApiError(400, "Bad Request: message can't be edited");
        const markup = params.reply_markup as InlineKeyboardMarkup | undefined;
        this.validateMarkup(markup);
        const next = markup && markup.inline_keyboard.length > 0 ? markup : undefined;
        if (JSON.stringify(next) === JSON.stringify(stored.message.reply_markup))
          throw new ApiError(
            400,
            'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
          );
        stored.message = { ...stored.message, reply_markup: next } as Message;
        if (!next) delete (stored.message as { reply_markup?: unknown }).reply_markup;
        return stored.message;
      }
      case 'editMessageText': {
        const state = this.targetChat(params);
        const stored = state.messages.find(
          (m) => m.message.message_id === Number(params.message_id) && !m.deleted,
        );
        if (!stored) throw new ApiError(400, 'Bad Request: message to edit not found');
        if (!stored.fromBot) throw new ApiError(400, "Bad Request: message can't be edited");
        const visible = this.visibleText(params.text, params.parse_mode);
        if (stored.message.text === visible) throw new ApiError(400, 'Bad Request: message is not modified');
        stored.message = { ...stored.message, text: visible, edit_date: Math.floor(Date.now() / 1000) };
        return stored.message;
      }
      case 'deleteMessage': {
        const state = this.targetChat(params);
        const stored = state.messages.find(
          (m) => m.message.message_id === Number(params.message_id) && !m.deleted,
        );
        if (!stored) throw new ApiError(400, 'Bad Request: message to delete not found');
        stored.deleted = true;
        return true;
      }
      case 'getFile': {
        const entry = this.files.get(String(params.file_id));
        if (!entry) throw new ApiError(400, 'Bad Request: invalid file_id');
        if (entry.bytes.length > 20 * 1024 * 1024) throw new ApiError(400, 'Bad Request: file is too big');
        return {
          file_id: params.file_id,
          file_unique_id: `AQAD${params.file_id}`,
          file_size: entry.bytes.length,
          file_path: entry.path,
        };
      }
      default:
        if (MESSAGE_METHODS.has(method)) {
          this.targetChat(params);
          throw new ApiError(400, `Bad Request: ${method} is not implemented by the fake`);
        }
        throw new ApiError(404, 'Not Found');
    }
  }

  // ---------------------------------------------------------------- getUpdates

  private getUpdates(params: Record<string, unknown>, res: ServerResponse): Promise<Update[]> {
    if (this.webhook)
      throw new ApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    const limit = Math.min(100, Math.max(1, params.limit === undefined ? 100 : Number(params.limit)));
    const timeout = params.timeout === undefined ? 0 : Number(params.timeout);
    if (params.allowed_updates !== undefined) this.allowedUpdates = params.allowed_updates as string[];
    // Confirmation: an offset higher than an update's id forgets it for good.
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
    // A newer getUpdates terminates the one still waiting (two bots polling with one token).
    if (this.poll) {
      this.poll.resolve('conflict');
      this.poll = undefined;
    }
    const ready = this.pending.slice(0, limit);
    if (ready.length > 0 || timeout <= 0 || this.closed) return Promise.resolve(ready);
    return new Promise<Update[]>((resolve, reject) => {
      const timer = setTimeout(() => finish([]), timeout * 1000);
      const poll: PendingPoll = { resolve: (r) => finish(r), offset, limit };
      const finish = (result: Update[] | 'conflict') => {
        clearTimeout(timer);
        res.off('close', onClose);
        if (this.poll === poll) this.poll = undefined;
        if (result === 'conflict')
          reject(
            new ApiError(
              409,
              'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
            ),
          );
        else resolve(result);
      };
      // The bot gave up waiting (aborted, or stopped): nothing was delivered, nothing is confirmed.
      const onClose = () => finish([]);
      res.once('close', onClose);
      this.poll = poll;
    });
  }

  private servePoll(): void {
    if (!this.poll || this.pending.length === 0) return;
    const poll = this.poll;
    this.poll = undefined;
    poll.resolve(this.pending.slice(0, poll.limit));
  }

  // ---------------------------------------------------------------- webhooks

  private setWebhook(params: Record<string, unknown>): boolean {
    const url = String(params.url ?? '');
    if (url === '') {
      this.webhook = undefined;
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ApiError(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
    }
    if (parsed.protocol !== 'https:')
      throw new ApiError(400, 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    if (parsed.port && !['80', '88', '443', '8443'].includes(parsed.port))
      throw new ApiError(
        400,
        'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443',
      );
    const secret = params.secret_token === undefined ? undefined : String(params.secret_token);
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
      throw new ApiError(400, 'Bad Request: bad webhook: secret token contains unallowed characters');
    if (params.allowed_updates !== undefined) this.allowedUpdates = params.allowed_updates as string[];
    if (params.drop_pending_updates === 'true' || params.drop_pending_updates === true) this.pending = [];
    this.webhook = { url, secret, maxConnections: Number(params.max_connections ?? 40) };
    if (this.poll) {
      this.poll.resolve('conflict');
      this.poll = undefined;
    }
    this.scheduleWebhook(0);
    return true;
  }

  private scheduleWebhook(delayMs: number): void {
    if (!this.webhook || this.closed) return;
    clearTimeout(this.webhookTimer);
    this.webhookTimer = setTimeout(() => this.deliverWebhooks(), delayMs);
  }

  /** Delivers pending updates by POST, like Telegram: a non-2xx answer means "deliver again later". */
  private deliverWebhooks(): void {
    const hook = this.webhook;
    if (!hook || this.closed) return;
    const target = this.options.webhookProxy ? this.options.webhookProxy(hook.url) : hook.url;
    for (const update of this.pending) {
      if (this.webhookInFlight.size >= hook.maxConnections) break;
      if (this.webhookInFlight.has(update.update_id)) continue;
      this.webhookInFlight.add(update.update_id);
      fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(hook.secret ? { 'X-Telegram-Bot-Api-Secret-Token': hook.secret } : {}),
        },
        body: JSON.stringify(update),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.ok;
        })
        .catch(() => false)
        .then((ok) => {
          this.webhookInFlight.delete(update.update_id);
          if (ok) this.pending = this.pending.filter((u) => u.update_id !== update.update_id);
          this.webhookDeliveries.push({ updateId: update.update_id, ok });
          const waiters = this.waiters;
          this.waiters = [];
          for (const w of waiters) w();
          this.scheduleWebhook(ok ? 0 : (this.options.webhookRetryMs ?? 200));
        });
    }
  }

  /** Every webhook delivery attempt and whether Kozé accepted it. */
  readonly webhookDeliveries: Array<{ updateId: number; ok: boolean }> = [];
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (raw === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  throw new Error(`unsupported content type ${type}`);
}

/** A resident in a private chat with the bot, acting as their Telegram app would. */
export class FakeUser {
  constructor(
    readonly api: FakeBotApi,
    readonly user: User,
    readonly chat: Chat,
  ) {}

  get id(): number {
    return this.user.id;
  }

  private send(content: Partial<Message>): { update: Update; message: Message } {
    // The app offers "Restart" instead of the input field to someone who blocked the bot: writing unblocks.
    this.api.unblock(this.id);
    const message = this.api.createMessage(this.chat, this.user, content);
    return { update: this.api.pushUpdate({ message }), message };
  }

  /** Types and sends a text (entities are added for a leading /command, as the app does). */
  say(text: string) {
    const command = /^\/\w+/.exec(text);
    return this.send({
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    });
  }

  /** Opens the bot through a t.me deep link: the app sends `/start <payload>`. */
  openDeepLink(payload: string) {
    return this.say(`/start ${payload}`);
  }

  shareLocation(latitude: number, longitude: number) {
    return this.send({ location: { latitude, longitude } });
  }

  sendPhoto(caption?: string) {
    const small = this.api.registerFile(Buffer.alloc(800, 1), 'photos', 'jpg');
    const large = this.api.registerFile(Buffer.alloc(24_000, 2), 'photos', 'jpg');
    return this.send({
      photo: [
        { ...small, width: 90, height: 67 },
        { ...large, width: 1280, height: 960 },
      ],
      ...(caption ? { caption } : {}),
    });
  }

  sendSticker(emoji = '👍') {
    const file = this.api.registerFile(Buffer.alloc(3_000, 3), 'stickers', 'webp');
    return this.send({
      sticker: {
        ...file,
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji,
      },
    });
  }

  sendVoice(duration = 4) {
    const file = this.api.registerFile(Buffer.alloc(6_000, 4), 'voice', 'oga');
    return this.send({ voice: { ...file, duration, mime_type: 'audio/ogg' } });
  }

  sendDocument(fileName = 'plan.pdf', mimeType = 'application/pdf') {
    const file = this.api.registerFile(Buffer.alloc(10_000, 5), 'documents', 'pdf');
    return this.send({ document: { ...file, file_name: fileName, mime_type: mimeType } });
  }

  /** Messages the bot sent in this chat. */
  get received(): Message[] {
    return this.api.botMessages(this.chat.id);
  }

  /** Texts the bot sent in this chat. */
  get texts(): string[] {
    return this.received.map((m) => m.text ?? '');
  }

  /** Waits until the bot has sent `count` messages in this chat in total. */
  async waitForMessages(count: number, timeoutMs = 10_000): Promise<Message[]> {
    return this.api.waitFor(
      () => (this.received.length >= count ? this.received : undefined),
      timeoutMs,
      `${count} messages to ${this.id} (got ${this.received.length}: ${JSON.stringify(this.texts)})`,
    );
  }

  /** Waits for a bot message (after the first `after` ones) whose text matches. */
  async waitForText(pattern: RegExp, after = 0, timeoutMs = 10_000): Promise<Message> {
    return this.api.waitFor(
      () => this.received.slice(after).find((m) => pattern.test(m.text ?? '')),
      timeoutMs,
      `a message matching ${pattern} to ${this.id} (got ${JSON.stringify(this.texts.slice(after))})`,
    );
  }

  /** The inline buttons currently shown in the chat (on any message). */
  get buttons(): Array<{ message: Message; button: InlineKeyboardButton }> {
    return this.received.flatMap((message) =>
      (message.reply_markup?.inline_keyboard ?? []).flat().map((button) => ({ message, button })),
    );
  }

  /** Presses the latest visible inline button whose label matches, as a thumb would. */
  press(label: string | RegExp) {
    const matches = this.buttons.filter(({ button }) =>
      typeof label === 'string' ? button.text === label : label.test(button.text),
    );
    const found = matches.at(-1);
    if (!found)
      throw new Error(
        `No visible button ${String(label)} in chat ${this.id}; buttons: ${JSON.stringify(this.buttons.map((b) => b.button.text))}`,
      );
    return this.pressData(found.message, found.button.callback_data!);
  }

  /** Presses a button with this callback data on this message (even a stale one). */
  pressData(message: Message, data: string) {
    const callbackQuery: CallbackQuery = {
      id: `${this.id}${Math.floor(Math.random() * 1e12)}`,
      from: this.user,
      message,
      chat_instance: `ci${this.id}`,
      data,
    };
    this.api.registerCallbackQuery(callbackQuery.id);
    return { update: this.api.pushUpdate({ callback_query: callbackQuery }), callbackQuery };
  }

  /** The keyboard markup of the latest bot message (inline or reply keyboard, or its removal). */
  lastMarkup(): Record<string, unknown> | undefined {
    const last = this.received.at(-1);
    return last ? this.api.sentWith(this.id, last.message_id).replyMarkup : undefined;
  }

  block(): void {
    this.api.block(this.id);
  }

  unblock(): void {
    this.api.unblock(this.id);
  }
}

/** A group chat with the bot in it. */
export class FakeGroup {
  constructor(
    readonly api: FakeBotApi,
    readonly chat: Chat,
  ) {}

  say(from: User, text: string) {
    const message = this.api.createMessage(this.chat, from, { text });
    return this.api.pushUpdate({ message });
  }

  /** Someone adds the bot to the group. */
  addBot(by: User) {
    return this.api.pushUpdate({
      my_chat_member: {
        chat: this.chat,
        from: by,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: 'left', user: this.api.bot },
        new_chat_member: { status: 'member', user: this.api.bot },
      },
    });
  }

  get received(): Message[] {
    return this.api.botMessages(this.chat.id);
  }
}
