import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { BotAdapter, TurnContext } from 'botbuilder';
import type { BotRuntime } from '../../../src/bot/build-bot.ts';
import { DedupeMiddleware } from '../../../src/bot/dedupe.middleware.ts';
import { SerialTurnsMiddleware } from '../../../src/bot/serial-turns.middleware.ts';
import {
  TelegramChannel,
  type TelegramChannelOptions,
} from '../../../src/channels/telegram/telegram.channel.ts';
import type { TelegramConfig } from '../../../src/config.ts';
import type { Db } from '../../../src/storage/database.ts';
import type { FakeBotApi } from './fake-bot-api.ts';

/** A logger whose lines the test can read. */
export function memoryLogger(): { logger: Logger; lines: () => Array<{ level: number; msg: string }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines: () => lines };
}

/**
 * A BotRuntime around any turn logic, with Kozé's real middleware (one turn at a time per chat, dedupe by
 * message id through the inbound log): channel mechanics are tested without depending on the dialogs.
 */
export function scriptedBot(db: Db, logic: (context: TurnContext) => Promise<void>): BotRuntime {
  const serial = new SerialTurnsMiddleware();
  const dedupe = new DedupeMiddleware(db);
  return {
    logic,
    attach<A extends BotAdapter>(adapter: A): A {
      adapter.use(serial).use(dedupe);
      adapter.onTurnError = async (context, error) => {
        await context.sendActivity(`Désolé : ${error.message}`);
      };
      return adapter;
    },
    idle: () => serial.idle(),
  };
}

export function telegramConfig(fake: FakeBotApi, overrides: Partial<TelegramConfig> = {}): TelegramConfig {
  return {
    apiRoot: overrides.apiRoot ?? fake.apiRoot,
    mode: 'polling',
    webhookUrl: undefined,
    webhookSecret: undefined,
    // Tests are not about pacing unless they say so.
    maxPerSecond: 1_000,
    maxPerChatPerSecond: 1_000,
    chatBurst: 100,
    ...overrides,
  };
}

export interface RunningChannel {
  channel: TelegramChannel;
  http: FastifyInstance | undefined;
  states: string[];
  stop(): Promise<void>;
}

/** Starts a Telegram channel against the fake (and, in webhook mode, an HTTP server serving its route). */
export async function startChannel(
  options: Omit<TelegramChannelOptions, 'token' | 'logger' | 'config'> & {
    fake: FakeBotApi;
    config?: Partial<TelegramConfig>;
    logger?: Logger;
    token?: string;
  },
): Promise<RunningChannel> {
  const { fake, config, ...rest } = options;
  const states: string[] = [];
  const channel = new TelegramChannel({
    pollTimeoutSeconds: 2,
    retryDelayMs: 50,
    maxBackoffMs: 500,
    startTimeoutMs: 5_000,
    ...rest,
    token: options.token ?? fake.token,
    logger: options.logger ?? pino({ level: 'silent' }),
    config: telegramConfig(fake, config),
    onState: (state) => states.push(state),
  });
  let http: FastifyInstance | undefined;
  if (config?.mode === 'webhook') {
    http = Fastify();
    http.register(channel.routes);
    await http.listen({ host: '127.0.0.1', port: 0 });
  }
  await channel.start();
  return {
    channel,
    http,
    states,
    async stop() {
      await channel.stop();
      await http?.close();
    },
  };
}
