import type { Db } from './database.ts';
import type { Channel } from './schema.ts';

/**
 * Keeps a resident's latest conversation reference. Written at nearly every turn, so the update is skipped
 * (no new row version) when the reference has not changed.
 */
export async function upsertConversationReference(
  db: Db,
  values: { residentId: number; channel: string; conversationId: string; reference: object },
) {
  const reference = JSON.stringify(values.reference);
  await db
    .insertInto('conversation_reference')
    .values({
      resident_id: values.residentId,
      channel: values.channel as Channel,
      conversation_id: values.conversationId,
      reference,
    })
    .onConflict((oc) =>
      oc
        .column('resident_id')
        .doUpdateSet({
          channel: (eb) => eb.ref('excluded.channel'),
          conversation_id: (eb) => eb.ref('excluded.conversation_id'),
          reference: (eb) => eb.ref('excluded.reference'),
          updated_at: new Date(),
        })
        .whereRef('conversation_reference.reference', 'is distinct from', 'excluded.reference'),
    )
    .execute();
}

export async function findConversationReference(db: Db, residentId: number) {
  return db
    .selectFrom('conversation_reference')
    .where('resident_id', '=', residentId)
    .selectAll()
    .executeTakeFirst();
}

export async function deleteConversationReference(db: Db, residentId: number) {
  await db.deleteFrom('conversation_reference').where('resident_id', '=', residentId).execute();
}
