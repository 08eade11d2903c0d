import { sql, type Insertable } from 'kysely';
import type { Db } from './database.ts';
import type { ContributionKind, ContributionTable } from './schema.ts';

const SEQUENCE: Record<ContributionKind, string> = {
  need: 'contribution_need_seq',
  idea: 'contribution_idea_seq',
  feedback: 'contribution_feedback_seq',
};

/** The next number of a kind's reference sequence (B-0042 → 42). */
export async function nextReferenceNumber(db: Db, kind: ContributionKind): Promise<number> {
  const result = await sql<{ n: number | string }>`select nextval(${SEQUENCE[kind]}::regclass) as n`.execute(
    db,
  );
  return Number(result.rows[0]!.n);
}

export async function findContributionByIdempotencyKey(db: Db, key: string) {
  return db.selectFrom('contribution').where('idempotency_key', '=', key).selectAll().executeTakeFirst();
}

/** Inserts a contribution; returns undefined when its idempotency key is already taken. */
export async function insertContribution(db: Db, values: Insertable<ContributionTable>) {
  return db
    .insertInto('contribution')
    .values(values)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** A resident's contributions, latest first, with the tested service's name for feedback, as listed to them. */
export async function listContributionsByResident(db: Db, residentId: number, limit: number) {
  return db
    .selectFrom('contribution as c')
    .leftJoin('tested_service as s', 's.id', 'c.tested_service_id')
    .where('c.resident_id', '=', residentId)
    .select([
      'c.reference',
      'c.kind',
      'c.created_at as createdAt',
      'c.category',
      'c.status',
      'c.text',
      's.name as serviceName',
    ])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

export async function countContributionsByResident(db: Db, residentId: number) {
  const row = await db
    .selectFrom('contribution')
    .where('resident_id', '=', residentId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Strips a resident's contributions down to what statistics may keep (kind, category, quartier, month,
 * status): texts, files, places, answers, ratings and the link to the person go. Returns the ids touched.
 */
export async function anonymiseContributionsOfResident(db: Db, residentId: number) {
  const rows = await db
    .updateTable('contribution')
    .set({
      resident_id: null,
      text: null,
      location: null,
      attachments: sql`'[]'::jsonb`,
      details: sql`'{}'::jsonb`,
      rating: null,
      sentiment: null,
      tested_service_id: null,
      idempotency_key: null,
      // The month as residents live it, whatever the server's time zone.
      created_at: sql<Date>`date_trunc('month', created_at, 'Indian/Reunion')`,
      updated_at: new Date(),
    })
    .where('resident_id', '=', residentId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Every need whose text is still held, for the similar-needs index. */
export async function listNeedTexts(db: Db) {
  return db
    .selectFrom('contribution')
    .where('kind', '=', 'need')
    .where('text', 'is not', null)
    .select(['id', 'resident_id', 'text'])
    .orderBy('id')
    .execute();
}
