import type { Db } from './database.ts';

export async function isInboundMessageProcessed(db: Db, channel: string, platformMessageId: string) {
  const row = await db
    .selectFrom('inbound_message')
    .select('id')
    .where('channel', '=', channel as never)
    .where('platform_message_id', '=', platformMessageId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a processed message; returns false when it was already recorded. */
export async function recordInboundMessage(db: Db, channel: string, platformMessageId: string) {
  const result = await db
    .insertInto('inbound_message')
    .values({ channel: channel as never, platform_message_id: platformMessageId })
    .onConflict((oc) => oc.columns(['channel', 'platform_message_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
