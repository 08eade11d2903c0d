import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from './database.ts';

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/**
 * Bot Framework state (conversation and user state, dialog stacks) kept in Postgres, so that a restart
 * resumes every conversation where it was. Same contract as botbuilder's MemoryStorage: an item written
 * with eTag `*` or without an eTag overwrites; with another eTag, the write succeeds only if that eTag is
 * still the stored one, otherwise it is refused with an ETagConflictError.
 */
export class PostgresStorage implements Storage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db
      .selectFrom('bot_state')
      .select(['id', 'data', 'etag'])
      .where('id', 'in', keys)
      .execute();
    return Object.fromEntries(rows.map((row) => [row.id, { ...row.data, eTag: row.etag }]));
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes);
    // botbuilder saves each state (conversation, user) on its own: one statement is atomic by itself,
    // and sparing BEGIN/COMMIT saves two round trips on every turn.
    if (entries.length === 1) return writeItem(this.db, ...entries[0]!);
    if (entries.length > 1)
      await this.db.transaction().execute(async (trx) => {
        for (const [key, item] of entries) await writeItem(trx, key, item);
      });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('bot_state').where('id', 'in', keys).execute();
  }
}

/** Upserts one item, honouring its eTag as MemoryStorage does. */
async function writeItem(db: Db, key: string, item: StoreItems[string]): Promise<void> {
  const { eTag, ...data } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
  const row = { id: key, data: JSON.stringify(data), etag: randomUUID(), updated_at: new Date() };
  const unconditional = eTag === undefined || eTag === null || eTag === '*' || eTag === '';
  const result = await db
    .insertInto('bot_state')
    .values(row)
    .onConflict((oc) => {
      const update = oc.column('id').doUpdateSet({
        data: (eb) => eb.ref('excluded.data'),
        etag: (eb) => eb.ref('excluded.etag'),
        updated_at: (eb) => eb.ref('excluded.updated_at'),
      });
      return unconditional ? update : update.where('bot_state.etag', '=', eTag);
    })
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw new ETagConflictError(key);
}
