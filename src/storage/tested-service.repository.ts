import type { Db } from './database.ts';

export async function insertTestedService(
  db: Db,
  values: { code: string; name: string; description: string | null },
) {
  return db.insertInto('tested_service').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function listTestedServices(db: Db, options: { activeOnly: boolean }) {
  let query = db.selectFrom('tested_service').selectAll().orderBy('name').orderBy('id');
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.execute();
}

export async function findTestedServiceByCode(db: Db, code: string) {
  return db.selectFrom('tested_service').where('code', '=', code).selectAll().executeTakeFirst();
}

/** Closes an active service; returns the closed row, or undefined when there was no active one by that code. */
export async function closeTestedService(db: Db, code: string, at: Date) {
  return db
    .updateTable('tested_service')
    .set({ active: false, closed_at: at })
    .where('code', '=', code)
    .where('active', '=', true)
    .returningAll()
    .executeTakeFirst();
}
