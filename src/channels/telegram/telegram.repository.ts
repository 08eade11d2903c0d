import type { Generated } from 'kysely';
import type { Update } from 'node-telegram-bot-api';
import type { Db } from '../../storage/database.ts';

/*
 * The Telegram channel's own tables (migration 0010). They are private to this channel, so their types live
 * here rather than in the shared schema: `db.withTables` adds them to the database's type.
 */

type UpdateCursorTable = {
  bot_id: number;
  last_update_id: number;
  updated_at: Generated<Date>;
};

type InboxTable = {
  update_id: number;
  bot_id: number;
  update: Update;
  received_at: Generated<Date>;
};

type CallbackValueTable = {
  key: string;
  value: string;
  created_at: Generated<Date>;
};

type ChatTable = {
  chat_id: number;
  keyboard_message_id: number | null;
  group_notified_at: Date | null;
  updated_at: Generated<Date>;
};

type TelegramTables = {
  telegram_update_cursor: UpdateCursorTable;
  telegram_inbox: InboxTable;
  telegram_callback_value: CallbackValueTable;
  telegram_chat: ChatTable;
};

const tables = (db: Db) => db.withTables<TelegramTables>();

/** The last update received and journaled for this bot (polling resumes right after it). */
export async function loadUpdateCursor(db: Db, botId: number): Promise<number | undefined> {
  const row = await tables(db)
    .selectFrom('telegram_update_cursor')
    .select('last_update_id')
    .where('bot_id', '=', botId)
    .executeTakeFirst();
  return row ? Number(row.last_update_id) : undefined;
}

/**
 * Journals updates just received, and moves the cursor past them, in one transaction: once this commits,
 * Telegram may forget them (the next getUpdates confirms them) and a crash still loses nothing.
 */
export async function journalUpdates(db: Db, botId: number, updates: Update[]): Promise<void> {
  if (updates.length === 0) return;
  const last = Math.max(...updates.map((u) => u.update_id));
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto('telegram_inbox')
        .values(
          updates.map((u) => ({ update_id: u.update_id, bot_id: botId, update: JSON.stringify(u) as never })),
        )
        .onConflict((oc) => oc.columns(['bot_id', 'update_id']).doNothing())
        .execute();
      await trx
        .insertInto('telegram_update_cursor')
        .values({ bot_id: botId, last_update_id: last })
        .onConflict((oc) =>
          oc.column('bot_id').doUpdateSet((eb) => ({
            last_update_id: eb.fn('greatest', [
              eb.ref('telegram_update_cursor.last_update_id'),
              eb.val(last),
            ]),
            updated_at: new Date(),
          })),
        )
        .execute();
    });
}

/** Updates journaled but not finished (a crash or a stop in the middle of their turns), oldest first. */
export async function unfinishedUpdates(db: Db, botId: number): Promise<Update[]> {
  const rows = await tables(db)
    .selectFrom('telegram_inbox')
    .select('update')
    .where('bot_id', '=', botId)
    .orderBy('update_id')
    .execute();
  return rows.map((r) => (typeof r.update === 'string' ? (JSON.parse(r.update) as Update) : r.update));
}

export async function finishUpdates(db: Db, botId: number, updateIds: number[]): Promise<void> {
  if (updateIds.length === 0) return;
  await tables(db)
    .deleteFrom('telegram_inbox')
    .where('bot_id', '=', botId)
    .where('update_id', 'in', updateIds)
    .execute();
}

export async function saveCallbackValue(db: Db, key: string, value: string): Promise<void> {
  await tables(db)
    .insertInto('telegram_callback_value')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function findCallbackValue(db: Db, key: string): Promise<string | undefined> {
  const row = await tables(db)
    .selectFrom('telegram_callback_value')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

/** The message whose buttons are the chat's current ones; null when none, undefined when never recorded. */
export async function findKeyboardMessage(db: Db, chatId: number): Promise<number | null | undefined> {
  const row = await tables(db)
    .selectFrom('telegram_chat')
    .select('keyboard_message_id')
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
  return row ? (row.keyboard_message_id === null ? null : Number(row.keyboard_message_id)) : undefined;
}

export async function saveKeyboardMessage(db: Db, chatId: number, messageId: number | null): Promise<void> {
  await tables(db)
    .insertInto('telegram_chat')
    .values({ chat_id: chatId, keyboard_message_id: messageId, group_notified_at: null })
    .onConflict((oc) =>
      oc.column('chat_id').doUpdateSet({ keyboard_message_id: messageId, updated_at: new Date() }),
    )
    .execute();
}

/** Claims the group notice for a chat: true only the first time, even with concurrent updates. */
export async function claimGroupNotice(db: Db, chatId: number): Promise<boolean> {
  const row = await tables(db)
    .insertInto('telegram_chat')
    .values({ chat_id: chatId, keyboard_message_id: null, group_notified_at: new Date() })
    .onConflict((oc) =>
      oc
        .column('chat_id')
        .doUpdateSet({ group_notified_at: new Date(), updated_at: new Date() })
        .where('telegram_chat.group_notified_at', 'is', null),
    )
    .returning('chat_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks (or clears) a Telegram resident as unreachable: they blocked the bot, so proactive messages
 * (surveys, news) skip them until they write again. Returns whether a resident row changed.
 */
export async function setResidentUnreachable(
  db: Db,
  telegramUserId: string,
  unreachable: boolean,
): Promise<boolean> {
  let query = tables(db)
    .updateTable('resident')
    .set({ unreachable_at: unreachable ? new Date() : null, updated_at: new Date() })
    .where('channel', '=', 'telegram')
    .where('channel_user_id', '=', telegramUserId);
  query = unreachable
    ? query.where('unreachable_at', 'is', null)
    : query.where('unreachable_at', 'is not', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
