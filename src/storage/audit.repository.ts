import { sql } from 'kysely';
import type { Db } from './database.ts';

/** One line of the audit log. `details` must hold no personal data: it outlives erasures. */
export async function recordAudit(
  db: Db,
  entry: { actor: string; action: string; subject?: string | null; details?: Record<string, unknown> },
) {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      details: sql`${JSON.stringify(entry.details ?? {})}::jsonb`,
    })
    .execute();
}

export async function listAudit(db: Db, options: { action?: string; limit?: number } = {}) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
  if (options.action) query = query.where('action', '=', options.action);
  return query.limit(options.limit ?? 100).execute();
}
