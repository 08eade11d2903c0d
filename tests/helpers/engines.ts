import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import pg from 'pg';
import { openPglite, openPostgres, type DatabaseHandle, type Engine } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrator.ts';

/** A fresh, migrated database on the given engine: PGlite in memory, or a new database in the test cluster. */
export async function createTestDatabase(engine: Engine): Promise<DatabaseHandle> {
  const database = engine === 'pglite' ? openPglite(undefined) : openPostgres(await createPostgresDatabase());
  await migrateToLatest(database.db);
  return database;
}

/** Creates an empty database in the throwaway cluster and returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('No PostgreSQL test cluster');
  const name = `koze_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/** The engines available to this run: PGlite always, PostgreSQL when the test cluster started. */
export function availableEngines(): Engine[] {
  return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Runs a suite once per engine. `getDb()` returns a migrated database created for that suite,
 * closed after it.
 */
export function describeEachEngine(
  title: string,
  suite: (getDatabase: () => DatabaseHandle, engine: Engine) => void,
) {
  for (const engine of availableEngines()) {
    describe(`${title} [${engine}]`, () => {
      let database: DatabaseHandle | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.close();
      });
      suite(() => {
        if (!database) throw new Error('database not ready');
        return database;
      }, engine);
    });
  }
}
