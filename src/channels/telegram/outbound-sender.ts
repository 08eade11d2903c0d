import {
  NetworkError,
  TelegramApiError,
  TimeoutError,
  type Api,
  type Message,
  type SendMessageParams,
} from 'node-telegram-bot-api';
import type { Logger } from '../../logger.ts';

/** Outbound limits. Telegram's: about 30 messages per second overall, 1 per second in a chat (short bursts allowed). */
export interface PacingOptions {
  maxPerSecond: number;
  maxPerChatPerSecond: number;
  /** Messages a chat may receive at once before the per-chat rate applies (a turn's 2–3 bubbles). */
  chatBurst: number;
}

export interface SenderOptions extends PacingOptions {
  /** The library's client, with its own retries off: this sender decides when to retry. */
  api: Api;
  logger: Logger;
  /** Called once when a chat turns out to have blocked the bot (HTTP 403). */
  onBlocked: (chatId: number, description: string) => Promise<void> | void;
  /** Attempts per message for transient failures (network, 5xx, 429). Default 6. */
  maxAttempts?: number;
  /** First backoff after a network error, doubled each time up to `maxBackoffMs`. Default 500 ms / 30 s. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * A chat's pace: `burst` messages at once, then one every `1 / rate` seconds (a token bucket, written as a
 * virtual schedule). The schedule moves from the time Telegram *answered* each message, not the time it was
 * sent: however late a request leaves, Telegram never sees the chat go faster than allowed.
 */
export class ChatPacer {
  private theoreticalAt = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(ratePerSecond: number, burst: number) {
    this.intervalMs = 1_000 / ratePerSecond;
    this.toleranceMs = (Math.max(1, burst) - 1) * this.intervalMs;
  }

  /** How long the next message must wait. */
  waitMs(now = Date.now()): number {
    return Math.max(0, Math.ceil(this.theoreticalAt - this.toleranceMs - now));
  }

  /** Telegram answered a message (whatever the answer) at `at`. */
  answered(at = Date.now()): void {
    this.theoreticalAt = Math.max(this.theoreticalAt, at) + this.intervalMs;
  }

  /** True once a full burst is available again. */
  rested(now = Date.now()): boolean {
    return now >= this.theoreticalAt;
  }
}

/** Why a message was not delivered: the resident blocked the bot, or Kozé is shutting down. */
export class MessageDropped extends Error {
  constructor(
    readonly chatId: number,
    readonly reason: 'blocked' | 'shutdown',
  ) {
    super(`message to chat ${chatId} dropped: ${reason}`);
  }
}

interface Job {
  params: SendMessageParams;
  attempts: number;
  resolve: (message: Message) => void;
  reject: (error: unknown) => void;
}

interface ChatQueue {
  jobs: Job[];
  pacer: ChatPacer;
  /** Telegram asked this chat to wait (429) until then. */
  pausedUntil: number;
  worker: Promise<void> | undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * At most `limit` messages in any second *as Telegram receives them*. A message occupies its slot from the
 * moment it is sent until one second after Telegram answered: whatever delays the request on the way (a
 * busy event loop, the network), two messages `limit` apart reach Telegram at least a second apart. Unlike a
 * token bucket (which allows its burst plus its rate within one second), this is what "N per second" means.
 */
export class SendWindow {
  private inFlight = 0;
  private readonly answeredAt: number[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private released: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  /** Waits for a slot, in arrival order; call the returned function once Telegram has answered. */
  acquire(): Promise<() => void> {
    const turn = this.chain.then(async () => {
      for (;;) {
        const now = Date.now();
        while (this.answeredAt.length > 0 && now - this.answeredAt[0]! >= 1_000) this.answeredAt.shift();
        if (this.inFlight + this.answeredAt.length < this.limit) {
          this.inFlight++;
          let done = false;
          return () => {
            if (done) return;
            done = true;
            this.inFlight--;
            this.answeredAt.push(Date.now());
            this.released?.();
          };
        }
        // Wait for the oldest answered slot to expire, or for a message in flight to be answered.
        await new Promise<void>((resolve) => {
          const timer =
            this.answeredAt.length > 0 ? setTimeout(resolve, this.answeredAt[0]! + 1_000 - now) : undefined;
          this.released = () => {
            clearTimeout(timer);
            this.released = undefined;
            resolve();
          };
        });
      }
    });
    this.chain = turn;
    return turn;
  }
}

function isTransient(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    (error instanceof TelegramApiError && (error.errorCode === 429 || error.errorCode >= 500))
  );
}

/** A 403 that means the person is gone for now: blocked the bot, deactivated, kicked it from the chat. */
function isBlocked(error: unknown): error is TelegramApiError {
  return error instanceof TelegramApiError && error.errorCode === 403;
}

/**
 * Sends Kozé's messages to Telegram within its limits, in order per chat:
 * - one FIFO queue per chat, paced per chat (a burst, then `maxPerChatPerSecond`: `ChatPacer`), all
 *   chats sharing a global window (at most `maxPerSecond` reach Telegram in any second); chats run in parallel;
 * - 429: the chat waits exactly `retry_after` seconds, then the same message is sent again (order kept);
 * - 403 (blocked): the chat's queue is dropped, `onBlocked` is called once, and later messages are dropped
 *   without calling Telegram until the resident writes again (`unblock`) — no retry storm;
 * - network errors and 5xx: retried with exponential backoff, a bounded number of times.
 * Other calls (typing, answering a button, removing a keyboard) are not messages: they skip the pacing but
 * get the same error handling, and never throw.
 */
export class OutboundSender {
  private readonly chats = new Map<number, ChatQueue>();
  private readonly global: SendWindow;
  private readonly blocked = new Set<number>();
  private closing = false;
  /** Messages sent, for the benchmark and logs. */
  sent = 0;

  constructor(private readonly options: SenderOptions) {
    this.global = new SendWindow(Math.max(1, Math.floor(options.maxPerSecond)));
  }

  /** Queues a message; resolves with the sent message, or rejects (MessageDropped, or a permanent error). */
  sendMessage(params: SendMessageParams): Promise<Message> {
    const chatId = Number(params.chat_id);
    if (this.blocked.has(chatId)) return Promise.reject(new MessageDropped(chatId, 'blocked'));
    if (this.closing) return Promise.reject(new MessageDropped(chatId, 'shutdown'));
    return new Promise<Message>((resolve, reject) => {
      const queue = this.queue(chatId);
      queue.jobs.push({ params, attempts: 0, resolve, reject });
      queue.worker ??= this.work(chatId, queue).finally(() => {
        queue.worker = undefined;
      });
    });
  }

  /**
   * Calls a non-message method (sendChatAction, answerCallbackQuery, editMessageReplyMarkup…) with retries
   * for transient errors. Never throws: returns undefined when it did not work (logged at debug level).
   */
  async call<R>(what: string, chatId: number | undefined, request: () => Promise<R>): Promise<R | undefined> {
    if (chatId !== undefined && this.blocked.has(chatId)) return undefined;
    const maxAttempts = Math.min(3, this.options.maxAttempts ?? 6);
    for (let attempt = 1; ; attempt++) {
      try {
        return await request();
      } catch (error) {
        if (chatId !== undefined && isBlocked(error)) {
          await this.markBlocked(chatId, error.description);
          return undefined;
        }
        if (!isTransient(error) || attempt >= maxAttempts || this.closing) {
          this.options.logger.debug({ err: error, chat: chatId }, `telegram: ${what} failed`);
          return undefined;
        }
        await sleep(this.retryDelay(error, attempt));
      }
    }
  }

  /** Telegram told us (my_chat_member) that the resident blocked the bot: drop their messages from now on. */
  block(chatId: number): void {
    this.blocked.add(chatId);
    for (const job of this.chats.get(chatId)?.jobs.splice(0) ?? [])
      job.reject(new MessageDropped(chatId, 'blocked'));
  }

  /** The resident wrote again: they unblocked the bot. */
  unblock(chatId: number): boolean {
    return this.blocked.delete(chatId);
  }

  isBlocked(chatId: number): boolean {
    return this.blocked.has(chatId);
  }

  /** Messages waiting in every queue. */
  get backlog(): number {
    let n = 0;
    for (const queue of this.chats.values()) n += queue.jobs.length;
    return n;
  }

  /**
   * Graceful shutdown: refuses new messages and waits for the queued ones to be sent, for at most
   * `timeoutMs`; what is left is dropped (and logged).
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    this.closing = true;
    const workers = [...this.chats.values()].map((q) => q.worker).filter(Boolean);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.all(workers).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      const left = this.backlog;
      for (const [chatId, queue] of this.chats) {
        for (const job of queue.jobs.splice(0)) job.reject(new MessageDropped(chatId, 'shutdown'));
      }
      this.options.logger.warn(
        `telegram: ${left} message(s) still queued after ${timeoutMs} ms at shutdown were dropped`,
      );
    }
  }

  private queue(chatId: number): ChatQueue {
    let queue = this.chats.get(chatId);
    if (!queue) {
      if (this.chats.size >= 1_000) this.forgetIdleChats();
      const { maxPerChatPerSecond, chatBurst } = this.options;
      queue = {
        jobs: [],
        pacer: new ChatPacer(maxPerChatPerSecond, chatBurst),
        pausedUntil: 0,
        worker: undefined,
      };
      this.chats.set(chatId, queue);
    }
    return queue;
  }

  /** Drops the queues of chats quiet long enough for a full burst again: nothing is lost. */
  private forgetIdleChats(): void {
    const now = Date.now();
    for (const [chatId, queue] of this.chats) {
      if (!queue.worker && queue.jobs.length === 0 && queue.pacer.rested(now) && now > queue.pausedUntil)
        this.chats.delete(chatId);
    }
  }

  private async work(chatId: number, queue: ChatQueue): Promise<void> {
    while (queue.jobs.length > 0) {
      const job = queue.jobs[0]!;
      const wait = Math.max(queue.pausedUntil - Date.now(), queue.pacer.waitMs());
      if (wait > 0) await sleep(wait);
      const release = await this.global.acquire();
      job.attempts++;
      try {
        const message = await this.options.api.sendMessage(job.params).finally(() => {
          release();
          queue.pacer.answered();
        });
        this.sent++;
        queue.jobs.shift();
        job.resolve(message);
      } catch (error) {
        if (isBlocked(error)) {
          await this.markBlocked(chatId, error.description);
          for (const dropped of queue.jobs.splice(0)) dropped.reject(new MessageDropped(chatId, 'blocked'));
          return;
        }
        if (isTransient(error) && job.attempts < (this.options.maxAttempts ?? 6)) {
          const delay = this.retryDelay(error, job.attempts);
          if (error instanceof TelegramApiError && error.errorCode === 429) {
            queue.pausedUntil = Date.now() + delay;
            this.options.logger.warn(
              { chat: chatId, retryAfter: error.retryAfter },
              `telegram: flood control (429), chat ${chatId} waits ${Math.round(delay / 1000)} s`,
            );
          } else {
            this.options.logger.warn(
              { err: error, chat: chatId },
              `telegram: sending failed, retry in ${delay} ms`,
            );
            await sleep(delay);
          }
          continue;
        }
        queue.jobs.shift();
        job.reject(error);
      }
    }
  }

  private retryDelay(error: unknown, attempt: number): number {
    if (error instanceof TelegramApiError && error.retryAfter !== undefined) return error.retryAfter * 1000;
    const base = this.options.backoffMs ?? 500;
    const capped = Math.min(base * 2 ** (attempt - 1), this.options.maxBackoffMs ?? 30_000);
    return Math.round(capped * (0.5 + Math.random() * 0.5));
  }

  private async markBlocked(chatId: number, description: string): Promise<void> {
    if (this.blocked.has(chatId)) return;
    this.blocked.add(chatId);
    this.options.logger.info(
      `telegram: chat ${chatId} is unreachable (${description}); its messages are dropped until it writes again`,
    );
    try {
      await this.options.onBlocked(chatId, description);
    } catch (error) {
      this.options.logger.error(
        { err: error, chat: chatId },
        'telegram: could not record an unreachable resident',
      );
    }
  }
}
