import { sql, type Kysely } from 'kysely';

// Migrations are frozen in time: they use Kysely<any>, never the current schema types.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A contribution is saved at most once per conversation draft: the dialog draws a key when the resident
 * starts a need, an idea or a feedback, and a turn replayed after a crash (or a message redelivered before
 * its turn was recorded) finds the contribution already there instead of creating a second one.
 *
 * Also an index for "mes contributions" (a resident's latest first) and one for the facilitators' lists by
 * kind.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contribution').addColumn('idempotency_key', 'text').execute();
  await db.schema
    .createIndex('contribution_idempotency_unique')
    .on('contribution')
    .column('idempotency_key')
    .unique()
    .execute();
  await db.schema
    .createIndex('contribution_resident_created_idx')
    .on('contribution')
    .columns(['resident_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('contribution_kind_created_idx')
    .on('contribution')
    .columns(['kind', 'created_at'])
    .execute();
  await sql`create index audit_log_action_at_idx on audit_log (action, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_log_action_at_idx').ifExists().execute();
  await db.schema.dropIndex('contribution_kind_created_idx').ifExists().execute();
  await db.schema.dropIndex('contribution_resident_created_idx').ifExists().execute();
  await db.schema.dropIndex('contribution_idempotency_unique').ifExists().execute();
  await db.schema.alterTable('contribution').dropColumn('idempotency_key').execute();
}
