import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { DataDirLock } from './data-dir-lock.ts';
import { openPglite, openPostgres, waitForDatabase, type DatabaseHandle } from './database.ts';
import { migrateToLatest } from './migrator.ts';

/** An open, migrated database, and the data directory lock when the database is embedded. */
export interface Storage {
  database: DatabaseHandle;
  lock: DataDirLock | undefined;
  close(): Promise<void>;
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set (waiting up to 30 s for it to answer),
 * otherwise the embedded PGlite in KOZE_DATA_DIR, locked for this process. Applies pending migrations.
 */
export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  let lock: DataDirLock | undefined;
  let database: DatabaseHandle;
  if (config.databaseUrl) {
    database = openPostgres(config.databaseUrl);
    await waitForDatabase(database, {
      onRetry: (attempt, delayMs, error) =>
        logger.warn(
          `PostgreSQL at ${database.location} does not answer yet (${(error as Error).message}); retry ${attempt} in ${delayMs} ms`,
        ),
    }).catch(async (error) => {
      await database.close();
      throw error;
    });
  } else {
    lock = DataDirLock.acquire(config.dataDir);
    database = openPglite(config.dataDir);
  }
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info(`database migrated: ${applied.join(', ')}`);
  } catch (error) {
    await database.close();
    lock?.release();
    throw error;
  }
  return {
    database,
    lock,
    async close() {
      await database.close();
      lock?.release();
    },
  };
}
