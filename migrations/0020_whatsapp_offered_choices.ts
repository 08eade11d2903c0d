import { sql, type Kysely } from 'kysely';

// Migrations are frozen in time: they use Kysely<any>, never the current schema types.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * WhatsApp shows choices as numbered lists: the choices last offered in each chat are kept so that the
 * resident's next answer ("2", "deux", the label misspelt) is understood, even after a restart. One row per
 * chat at most, deleted as soon as Kozé asks something that is not a choice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('whatsapp_offered_choice')
    .addColumn('chat_id', 'text', (c) => c.primaryKey())
    .addColumn('choices', 'jsonb', (c) => c.notNull())
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('whatsapp_offered_choice').ifExists().execute();
}
