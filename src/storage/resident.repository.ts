import type { Selectable, Updateable } from 'kysely';
import type { Db } from './database.ts';
import type { Channel, ResidentTable } from './schema.ts';

export type ResidentRow = Selectable<ResidentTable>;

export async function findResidentByChannelUser(db: Db, channel: string, channelUserId: string) {
  return db
    .selectFrom('resident')
    .where('channel', '=', channel as Channel)
    .where('channel_user_id', '=', channelUserId)
    .selectAll()
    .executeTakeFirst();
}

/** A resident with the conversation reference kept for them (null when none). */
export async function findResidentWithReference(db: Db, channel: string, channelUserId: string) {
  return db
    .selectFrom('resident as r')
    .leftJoin('conversation_reference as c', 'c.resident_id', 'r.id')
    .where('r.channel', '=', channel as Channel)
    .where('r.channel_user_id', '=', channelUserId)
    .selectAll('r')
    .select('c.reference as stored_reference')
    .executeTakeFirst();
}

export async function findResidentById(db: Db, id: number) {
  return db.selectFrom('resident').where('id', '=', id).selectAll().executeTakeFirst();
}

/** Creates the resident or records their consent on the existing row (clearing an earlier refusal). */
export async function upsertConsent(
  db: Db,
  values: {
    channel: string;
    channelUserId: string;
    language: 'fr' | 'rcf';
    locale: string;
    version: string;
    at: Date;
  },
) {
  return db
    .insertInto('resident')
    .values({
      channel: values.channel as Channel,
      channel_user_id: values.channelUserId,
      language: values.language,
      locale: values.locale,
      consent_version: values.version,
      consent_at: values.at,
      consent_refused_at: null,
    })
    .onConflict((oc) =>
      oc.columns(['channel', 'channel_user_id']).doUpdateSet({
        language: values.language,
        locale: values.locale,
        consent_version: values.version,
        consent_at: values.at,
        consent_refused_at: null,
        updated_at: values.at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Records a refusal: the channel identity (to not ask again at each message), the language, the date. */
export async function upsertRefusal(
  db: Db,
  values: { channel: string; channelUserId: string; language: 'fr' | 'rcf'; at: Date },
) {
  await db
    .insertInto('resident')
    .values({
      channel: values.channel as Channel,
      channel_user_id: values.channelUserId,
      language: values.language,
      consent_refused_at: values.at,
    })
    .onConflict((oc) =>
      oc.columns(['channel', 'channel_user_id']).doUpdateSet({
        language: values.language,
        consent_version: null,
        consent_at: null,
        consent_refused_at: values.at,
        updated_at: values.at,
      }),
    )
    .execute();
}

export async function updateResident(db: Db, id: number, patch: Updateable<ResidentTable>) {
  await db
    .updateTable('resident')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteResident(db: Db, id: number) {
  const result = await db.deleteFrom('resident').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Deletes Bot Framework state items (dialog stacks, user state) by key. Used when a resident is erased:
 * the state of an unfinished dialog may hold what they were typing.
 */
export async function deleteBotStateItems(db: Db, keys: string[]) {
  if (keys.length === 0) return;
  await db.deleteFrom('bot_state').where('id', 'in', keys).execute();
}
