import type { FastifyInstance } from 'fastify';
import { buildBot, loadAnalyzer, settingsFrom, type BotRuntime } from './bot/build-bot.ts';
import { LocalChatAdapter } from './channels/local/local-chat.adapter.ts';
import type { TelegramChannel } from './channels/telegram/telegram.channel.ts';
import type { WhatsAppChannel } from './channels/whatsapp/whatsapp-channel.ts';
import type { Config } from './config.ts';
import { buildHttpServer } from './http/server.ts';
import type { Logger } from './logger.ts';
import { openStorage, type Storage } from './storage/open-storage.ts';
import { VERSION } from './version.ts';

export interface RunningKoze {
  http: FastifyInstance;
  storage: Storage;
  bot: BotRuntime;
  url: string;
  /** The Telegram channel when TELEGRAM_BOT_TOKEN is set. */
  telegram?: TelegramChannel;
  /** The WhatsApp channel when WHATSAPP_ENABLED (its QR code while linking, for an admin page). */
  whatsapp?: WhatsAppChannel;
  /** Resolves when Kozé can answer residents (the language model is loaded); rejects if it cannot. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Starts Kozé: storage, the conversation engine, the channels and the HTTP server. */
export async function startKoze(config: Config, logger: Logger): Promise<RunningKoze> {
  const storage = await openStorage(config, logger);
  // On a first start the language model is trained from the corpus: Kozé listens meanwhile, and turns
  // that arrive before it is ready wait for it.
  const loadingStarted = performance.now();
  const analyzer = loadAnalyzer(storage.database.db);
  let nlp = 'loading';
  const ready = analyzer.then(
    (loaded) => {
      nlp = 'ready';
      const seconds = ((performance.now() - loadingStarted) / 1000).toFixed(1);
      const version = loaded.modelVersion === null ? '' : ` version ${loaded.modelVersion}`;
      logger.info(`language model${version} ready in ${seconds} s: Kozé answers residents`);
    },
    (error: unknown) => {
      nlp = `error: ${(error as Error).message}`;
      throw error;
    },
  );
  // Awaited by main.ts once Kozé is up; if start-up fails before, the start-up error is the one to report.
  ready.catch(() => {});
  const bot = buildBot({ db: storage.database.db, logger, analyzer, settings: settingsFrom(config) });
  const localChat = bot.attach(new LocalChatAdapter());
  const channels: Record<string, string> = {};
  // The local chat secret is only known once the port is; the route reads it lazily.
  let chatToken = '';
  const http = buildHttpServer({
    logger,
    database: storage.database,
    version: VERSION,
    components: () => ({ nlp, ...channels }),
    localChat: { adapter: localChat, bot, token: () => chatToken },
  });
  // Telegram: a wrong token or an unreachable Telegram shows in /health and the log, never stops Kozé.
  // Channel libraries are loaded only when their channel is on: they weigh seconds of start-up.
  const telegram = config.telegramToken
    ? new (await import('./channels/telegram/telegram.channel.ts')).TelegramChannel({
        token: config.telegramToken,
        config: config.telegram,
        db: storage.database.db,
        bot,
        logger,
        onState: (state) => (channels.telegram = state),
      })
    : undefined;
  if (telegram) {
    channels.telegram = telegram.state;
    http.register(telegram.routes); // the webhook route
  }
  // WhatsApp starts after the server listens (its library alone takes seconds to load): say so meanwhile.
  if (config.whatsappEnabled) channels.whatsapp = 'linking';
  try {
    await http.listen({ host: config.host, port: config.port });
  } catch (error) {
    await storage.close();
    throw error;
  }
  const { port } = http.server.address() as { port: number };
  chatToken = storage.lock?.advertiseHttp(config.host, port) ?? '';
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  await telegram?.start();

  // WhatsApp links in the background: its trouble shows in /health and the log, never stops Kozé.
  let whatsapp: WhatsAppChannel | undefined;
  if (config.whatsappEnabled) {
    const { db } = storage.database;
    const [{ startWhatsAppChannel }, { printQrCode }] = await Promise.all([
      import('./channels/whatsapp/whatsapp-channel.ts'),
      import('./channels/whatsapp/qr-terminal.ts'),
    ]);
    whatsapp = startWhatsAppChannel({
      dataDir: config.dataDir,
      settings: config.whatsapp,
      bot,
      db,
      logger,
      onQr: (qr) => printQrCode(qr, process.stderr),
    });
    channels.whatsapp = whatsapp.status();
    whatsapp.connection.on('status', (status) => (channels.whatsapp = status));
  }

  const where =
    storage.database.engine === 'pglite'
      ? `embedded PGlite in ${storage.database.location}`
      : `PostgreSQL at ${storage.database.location}`;
  const active = Object.keys(channels);
  logger.info(
    `Kozé ${VERSION} listens on ${url} — database: ${where}; channels: ${active.join(', ') || 'none'}`,
  );
  if (active.length === 0) {
    logger.info(
      'No messaging channel is configured: set TELEGRAM_BOT_TOKEN for Telegram or WHATSAPP_ENABLED=true for WhatsApp, ' +
        'or talk to Kozé now in another terminal with `npx koze chat`.',
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    http,
    storage,
    bot,
    url,
    telegram,
    whatsapp,
    ready,
    stop() {
      stopping ??= (async () => {
        await ready.catch(() => {}); // a model being trained and stored is let finish
        await telegram?.stop(); // stops receiving, finishes updates in flight, sends what is queued
        await http.close(); // stops accepting, lets requests in flight finish
        await whatsapp?.stop(); // stops taking messages, answers those in flight, closes Chromium
        await bot.idle();
        await storage.close();
      })();
      return stopping;
    },
  };
}
