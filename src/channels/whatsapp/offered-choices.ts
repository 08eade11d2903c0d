import type { Db } from '../../storage/database.ts';
import type { OfferedChoice } from './numbered-choices.ts';

/**
 * The choices Kozé last offered in each chat, so that the next answer ("2", "deux", "aide") can be matched
 * against them. Kept in Postgres: after a restart the resident's "2" still means the second choice.
 */
export interface OfferedChoicesStore {
  get(chatId: string): Promise<OfferedChoice[] | undefined>;
  set(chatId: string, choices: OfferedChoice[]): Promise<void>;
  clear(chatId: string): Promise<void>;
}

interface OfferedChoiceTable {
  chat_id: string;
  choices: string | OfferedChoice[];
  offered_at?: Date | string;
}

/** The table of migration 0020, typed here: it belongs to the WhatsApp channel alone. */
const withTable = (db: Db) => db.withTables<{ whatsapp_offered_choice: OfferedChoiceTable }>();

export function databaseOfferedChoices(db: Db): OfferedChoicesStore {
  return {
    async get(chatId) {
      const row = await withTable(db)
        .selectFrom('whatsapp_offered_choice')
        .select('choices')
        .where('chat_id', '=', chatId)
        .executeTakeFirst();
      return row ? (row.choices as OfferedChoice[]) : undefined;
    },
    async set(chatId, choices) {
      const json = JSON.stringify(choices);
      await withTable(db)
        .insertInto('whatsapp_offered_choice')
        .values({ chat_id: chatId, choices: json })
        .onConflict((oc) => oc.column('chat_id').doUpdateSet({ choices: json, offered_at: new Date() }))
        .execute();
    },
    async clear(chatId) {
      await withTable(db).deleteFrom('whatsapp_offered_choice').where('chat_id', '=', chatId).execute();
    },
  };
}

export function memoryOfferedChoices(): OfferedChoicesStore {
  const map = new Map<string, OfferedChoice[]>();
  return {
    get: async (chatId) => map.get(chatId),
    set: async (chatId, choices) => void map.set(chatId, choices),
    clear: async (chatId) => void map.delete(chatId),
  };
}
