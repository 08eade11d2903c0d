import { ConversationState, UserState, type BotAdapter, type Middleware, type TurnContext } from 'botbuilder';
import { t } from '../../dialogs/catalog/catalog.ts';
import { CONSENT_VERSION, type DialogDeps, type DialogSettings } from '../../dialogs/deps.ts';
import { RootDialog } from '../../dialogs/root.dialog.ts';
import { ContributionsService } from '../contributions/contributions.service.ts';
import { SimilarNeedsIndex } from '../contributions/similar-needs-index.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { NlpAnalyzer } from '../nlp/analyzer.ts';
import { DEFAULT_CATEGORIES } from '../nlp/categories.ts';
import { DeferredAnalyzer } from '../nlp/deferred-analyzer.ts';
import { detectCommand } from '../nlp/commands.ts';
import { loadOrTrainModel } from '../nlp/model-store.ts';
import type { TextAnalyzer } from '../nlp/types.ts';
import { DEFAULT_QUARTIERS } from '../residents/quartiers.ts';
import { ResidentsService } from '../residents/residents.service.ts';
import { TestedServicesService } from '../services/tested-services.service.ts';
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

export interface BotOptions {
  db: Db;
  logger: Logger;
  /**
   * Reads residents' messages (see `loadAnalyzer`); a fake in tests that need no model. A promise lets Kozé
   * start serving while the model loads: turns wait for it.
   */
  analyzer: TextAnalyzer | Promise<TextAnalyzer>;
  /** Retention, quartiers… from the configuration; defaults otherwise. */
  settings?: Partial<DialogSettings>;
  /** The clock of the dialogs (tests move it to make a dialog stale). */
  now?: () => Date;
}

/** A dialog left unanswered for a day is dropped when the resident writes again. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The NLP analyser on the current stored model, trained from the in-repo corpus and stored on first start.
 * Warmed up here so that the first resident does not pay for lazy initialisation.
 */
export async function loadAnalyzer(db: Db): Promise<NlpAnalyzer> {
  const analyzer = new NlpAnalyzer(await loadOrTrainModel(db));
  analyzer.analyse('Bonjour, il manque un abribus à Bellevue');
  return analyzer;
}

/** The dialog settings that come from the configuration. */
export function settingsFrom(config: Pick<Config, 'retentionMonths' | 'quartiers'>): Partial<DialogSettings> {
  return { retentionMonths: config.retentionMonths, quartiers: config.quartiers };
}

/** Where botbuilder keeps this conversation's state (ConversationState and UserState keys). */
function stateKeys(context: TurnContext): string[] {
  const { channelId, conversation, from } = context.activity;
  const keys: string[] = [];
  if (conversation?.id) keys.push(`${channelId}/conversations/${conversation.id}`);
  if (from?.id) keys.push(`${channelId}/users/${from.id}`);
  return keys;
}

export function buildBot(options: BotOptions): BotRuntime {
  const { db, logger } = options;
  const storage = new PostgresStorage(db);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const similar = new SimilarNeedsIndex(db);
  const analyzer =
    options.analyzer instanceof Promise ? new DeferredAnalyzer(options.analyzer) : options.analyzer;
  const deps: DialogDeps = {
    t,
    residents: new ResidentsService(db, { onContributionsAnonymised: (ids) => similar.remove(ids) }),
    contributions: new ContributionsService(db, similar),
    services: new TestedServicesService(db),
    analyzer,
    detectCommand,
    settings: {
      consentVersion: CONSENT_VERSION,
      retentionMonths: 24,
      quartiers: [...DEFAULT_QUARTIERS],
      categories: [...DEFAULT_CATEGORIES],
      staleAfterMs: STALE_AFTER_MS,
      ...options.settings,
    },
    stateKeys,
    log: logger,
    ...(options.now ? { now: options.now } : {}),
  };
  const bot = new KozeBot({ conversationState, userState, dialog: new RootDialog(deps) });
  const serialTurns = new SerialTurnsMiddleware();
  const dedupe = new DedupeMiddleware(db);
  const modelLoaded: Middleware = {
    async onTurn(_context, next) {
      if (analyzer instanceof DeferredAnalyzer) await analyzer.ready;
      await next();
    },
  };
  const onTurnError = createTurnErrorHandler(logger, conversationState);
  return {
    logic: (context) => bot.run(context),
    attach(adapter) {
      adapter.use(modelLoaded).use(serialTurns).use(dedupe);
      adapter.onTurnError = onTurnError;
      return adapter;
    },
    idle: () => serialTurns.idle(),
  };
}
