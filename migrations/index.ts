import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_initial_schema.ts';

/**
 * Every migration, by name, in order. Listed explicitly (rather than read from the folder at run time)
 * so that they load the same way under tsx, vitest and any bundler.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial_schema': m0001,
};
