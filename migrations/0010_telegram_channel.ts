import { sql, type Kysely } from 'kysely';

// Migrations are frozen in time: they use Kysely<any>, never the current schema types.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * What the Telegram channel must remember across restarts:
 * - the updates received by polling and not yet fully processed (an inbox), and the last update received per
 *   bot: updates are journaled before Telegram is told to forget them, so a crash loses none, and polling
 *   resumes right after the last one, so none is replayed;
 * - button values too long for Telegram's 64-byte `callback_data`, under a short key derived from the value;
 * - per chat, the message carrying the buttons still in use (a press on any other is stale) and whether
 *   Kozé has already told a group chat that it only works in private messages.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('telegram_update_cursor')
    .addColumn('bot_id', 'bigint', (c) => c.primaryKey())
    .addColumn('last_update_id', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('telegram_inbox')
    .addColumn('bot_id', 'bigint', (c) => c.notNull())
    .addColumn('update_id', 'bigint', (c) => c.notNull())
    .addColumn('update', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('telegram_inbox_pk', ['bot_id', 'update_id'])
    .execute();
  await db.schema
    .createTable('telegram_callback_value')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('telegram_chat')
    .addColumn('chat_id', 'bigint', (c) => c.primaryKey())
    .addColumn('keyboard_message_id', 'bigint')
    .addColumn('group_notified_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('telegram_chat').ifExists().execute();
  await db.schema.dropTable('telegram_callback_value').ifExists().execute();
  await db.schema.dropTable('telegram_inbox').ifExists().execute();
  await db.schema.dropTable('telegram_update_cursor').ifExists().execute();
}
