import type { TurnContext } from 'botbuilder';
import type { Contributions } from '../src/contributions/contribution.ts';
import type { TextAnalyzer } from '../src/nlp/types.ts';
import type { ContributionLine, Residents } from '../src/residents/resident.ts';
import type { TestedServices } from '../src/services/tested-service.ts';
import type { Catalog } from './catalog/catalog.ts';
import type { CommandDetector } from './command.ts';

/**
 * Version of the consent notice (catalog keys `consent.*`). Change it whenever the notice's meaning
 * changes: residents who agreed to an older version are asked again before anything else is stored.
 */
export const CONSENT_VERSION = '2026-01';

export interface DialogSettings {
  consentVersion: string;
  /** How long contributions are kept, told in the consent notice (KOZE_RETENTION_MONTHS). */
  retentionMonths: number;
  /** Neighbourhoods of Bras-Panon offered in the profile and for a need's place (KOZE_QUARTIERS). */
  quartiers: string[];
  /** Category codes a resident can pick (labels in the catalog, `category.<code>`), `autre` last. */
  categories: string[];
  /** A dialog left unanswered longer than this is dropped when the resident comes back (ms). */
  staleAfterMs: number;
}

/** What "mes contributions" lists. */
export interface ContributionHistory {
  listForResident(residentId: number, limit: number): Promise<ContributionLine[]>;
}

/** The smallest logger the dialogs need (pino's shape). */
export interface DialogLogger {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Everything the dialogs reach outside themselves, as interfaces: a dialog test passes fakes, the bot
 * passes the real services (src/bot/build-bot.ts).
 */
export interface DialogDeps {
  t: Catalog;
  residents: Residents;
  contributions: Contributions & ContributionHistory;
  services: TestedServices;
  analyzer: TextAnalyzer;
  detectCommand: CommandDetector;
  settings: DialogSettings;
  /** The bot-state keys of this conversation (deleted with the resident on erasure). */
  stateKeys: (context: TurnContext) => string[];
  log: DialogLogger;
  now?: () => Date;
}
