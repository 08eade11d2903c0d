import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_initial_schema.ts';
import * as m0002 from './0002_contribution_idempotency.ts';
import * as m0010 from './0010_telegram_channel.ts';
import * as m0020 from './0020_whatsapp_offered_choices.ts';

/**
 * Every migration, by name, in order. Listed explicitly (rather than read from the folder at run time)
 * so that they load the same way under tsx, vitest and any bundler.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial_schema': m0001,
  '0002_contribution_idempotency': m0002,
  '0010_telegram_channel': m0010,
  '0020_whatsapp_offered_choices': m0020,
};
