import { sql, type Kysely } from 'kysely';

// Migrations are frozen in time: they use Kysely<any>, never the current schema types.
/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resident')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('channel_user_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('fr-FR'))
    .addColumn('language', 'text', (c) =>
      c
        .notNull()
        .defaultTo('fr')
        .check(sql`language in ('fr', 'rcf')`),
    )
    .addColumn('consent_version', 'text')
    .addColumn('consent_at', 'timestamptz')
    .addColumn('consent_refused_at', 'timestamptz')
    .addColumn('opted_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('unreachable_at', 'timestamptz')
    .addColumn('quartier', 'text')
    .addColumn('role', 'text', (c) =>
      c.check(sql`role in ('habitant', 'association', 'entreprise', 'institution')`),
    )
    .addColumn('age_band', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('resident_channel_user_unique', ['channel', 'channel_user_id'])
    .execute();

  await db.schema
    .createTable('conversation_reference')
    .addColumn('resident_id', 'bigint', (c) => c.primaryKey().references('resident.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('inbound_message')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('platform_message_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('inbound_message_dedupe', ['channel', 'platform_message_id'])
    .execute();

  await db.schema
    .createTable('tested_service')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .execute();

  // One numbering per kind, so references read B-0001, I-0001, A-0001.
  for (const kind of ['need', 'idea', 'feedback']) {
    await sql`create sequence ${sql.id(`contribution_${kind}_seq`)}`.execute(db);
  }

  await db.schema
    .createTable('contribution')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('need', 'idea', 'feedback')`))
    // Null once the resident has been erased: statistics survive, the person does not.
    .addColumn('resident_id', 'bigint', (c) => c.references('resident.id').onDelete('set null'))
    .addColumn('text', 'text')
    .addColumn('category', 'text')
    .addColumn('confidence', 'double precision')
    .addColumn('model_version', 'integer')
    .addColumn('category_source', 'text', (c) =>
      c
        .notNull()
        .defaultTo('model')
        .check(sql`category_source in ('model', 'resident', 'admin')`),
    )
    .addColumn('review_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`review_status in ('pending', 'reviewed')`),
    )
    .addColumn('quartier', 'text')
    .addColumn('location', 'jsonb')
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('received')
        .check(sql`status in ('received', 'in_review', 'in_pipeline', 'done', 'rejected')`),
    )
    .addColumn('tested_service_id', 'bigint', (c) => c.references('tested_service.id'))
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('sentiment', 'text', (c) => c.check(sql`sentiment in ('negative', 'neutral', 'positive')`))
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('contribution_resident_idx').on('contribution').column('resident_id').execute();
  await db.schema
    .createIndex('contribution_review_idx')
    .on('contribution')
    .columns(['review_status', 'created_at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  await db.schema
    .createTable('bot_state')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('nlp_model')
    .addColumn('version', 'integer', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('config', 'jsonb', (c) => c.notNull())
    .addColumn('model', 'jsonb', (c) => c.notNull())
    .addColumn('metrics', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('training_size', 'integer', (c) => c.notNull())
    .addColumn('is_current', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // At most one current model.
  await sql`create unique index nlp_model_one_current on nlp_model (is_current) where is_current`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'nlp_model',
    'bot_state',
    'audit_log',
    'contribution',
    'tested_service',
    'inbound_message',
    'conversation_reference',
    'resident',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const kind of ['need', 'idea', 'feedback']) {
    await sql`drop sequence if exists ${sql.id(`contribution_${kind}_seq`)}`.execute(db);
  }
}
