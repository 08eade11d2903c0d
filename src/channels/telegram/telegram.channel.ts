import type { FastifyPluginAsync } from 'fastify';
import {
  Bot,
  safeEqual,
  TelegramApiError,
  webhookCallback,
  type Update,
  type User,
} from 'node-telegram-bot-api';
import type { BotRuntime } from '../../bot/build-bot.ts';
import type { TelegramConfig } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { Db } from '../../storage/database.ts';
import { CallbackValues } from './callback-data.ts';
import { FILE_REF_PREFIX } from './inbound.ts';
import { OutboundSender } from './outbound-sender.ts';
import { TelegramAdapter } from './telegram.adapter.ts';
import { COMMANDS } from './telegram-messages.ts';
import { UpdatePoller } from './update-poller.ts';
import { sleep } from '../../sleep.ts';

/** Where Telegram posts updates in webhook mode, under TELEGRAM_WEBHOOK_URL. */
export const WEBHOOK_PATH = '/telegram/webhook';
/** The updates Kozé asks Telegram for: messages, button presses, and being blocked or added to a group. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'];

export interface TelegramChannelOptions {
  token: string;
  config: TelegramConfig;
  db: Db;
  bot: BotRuntime;
  logger: Logger;
  /** Called whenever the state reported by /health changes. */
  onState?: (state: string) => void;
  /** Long-polling wait in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** How long the first getMe may take before Kozé goes on and keeps trying in the background. */
  startTimeoutMs?: number;
  /** Delays of the retries (start, polling, sending); tests make them short. */
  retryDelayMs?: number;
  maxBackoffMs?: number;
  typingIntervalMs?: number;
}

/** The file behind a `telegram-file:` reference, downloaded on demand. */
export interface DownloadedFile {
  bytes: Buffer;
  path: string;
}

/**
 * The Telegram channel, from start to stop: checks the token (getMe), registers the command menu, then
 * receives updates by long polling or by webhook (a Fastify route on Kozé's HTTP server), hands them to the
 * adapter, and sends through a paced outbound queue. A refused token or an unreachable Telegram never stops
 * Kozé: /health says what is wrong, and the other channels keep working.
 */
export class TelegramChannel {
  readonly adapter: TelegramAdapter;
  readonly sender: OutboundSender;
  /** The library's bot: its middleware dispatches every update (polled or posted) to the adapter. */
  readonly client: Bot;
  private poller: UpdatePoller | undefined;
  private readonly stopping = new AbortController();
  private starting: Promise<void> | undefined;
  private accepting = false;
  private current = 'starting';
  private readonly handleWebhook: ((request: Request) => Promise<Response>) | undefined;

  constructor(private readonly options: TelegramChannelOptions) {
    const { token, config, db, bot, logger } = options;
    // The library's own retries are off: the sender and the poller decide (429, 403, backoff).
    this.client = new Bot(token, { apiRoot: config.apiRoot, maxRetries: 0, timeoutMs: 30_000 });
    this.sender = new OutboundSender({
      api: this.client.api,
      logger,
      maxPerSecond: config.maxPerSecond,
      maxPerChatPerSecond: config.maxPerChatPerSecond,
      chatBurst: config.chatBurst,
      backoffMs: options.retryDelayMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      onBlocked: (chatId) => this.adapter.markUnreachable(chatId),
    });
    this.adapter = bot.attach(
      new TelegramAdapter({
        db,
        api: this.client.api,
        sender: this.sender,
        callbackValues: new CallbackValues(db),
        logger,
        typingIntervalMs: options.typingIntervalMs,
      }),
    );
    this.client.use((ctx) => this.adapter.handleUpdate(ctx.update, bot.logic));
    // Fail loud: a webhook delivery that could not be processed answers 500, so Telegram delivers it again.
    this.client.catch((error) => {
      throw error;
    });
    if (config.mode === 'webhook' && config.webhookSecret)
      this.handleWebhook = webhookCallback(this.client, { secretToken: config.webhookSecret });
  }

  /** What /health reports: "polling", "webhook", "error: …" (and "starting" while getMe is on its way). */
  get state(): string {
    return this.current;
  }

  get mode(): 'polling' | 'webhook' {
    return this.options.config.mode;
  }

  /**
   * Starts the channel. Resolves once Telegram answered (or refused) — within `startTimeoutMs` at most:
   * when Telegram cannot be reached, Kozé goes on and the channel keeps trying in the background.
   */
  async start(): Promise<void> {
    this.starting ??= this.connect();
    const timeout = this.options.startTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.starting,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout))),
    ]);
    clearTimeout(timer);
  }

  /** Stops receiving, finishes the updates in flight, and sends what is still queued. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.accepting = false;
    await this.starting?.catch(() => undefined);
    await this.poller?.stop();
    await this.adapter.idle();
    await this.sender.drain();
  }

  /** Downloads a file a resident sent (`telegram-file:<file_id>`): Telegram keeps it, Kozé fetches on demand. */
  async download(ref: string): Promise<DownloadedFile> {
    const fileId = ref.startsWith(FILE_REF_PREFIX) ? ref.slice(FILE_REF_PREFIX.length) : ref;
    const file = await this.client.api.getFile({ file_id: fileId });
    if (!file.file_path) throw new Error(`Telegram gave no path for file ${fileId}`);
    const root = (this.options.config.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
    const response = await fetch(`${root}/file/bot${this.options.token}/${file.file_path}`);
    if (!response.ok) throw new Error(`Downloading Telegram file ${fileId} failed: HTTP ${response.status}`);
    return { bytes: Buffer.from(await response.arrayBuffer()), path: file.file_path };
  }

  /** The webhook route, for Kozé's HTTP server (registered in both modes; it answers only in webhook mode). */
  readonly routes: FastifyPluginAsync = async (app) => {
    const secret = this.options.config.webhookSecret;
    app.post(
      WEBHOOK_PATH,
      {
        // Refuse strangers before reading their body.
        onRequest: async (request, reply) => {
          if (this.mode !== 'webhook' || !secret) return reply.code(404).send({ error: 'Not Found' });
          const given = request.headers['x-telegram-bot-api-secret-token'];
          if (typeof given !== 'string' || !safeEqual(given, secret))
            return reply.code(401).send({ error: 'Unauthorized' });
        },
      },
      async (request, reply) => {
        // Not ready (starting, stopping, token refused): Telegram will deliver it again later.
        if (!this.accepting || !this.handleWebhook) return reply.code(503).send({ error: 'Unavailable' });
        const response = await this.handleWebhook(
          new Request(`http://koze${WEBHOOK_PATH}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-telegram-bot-api-secret-token': String(request.headers['x-telegram-bot-api-secret-token']),
            },
            body: JSON.stringify(request.body),
          }),
        );
        return reply
          .code(response.status)
          .send(response.status === 200 ? { ok: true } : { error: await response.text() });
      },
    );
  };

  private setState(state: string): void {
    if (state === this.current) return;
    this.current = state;
    this.options.onState?.(state);
  }

  /** getMe until Telegram answers (backing off while it cannot be reached), then the mode's set-up. */
  private async connect(): Promise<void> {
    const { logger } = this.options;
    const signal = this.stopping.signal;
    let delay = this.options.retryDelayMs ?? 5_000;
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        const me = await this.client.api.getMe(AbortSignal.any([signal, AbortSignal.timeout(15_000)]));
        await this.setUp(me);
        return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof TelegramApiError && error.errorCode < 500 && error.errorCode !== 429) {
          this.refused(error);
          return;
        }
        const problem = `cannot reach Telegram at ${this.options.config.apiRoot ?? 'https://api.telegram.org'} (${(error as Error).message})`;
        this.setState(`error: ${problem}`);
        if (attempt === 1)
          logger.warn(`Telegram: ${problem}; Kozé goes on and keeps trying in the background`);
        await sleep(delay, signal);
        delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 60_000);
      }
    }
  }

  private refused(error: TelegramApiError): void {
    const what =
      error.errorCode === 401 || error.errorCode === 404
        ? `TELEGRAM_BOT_TOKEN was refused by Telegram (${error.errorCode} ${error.description}); copy the token @BotFather gave you`
        : `Telegram refused to start the channel (${error.errorCode} ${error.description})`;
    this.options.logger.error(`Telegram is off: ${what}. Kozé goes on without Telegram.`);
    this.setState(`error: ${what}`);
  }

  private async setUp(me: User): Promise<void> {
    const { config, logger } = this.options;
    this.adapter.me = me;
    try {
      await this.client.api.setMyCommands({ commands: COMMANDS });
    } catch (error) {
      logger.warn({ err: error }, 'Telegram: the command menu could not be registered');
    }
    if (config.mode === 'webhook') {
      const url = `${config.webhookUrl}${WEBHOOK_PATH}`;
      try {
        await this.client.api.setWebhook({
          url,
          secret_token: config.webhookSecret,
          allowed_updates: ALLOWED_UPDATES,
          max_connections: 40,
        });
      } catch (error) {
        if (error instanceof TelegramApiError) return this.refused(error);
        throw error;
      }
      this.accepting = true;
      this.setState('webhook');
      logger.info(`Telegram: @${me.username} receives updates at ${url}`);
      return;
    }
    // A webhook left over from an earlier set-up would make getUpdates fail (409).
    await this.client.api.deleteWebhook({ drop_pending_updates: false });
    this.poller = new UpdatePoller({
      api: this.client.api,
      db: this.options.db,
      botId: me.id,
      handle: (update: Update) => this.client.handleUpdate(update),
      logger,
      allowedUpdates: ALLOWED_UPDATES,
      timeoutSeconds: this.options.pollTimeoutSeconds ?? 30,
      retryDelayMs: this.options.retryDelayMs ?? 1_000,
      maxBackoffMs: this.options.maxBackoffMs ?? 60_000,
      onFatal: (error) => this.refused(error),
      onConnectivity: (problem) => this.setState(problem ? `error: ${problem}` : 'polling'),
    });
    if (this.stopping.signal.aborted) return;
    await this.poller.start();
    this.accepting = true;
    this.setState('polling');
    logger.info(`Telegram: @${me.username} is polling for updates`);
  }
}
