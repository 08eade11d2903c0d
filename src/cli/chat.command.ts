import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { openStorage } from '../storage/open-storage.ts';
import { buildBot, loadAnalyzer, settingsFrom } from '../bot/build-bot.ts';
import { runConsoleChat, type ChatTransport } from '../channels/console/console-chat.ts';
import { LocalChatAdapter, type LocalMessage } from '../channels/local/local-chat.adapter.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { readLiveLock, type LockInfo } from '../storage/data-dir-lock.ts';
import { exitOnStartupError } from './startup-errors.ts';

/** Talks to the Kozé that owns the data directory, through its local chat endpoint. */
function remoteTransport(http: NonNullable<LockInfo['http']>): ChatTransport {
  const host = http.host === '0.0.0.0' ? '127.0.0.1' : http.host === '::' ? '[::1]' : http.host;
  return async (message: LocalMessage) => {
    const response = await fetch(`http://${host}:${http.port}/chat/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-koze-chat-token': http.chatToken },
      body: JSON.stringify(message),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return ((await response.json()) as { activities: Partial<import('botbuilder').Activity>[] }).activities;
  };
}

export function registerChatCommand(program: Command) {
  program
    .command('chat')
    .description('talk to Kozé in this terminal, as a resident would on WhatsApp or Telegram')
    .option('--as <id>', 'who you are for Kozé (another id = another resident)', userInfo().username)
    .action(async (options: { as: string }) => {
      const config = loadConfig();
      // Logs go to stderr, away from the conversation, and only when something is wrong.
      const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'stderr');
      const holder = config.databaseUrl ? undefined : readLiveLock(config.dataDir);
      if (holder?.http) {
        await runConsoleChat({
          transport: remoteTransport(holder.http),
          userId: options.as,
          input: process.stdin,
          output: process.stdout,
          greeting: '(connecté au Kozé en cours d’exécution — /quit pour sortir)',
        });
        return;
      }
      const storage = await openStorage(config, logger);
      // The person can start typing while the model loads: their first message waits for it.
      const analyzer = loadAnalyzer(storage.database.db);
      // Without a model Kozé cannot answer: say why and leave, instead of apologising at every message.
      analyzer.catch(async (error: unknown) => {
        await storage.close();
        exitOnStartupError(error);
      });
      const bot = buildBot({ db: storage.database.db, logger, analyzer, settings: settingsFrom(config) });
      const adapter = bot.attach(new LocalChatAdapter());
      try {
        await runConsoleChat({
          transport: (message) => adapter.process(message, bot.logic),
          userId: options.as,
          input: process.stdin,
          output: process.stdout,
          greeting: '(Kozé en local — écrivez « bonjour » pour commencer, /quit pour sortir)',
        });
      } finally {
        await analyzer.catch(() => {}); // a first model being stored is let finish
        await bot.idle();
        await storage.close();
      }
    });
}
