import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

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
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  WHATSAPP_ENABLED: booleanFlag.default(false),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  retentionMonths: number;
  telegramToken: string | undefined;
  whatsappEnabled: boolean;
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
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.KOZE_DATA_DIR),
    host: c.HOST,
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    retentionMonths: c.KOZE_RETENTION_MONTHS,
    telegramToken: c.TELEGRAM_BOT_TOKEN,
    whatsappEnabled: c.WHATSAPP_ENABLED,
  };
}
