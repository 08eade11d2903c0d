import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_QUARTIERS, parseQuartiers } from './residents/quartiers.ts';

/** Thrown when the environment does not describe a Kozé that can start. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Invalid configuration: ${variable} — ${expected}`);
  }
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A whole number of at least `min`, with the same message for every way of getting it wrong. */
const wholeNumber = (message: string, min: number) =>
  z.coerce.number({ message }).int(message).min(min, message);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://user:password@host:5432/koze')
    .optional(),
  KOZE_DATA_DIR: z.string().min(1, 'a directory path').default('./data'),
  HOST: z.string().min(1, 'an interface address such as 127.0.0.1').default('127.0.0.1'),
  PORT: z.coerce
    .number({ message: 'a TCP port number between 0 and 65535' })
    .int('a TCP port number between 0 and 65535')
    .min(0, 'a TCP port number between 0 and 65535')
    .max(65535, 'a TCP port number between 0 and 65535')
    .default(3000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  KOZE_RETENTION_MONTHS: z.coerce
    .number({ message: 'a whole number of months, at least 1' })
    .int('a whole number of months, at least 1')
    .min(1, 'a whole number of months, at least 1')
    .default(24),
  KOZE_QUARTIERS: z
    .string()
    .refine(
      (v) => parseQuartiers(v).length > 0,
      'neighbourhood names separated by commas, e.g. "Centre-ville, Bellevue"',
    )
    .optional(),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  TELEGRAM_API_ROOT: z
    .url({ message: 'the URL of a Bot API server, such as https://api.telegram.org' })
    .optional(),
  TELEGRAM_MODE: z.enum(['polling', 'webhook'], { message: 'polling or webhook' }).default('polling'),
  TELEGRAM_WEBHOOK_URL: z
    .string()
    .regex(/^https:\/\/[^\s/]+/, "Kozé's public HTTPS address, such as https://koze.example.org")
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, '1 to 256 characters among A-Z, a-z, 0-9, _ and -')
    .optional(),
  TELEGRAM_MAX_PER_SECOND: z.coerce
    .number({ message: 'a number of messages per second, above 0' })
    .positive('a number of messages per second, above 0')
    .default(30),
  TELEGRAM_MAX_PER_CHAT_PER_SECOND: z.coerce
    .number({ message: 'a number of messages per second, above 0' })
    .positive('a number of messages per second, above 0')
    .default(1),
  TELEGRAM_CHAT_BURST: z.coerce
    .number({ message: 'a whole number of messages, at least 1' })
    .int('a whole number of messages, at least 1')
    .min(1, 'a whole number of messages, at least 1')
    .default(3),
  WHATSAPP_ENABLED: booleanFlag.default(false),
  CHROMIUM_PATH: z.string().min(1, 'the path of a Chromium executable').default('/usr/bin/chromium'),
  WHATSAPP_INIT_TIMEOUT_MS: wholeNumber('a whole number of milliseconds, 5000 or more', 5000).default(60000),
  WHATSAPP_TYPING: booleanFlag.default(true),
  WHATSAPP_TYPING_MS_PER_CHAR: wholeNumber('a whole number of milliseconds, 0 or more', 0).default(15),
  WHATSAPP_TYPING_MAX_MS: wholeNumber('a whole number of milliseconds, 0 or more', 0).default(3000),
  WHATSAPP_MIN_GAP_MS: wholeNumber('a whole number of milliseconds, 0 or more', 0).default(1500),
  WHATSAPP_PROACTIVE_PER_MINUTE: z.coerce
    .number({ message: 'a number of messages per minute, 0 or more (0: no limit)' })
    .min(0, 'a number of messages per minute, 0 or more (0: no limit)')
    .default(6),
  WHATSAPP_MEDIA_MAX_MB: z.coerce
    .number({ message: 'a size in megabytes, above 0' })
    .positive('a size in megabytes, above 0')
    .default(5),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  retentionMonths: number;
  /** Neighbourhoods offered to residents (KOZE_QUARTIERS, comma-separated; Bras-Panon's by default). */
  quartiers: string[];
  telegramToken: string | undefined;
  telegram: TelegramConfig;
  whatsappEnabled: boolean;
  whatsapp: WhatsAppConfig;
}

/** How Kozé drives WhatsApp Web (used when `whatsappEnabled`); defaults and reasons in the README. */
export interface WhatsAppConfig {
  chromiumPath: string;
  /** Longest wait for WhatsApp Web to start before a retry. */
  initTimeoutMs: number;
  /** Photos larger than this are not kept. */
  mediaMaxBytes: number;
  /** A human rhythm, against bans: "typing…", a delay per character, a gap per chat, a proactive rate. */
  pacing: {
    typing: boolean;
    typingMsPerChar: number;
    typingMaxMs: number;
    minGapMs: number;
    proactivePerMinute: number;
  };
}

/** How Kozé reaches Telegram (used when `telegramToken` is set). */
export interface TelegramConfig {
  /** Bot API address; undefined for Telegram's own (https://api.telegram.org). */
  apiRoot: string | undefined;
  mode: 'polling' | 'webhook';
  /** Kozé's public HTTPS base URL; the webhook is `${webhookUrl}/telegram/webhook`. */
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** Outbound pacing: messages per second overall, per chat, and the burst a chat may get at once. */
  maxPerSecond: number;
  maxPerChatPerSecond: number;
  chatBurst: number;
}

/**
 * Reads and validates Kozé's configuration from the environment (and `.env` when present).
 * Empty variables count as unset, so `PORT= npm start` means the default, not an error.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { dotenv?: boolean } = {}): Config {
  if (options.dotenv !== false && existsSync('.env')) process.loadEnvFile?.('.env');
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  const c = parsed.data;
  if (c.TELEGRAM_BOT_TOKEN && c.TELEGRAM_MODE === 'webhook') {
    if (!c.TELEGRAM_WEBHOOK_URL)
      throw new ConfigError(
        'TELEGRAM_WEBHOOK_URL',
        "required when TELEGRAM_MODE=webhook: Kozé's public HTTPS address, such as https://koze.example.org",
      );
    if (!c.TELEGRAM_WEBHOOK_SECRET)
      throw new ConfigError(
        'TELEGRAM_WEBHOOK_SECRET',
        'required when TELEGRAM_MODE=webhook: 1 to 256 characters among A-Z, a-z, 0-9, _ and -',
      );
  }
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.KOZE_DATA_DIR),
    host: c.HOST,
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    retentionMonths: c.KOZE_RETENTION_MONTHS,
    quartiers: c.KOZE_QUARTIERS ? parseQuartiers(c.KOZE_QUARTIERS) : [...DEFAULT_QUARTIERS],
    telegramToken: c.TELEGRAM_BOT_TOKEN,
    telegram: {
      apiRoot: c.TELEGRAM_API_ROOT,
      mode: c.TELEGRAM_MODE,
      webhookUrl: c.TELEGRAM_WEBHOOK_URL?.replace(/\/+$/, ''),
      webhookSecret: c.TELEGRAM_WEBHOOK_SECRET,
      maxPerSecond: c.TELEGRAM_MAX_PER_SECOND,
      maxPerChatPerSecond: c.TELEGRAM_MAX_PER_CHAT_PER_SECOND,
      chatBurst: c.TELEGRAM_CHAT_BURST,
    },
    whatsappEnabled: c.WHATSAPP_ENABLED,
    whatsapp: {
      chromiumPath: c.CHROMIUM_PATH,
      initTimeoutMs: c.WHATSAPP_INIT_TIMEOUT_MS,
      mediaMaxBytes: Math.round(c.WHATSAPP_MEDIA_MAX_MB * 1024 * 1024),
      pacing: {
        typing: c.WHATSAPP_TYPING,
        typingMsPerChar: c.WHATSAPP_TYPING_MS_PER_CHAR,
        typingMaxMs: c.WHATSAPP_TYPING_MAX_MS,
        minGapMs: c.WHATSAPP_MIN_GAP_MS,
        proactivePerMinute: c.WHATSAPP_PROACTIVE_PER_MINUTE,
      },
    },
  };
}
