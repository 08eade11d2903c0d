import { ConversationState, UserState, type BotAdapter, type TurnContext } from 'botbuilder';
import { RootDialog } from '../../dialogs/root.dialog.ts';
import { t } from '../../dialogs/catalog/catalog.ts';
import type { Logger } from '../logger.ts';
import { PostgresStorage } from '../storage/bot-state.storage.ts';
import type { Db } from '../storage/database.ts';
import { DedupeMiddleware } from './dedupe.middleware.ts';
import { KozeBot } from './koze-bot.ts';
import { SerialTurnsMiddleware } from './serial-turns.middleware.ts';
import { createTurnErrorHandler } from './turn-error.ts';

/** The conversation engine, independent of any channel: adapters hand their turns to `logic`. */
export interface BotRuntime {
  logic: (context: TurnContext) => Promise<void>;
  /** Equips a channel adapter with Kozé's middleware and error handling. */
  attach<A extends BotAdapter>(adapter: A): A;
  /** Resolves when every turn in flight has finished. */
  idle(): Promise<void>;
}

export function buildBot(deps: { db: Db; logger: Logger }): BotRuntime {
  const storage = new PostgresStorage(deps.db);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const bot = new KozeBot({ conversationState, userState, dialog: new RootDialog({ t }) });
  const serialTurns = new SerialTurnsMiddleware();
  const dedupe = new DedupeMiddleware(deps.db);
  const onTurnError = createTurnErrorHandler(deps.logger, conversationState);
  return {
    logic: (context) => bot.run(context),
    attach(adapter) {
      adapter.use(serialTurns).use(dedupe);
      adapter.onTurnError = onTurnError;
      return adapter;
    },
    idle: () => serialTurns.idle(),
  };
}
