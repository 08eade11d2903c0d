import { createHash } from 'node:crypto';
import type { Db } from '../../storage/database.ts';
import { findCallbackValue, saveCallbackValue } from './telegram.repository.ts';

/** Telegram refuses `callback_data` longer than this, in UTF-8 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const INLINE = '=';
const KEYED = '#';

/**
 * A button's value travels in its `callback_data` when it fits (`=` + the value); longer values (accented
 * labels, long choices) travel as `#` + a short hash and are kept in the database under that key, so a
 * button pressed after a restart still works. The key is derived from the value: the same label is stored
 * once, whatever the number of messages showing it.
 */
export class CallbackValues {
  private readonly cache = new Map<string, string>();

  constructor(private readonly db: Db) {}

  async encode(value: string): Promise<string> {
    const inline = INLINE + value;
    if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return inline;
    const key = KEYED + createHash('sha256').update(value).digest('base64url').slice(0, 22);
    if (!this.cache.has(key)) {
      await saveCallbackValue(this.db, key, value);
      this.remember(key, value);
    }
    return key;
  }

  /** The value behind a button's data; undefined for data Kozé did not make (or forgot). */
  async decode(data: string | undefined): Promise<string | undefined> {
    if (!data) return undefined;
    if (data.startsWith(INLINE)) return data.slice(INLINE.length);
    if (!data.startsWith(KEYED)) return undefined;
    const cached = this.cache.get(data);
    if (cached !== undefined) return cached;
    const value = await findCallbackValue(this.db, data);
    if (value !== undefined) this.remember(data, value);
    return value;
  }

  private remember(key: string, value: string): void {
    // A few thousand distinct labels at most; the bound only guards against a runaway.
    if (this.cache.size >= 5_000) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, value);
  }
}
