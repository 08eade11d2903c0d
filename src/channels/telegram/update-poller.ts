import { TelegramApiError, type Api, type Update } from 'node-telegram-bot-api';
import type { Logger } from '../../logger.ts';
import type { Db } from '../../storage/database.ts';
import { finishUpdates, journalUpdates, loadUpdateCursor, unfinishedUpdates } from './telegram.repository.ts';
import { sleep } from '../../sleep.ts';

export interface PollerOptions {
  api: Api;
  db: Db;
  botId: number;
  /** Processes one update; resolves when it is done. Called concurrently (the handler keeps chats in order). */
  handle: (update: Update) => Promise<void>;
  logger: Logger;
  allowedUpdates: string[];
  /** Long-polling wait, in seconds (Telegram holds the request this long when there is nothing new). */
  timeoutSeconds?: number;
  /** Updates processed at once at most; polling pauses above it. */
  maxInFlight?: number;
  /** First wait after a failed poll, doubled up to `maxBackoffMs` (a 429's retry_after wins). */
  retryDelayMs?: number;
  maxBackoffMs?: number;
  /** Polling failed for good (the token was revoked). */
  onFatal: (error: TelegramApiError) => void;
  /** Polling lost (error message) or regained (undefined) its connection to Telegram. */
  onConnectivity: (problem: string | undefined) => void;
}

/** How long finished updates wait to be cleared from the inbox together. */
const FLUSH_MS = 20;

/**
 * Long polling that loses nothing and replays nothing. Telegram forgets an update as soon as getUpdates is
 * called with a higher offset, so updates are first journaled in the database (an inbox, in the same
 * transaction as the cursor of the last update received), and only then confirmed by the next poll. An
 * update leaves the inbox when its turn is over. After a restart, the inbox is processed first (what was
 * in progress at the crash), then polling resumes right after the cursor.
 *
 * Updates are handed over as soon as they arrive, without waiting for earlier ones to finish: chats run in
 * parallel, and the handler keeps each chat's updates in order.
 */
export class UpdatePoller {
  private readonly controller = new AbortController();
  private readonly inFlight = new Map<number, Promise<void>>();
  private cursor = 0;
  private loop: Promise<void> | undefined;
  private readonly done: number[] = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: PollerOptions) {}

  async start(): Promise<void> {
    const { db, botId, logger } = this.options;
    this.cursor = (await loadUpdateCursor(db, botId)) ?? 0;
    const unfinished = await unfinishedUpdates(db, botId);
    if (unfinished.length > 0)
      logger.info(`telegram: resuming ${unfinished.length} update(s) received before the last stop`);
    for (const update of unfinished) this.dispatch(update);
    this.loop = this.run();
  }

  /** Stops polling (the request in progress is cancelled) and waits for the updates in flight. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
    await Promise.all(this.inFlight.values());
  }

  /** The last update received (journaled); 0 before the first one. */
  get lastUpdateId(): number {
    return this.cursor;
  }

  private async run(): Promise<void> {
    const { api, logger, allowedUpdates } = this.options;
    const signal = this.controller.signal;
    const maxInFlight = this.options.maxInFlight ?? 1_000;
    let failures = 0;
    while (!signal.aborted) {
      if (this.inFlight.size >= maxInFlight) {
        await Promise.race(this.inFlight.values());
        continue;
      }
      let updates: Update[];
      try {
        updates = await api.getUpdates(
          {
            ...(this.cursor > 0 ? { offset: this.cursor + 1 } : {}),
            timeout: this.options.timeoutSeconds ?? 30,
            allowed_updates: allowedUpdates,
          },
          signal,
        );
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof TelegramApiError && (error.errorCode === 401 || error.errorCode === 404)) {
          this.options.onFatal(error);
          return;
        }
        failures++;
        const delay = this.backoff(error, failures);
        const problem =
          error instanceof TelegramApiError && error.errorCode === 409
            ? `another program receives this bot's updates (${error.description}); only one Kozé may run per bot`
            : `cannot reach Telegram (${(error as Error).message})`;
        if (failures === 1)
          logger.warn(`telegram: ${problem}; polling again in ${Math.round(delay / 1000)} s`);
        else logger.debug({ err: error, failures }, 'telegram: polling failed again');
        this.options.onConnectivity(problem);
        await sleep(delay, signal);
        continue;
      }
      if (failures > 0) {
        logger.info(`telegram: polling works again after ${failures} failed attempt(s)`);
        this.options.onConnectivity(undefined);
        failures = 0;
      }
      const fresh = updates.filter((u) => u.update_id > this.cursor);
      if (fresh.length === 0) continue;
      try {
        await journalUpdates(this.options.db, this.options.botId, fresh);
      } catch (error) {
        // Not journaled, so not confirmed either: the same updates come back at the next poll.
        logger.error({ err: error }, 'telegram: could not journal updates; they will be fetched again');
        await sleep(this.backoff(error, 1), signal);
        continue;
      }
      this.cursor = Math.max(this.cursor, ...fresh.map((u) => u.update_id));
      for (const update of fresh) this.dispatch(update);
    }
  }

  private dispatch(update: Update): void {
    const id = update.update_id;
    if (this.inFlight.has(id)) return;
    const done = this.options
      .handle(update)
      .catch((error: unknown) =>
        // A bug, not a resident's problem: logged, and the update is not retried forever.
        this.options.logger.error({ err: error, update: id }, 'telegram: update processing failed'),
      )
      .then(() => this.finished(id))
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, done);
  }

  /**
   * Clears processed updates from the inbox, a few at a time: one DELETE for all the updates finished within
   * FLUSH_MS. A crash in between replays them; the inbound log recognises their messages.
   */
  private finished(id: number): Promise<void> {
    this.done.push(id);
    this.flushing ??= new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS)).then(async () => {
      const ids = this.done.splice(0);
      this.flushing = undefined;
      await finishUpdates(this.options.db, this.options.botId, ids).catch((error: unknown) =>
        this.options.logger.error(
          { err: error, updates: ids },
          'telegram: could not clear processed updates',
        ),
      );
    });
    return this.flushing;
  }

  private backoff(error: unknown, failures: number): number {
    if (error instanceof TelegramApiError && error.retryAfter !== undefined) return error.retryAfter * 1000;
    const base = this.options.retryDelayMs ?? 1_000;
    return Math.min(base * 2 ** (failures - 1), this.options.maxBackoffMs ?? 60_000);
  }
}
