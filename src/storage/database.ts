import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import path from 'node:path';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** Where the data lives, for people: the data directory or the PostgreSQL host (never the password). */
  location: string;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  constructor(
    readonly location: string,
    override readonly cause: unknown,
  ) {
    super(`PostgreSQL at ${location} did not answer (${(cause as Error)?.message ?? String(cause)})`);
  }
}

const INT8_OID = 20;

// pg returns int8 (bigint ids, count(*)) as strings and PGlite as numbers: Kozé's ids and counts stay far
// below 2^53, so both engines agree on numbers. timestamptz → Date and jsonb → objects already agree.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Host, port and database of a PostgreSQL URL, without credentials. */
export function describePostgresUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: pgTypes,
    // pg closes a connection idle for 10 s by default: with residents writing every few seconds, the pool
    // kept closing and reopening connections, and a turn that waits for a new one waits for a backend to
    // start (measured: 100–200 ms bursts in the conversation benchmark). Idle connections cost little.
    idleTimeoutMillis: 5 * 60_000,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return handle(db, 'postgres', describePostgresUrl(url));
}

export function openPglite(dataDir: string | undefined): DatabaseHandle {
  const pglite = dataDir ? new PGlite(path.join(dataDir, 'pglite')) : new PGlite();
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return handle(db, 'pglite', dataDir ? path.join(dataDir, 'pglite') : 'memory');
}

function handle(db: Db, engine: Engine, location: string): DatabaseHandle {
  let closed = false;
  return {
    db,
    engine,
    location,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/**
 * Waits for a database to answer, retrying with exponential backoff: at start-up PostgreSQL may still be
 * booting (containers, system start). Gives up after `timeoutMs` with an error naming the host.
 */
export async function waitForDatabase(
  database: DatabaseHandle,
  options: { timeoutMs?: number; onRetry?: (attempt: number, delayMs: number, error: unknown) => void } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      await sql`select 1`.execute(database.db);
      return;
    } catch (error) {
      if (Date.now() + delay > deadline) throw new DatabaseUnreachableError(database.location, error);
      options.onRetry?.(attempt, delay, error);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
