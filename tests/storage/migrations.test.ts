import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateDown, migrateToLatest } from '../../src/storage/migrator.ts';
import { migrations } from '../../migrations/index.ts';
import { describeEachEngine } from '../helpers/engines.ts';

describeEachEngine('migrations', (getDatabase) => {
  it('both engines return the same JS types: int8 and counts as numbers, timestamptz as Date, jsonb as objects', async () => {
    const { db } = getDatabase();
    const resident = await db
      .insertInto('resident')
      .values({ channel: 'test', channel_user_id: 'types' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(typeof resident.id).toBe('number');
    expect(resident.created_at).toBeInstanceOf(Date);
    const contribution = await db
      .insertInto('contribution')
      .values({
        reference: 'B-9999',
        kind: 'need',
        resident_id: resident.id,
        text: 'test',
        category_source: 'model',
        location: JSON.stringify({ latitude: -20.99, longitude: 55.68 }),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(contribution.location).toEqual({ latitude: -20.99, longitude: 55.68 });
    expect(contribution.attachments).toEqual([]);
    const { n } = await db
      .selectFrom('resident')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBe(1);
    const big = await sql<{ v: number }>`select 9007199254740991::int8 as v`.execute(db);
    expect(big.rows[0]?.v).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a second identity for the same channel user', async () => {
    const { db } = getDatabase();
    await expect(
      db.insertInto('resident').values({ channel: 'test', channel_user_id: 'types' }).execute(),
    ).rejects.toThrow();
  });

  it('goes down and up again cleanly', async () => {
    const { db } = getDatabase();
    const names = Object.keys(migrations);
    for (const _ of names) await migrateDown(db);
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(names);
    expect((await db.introspection.getTables()).map((t) => t.name)).toContain('contribution');
  });
});
