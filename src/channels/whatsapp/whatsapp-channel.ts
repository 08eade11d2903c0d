import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { BotRuntime } from '../../bot/build-bot.ts';
import type { WhatsAppConfig } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { Db } from '../../storage/database.ts';
import { MediaStore } from './media-store.ts';
import { databaseOfferedChoices } from './offered-choices.ts';
import { Pacer } from './pacer.ts';
import { claimWhatsAppSession } from './session-claim.ts';
import { WhatsAppAdapter } from './whatsapp.adapter.ts';
import { createWhatsAppWebClient, sessionProfileDir, type WhatsAppClient } from './whatsapp-client.ts';
import { WhatsAppConnection, type WhatsAppStatus } from './whatsapp-connection.ts';

/** WhatsApp settings from the configuration (see src/config.ts and the README). */
export type WhatsAppSettings = WhatsAppConfig;

/** Where WhatsApp keeps its things under KOZE_DATA_DIR: session, web version cache, media. */
export const whatsappDir = (dataDir: string) => path.join(dataDir, 'whatsapp');

/** A connection to WhatsApp Web through Debian's Chromium, with its session under KOZE_DATA_DIR. */
export function createWhatsAppConnection(deps: {
  dataDir: string;
  settings: Pick<WhatsAppSettings, 'chromiumPath' | 'initTimeoutMs'>;
  logger: Logger;
  /** Replaces the real whatsapp-web.js client (tests). */
  createClient?: () => Promise<WhatsAppClient>;
  retryDelayMs?: number;
  extraChromiumArgs?: string[];
}): WhatsAppConnection {
  const dir = whatsappDir(deps.dataDir);
  const real = !deps.createClient;
  return new WhatsAppConnection({
    logger: deps.logger,
    initTimeoutMs: deps.settings.initTimeoutMs,
    retryDelayMs: deps.retryDelayMs,
    createClient:
      deps.createClient ??
      (() =>
        createWhatsAppWebClient({
          dir,
          chromiumPath: deps.settings.chromiumPath,
          launchTimeoutMs: Math.min(30_000, deps.settings.initTimeoutMs),
          extraArgs: deps.extraChromiumArgs,
        })),
    claim: real ? () => claimWhatsAppSession(dir, sessionProfileDir(dir)) : undefined,
    forgetSession: () => rm(sessionProfileDir(dir), { recursive: true, force: true, maxRetries: 4 }),
  });
}

export interface WhatsAppChannel {
  connection: WhatsAppConnection;
  adapter: WhatsAppAdapter;
  status(): WhatsAppStatus;
  /** The QR code to scan while linking, for whoever shows it (terminal, admin page). */
  qr(): string | undefined;
  /** Resolves when every message received so far has been answered. */
  idle(): Promise<void>;
  /** Stops taking messages, lets the turns in flight answer, then closes the browser. */
  stop(): Promise<void>;
}

/**
 * Starts the WhatsApp channel in the background: Kozé's other channels and HTTP server never wait for it,
 * and nothing WhatsApp does can stop them — its trouble shows in /health and in the log.
 */
export function startWhatsAppChannel(deps: {
  dataDir: string;
  settings: WhatsAppSettings;
  bot: BotRuntime;
  db: Db;
  logger: Logger;
  /** Shows a QR code to the person linking the phone (the terminal, by default nothing). */
  onQr?: (qr: string) => void;
  createClient?: () => Promise<WhatsAppClient>;
  retryDelayMs?: number;
}): WhatsAppChannel {
  const log = deps.logger.child({ channel: 'whatsapp' });
  const connection = createWhatsAppConnection(deps);
  const adapter = deps.bot.attach(
    new WhatsAppAdapter({
      connection,
      pacer: new Pacer(deps.settings.pacing),
      media: new MediaStore(path.join(whatsappDir(deps.dataDir), 'media'), deps.settings.mediaMaxBytes),
      offeredChoices: databaseOfferedChoices(deps.db),
      logger: deps.logger,
    }),
  );
  let receiving = true;
  const inFlight = new Set<Promise<void>>();
  connection.on('message', (message) => {
    if (!receiving) return;
    const processing = adapter.process(message, deps.bot.logic).catch((error) => {
      log.error({ err: error, message: message.id?._serialized }, 'WhatsApp message not processed');
    });
    inFlight.add(processing);
    void processing.finally(() => inFlight.delete(processing));
  });
  const idle = async () => {
    while (inFlight.size > 0) await Promise.all(inFlight);
    await deps.bot.idle();
  };
  connection.on('qr', (qr) => {
    log.info('WhatsApp is waiting to be linked: scan the QR code with the phone of Kozé’s WhatsApp number');
    deps.onQr?.(qr);
  });
  connection.start();
  return {
    connection,
    adapter,
    status: () => connection.status,
    qr: () => connection.qr,
    idle,
    async stop() {
      receiving = false;
      await idle();
      await connection.stop();
    },
  };
}
