import { describe, expect, it } from 'vitest';
import { MemoryStorage, type Storage } from 'botbuilder';
import { ETagConflictError, PostgresStorage } from '../../src/storage/bot-state.storage.ts';
import { describeEachEngine } from '../helpers/engines.ts';

/** The contract shared by MemoryStorage and PostgresStorage, run against both. */
function storageContract(storage: () => Storage, conflict: (error: unknown) => boolean) {
  it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
    await storage().write({ 'a/1': { count: 1, nested: { list: [1, 'deux'] } } });
    const items = await storage().read(['a/1', 'missing']);
    expect(items['a/1']).toMatchObject({ count: 1, nested: { list: [1, 'deux'] } });
    expect(typeof items['a/1']?.eTag).toBe('string');
    expect(items).not.toHaveProperty('missing');
  });

  it('overwrites with eTag "*" and without an eTag', async () => {
    await storage().write({ 'b/1': { v: 1 } });
    await storage().write({ 'b/1': { v: 2, eTag: '*' } });
    expect((await storage().read(['b/1']))['b/1']).toMatchObject({ v: 2 });
    await storage().write({ 'b/1': { v: 3 } });
    expect((await storage().read(['b/1']))['b/1']).toMatchObject({ v: 3 });
  });

  it('accepts the current eTag and refuses a stale one', async () => {
    await storage().write({ 'c/1': { v: 1 } });
    const first = (await storage().read(['c/1']))['c/1'];
    await storage().write({ 'c/1': { ...first, v: 2 } });
    const second = (await storage().read(['c/1']))['c/1'];
    expect(second.eTag).not.toBe(first.eTag);
    await expect(storage().write({ 'c/1': { ...first, v: 99 } })).rejects.toSatisfy(conflict);
    expect((await storage().read(['c/1']))['c/1']).toMatchObject({ v: 2 });
  });

  it('deletes', async () => {
    await storage().write({ 'd/1': { v: 1 }, 'd/2': { v: 2 } });
    await storage().delete(['d/1']);
    expect(Object.keys(await storage().read(['d/1', 'd/2']))).toEqual(['d/2']);
  });
}

describeEachEngine('PostgresStorage', (getDatabase) => {
  let storage: PostgresStorage | undefined;
  const get = () => (storage ??= new PostgresStorage(getDatabase().db));
  storageContract(get, (error) => error instanceof ETagConflictError);

  it('refuses a stale eTag under concurrent writers: exactly one of two racing writes wins', async () => {
    await get().write({ 'race/1': { v: 0 } });
    const base = (await get().read(['race/1']))['race/1'];
    const results = await Promise.allSettled([
      get().write({ 'race/1': { ...base, v: 'left' } }),
      get().write({ 'race/1': { ...base, v: 'right' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('writes several items all or nothing: one stale eTag leaves every item as it was', async () => {
    await get().write({ 'batch/1': { v: 1 }, 'batch/2': { v: 1 } });
    const stale = (await get().read(['batch/2']))['batch/2'];
    await get().write({ 'batch/2': { ...stale, v: 2 } });
    await expect(get().write({ 'batch/1': { v: 9 }, 'batch/2': { ...stale, v: 9 } })).rejects.toBeInstanceOf(
      ETagConflictError,
    );
    const items = await get().read(['batch/1', 'batch/2']);
    expect(items['batch/1']).toMatchObject({ v: 1 });
    expect(items['batch/2']).toMatchObject({ v: 2 });
  });
});

describe('MemoryStorage (reference behaviour)', () => {
  const memory = new MemoryStorage();
  storageContract(
    () => memory,
    (error) => /eTag conflict/.test(String(error)),
  );
});
