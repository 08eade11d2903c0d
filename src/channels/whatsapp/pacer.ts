/**
 * WhatsApp bans numbers that behave like spam robots: instant replies, bursts of messages, many unsolicited
 * messages in a row. Kozé writes at a human rhythm instead: it shows "typing…", waits a moment proportional to
 * the length of what it is about to say, leaves a minimum gap between two messages in one chat, and spaces out
 * the messages it sends on its own initiative (surveys, news) across all chats.
 */

/** Pacing settings (WHATSAPP_TYPING, WHATSAPP_TYPING_MS_PER_CHAR, …; defaults documented in the README). */
export interface PacingOptions {
  /** Show "typing…" before each message. */
  typing: boolean;
  /** Typing time per character of the message, in ms… */
  typingMsPerChar: number;
  /** …capped at this, so that a long message is not a long wait. */
  typingMaxMs: number;
  /** Minimum time between two messages to the same chat, in ms. */
  minGapMs: number;
  /** Messages per minute Kozé may start on its own across all chats (0: no limit). */
  proactivePerMinute: number;
}

export const DEFAULT_PACING: PacingOptions = {
  typing: true,
  typingMsPerChar: 15,
  typingMaxMs: 3000,
  minGapMs: 1500,
  proactivePerMinute: 6,
};

/** Time, injectable so that tests (and fake timers) drive it. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Pacer {
  /** When the latest message reserved in each chat goes (or went) out. */
  private readonly nextFree = new Map<string, number>();
  private nextProactiveSlot = 0;

  constructor(
    readonly options: PacingOptions,
    private readonly clock: Clock = realClock,
  ) {}

  /** How long Kozé "types" a message of this length. */
  typingDelay(text: string): number {
    return Math.min(this.options.typingMaxMs, Math.round(this.options.typingMsPerChar * text.length));
  }

  /**
   * Waits until a message may be sent to `chatId`, showing "typing…" meanwhile. The slot is reserved before
   * waiting, so two senders to the same chat (a reply and a survey) queue up instead of colliding.
   */
  async beforeSend(
    chatId: string,
    text: string,
    options: { proactive: boolean; showTyping?: () => Promise<unknown> },
  ): Promise<void> {
    const { clock } = this;
    if (options.proactive && this.options.proactivePerMinute > 0) {
      const slot = Math.max(clock.now(), this.nextProactiveSlot);
      this.nextProactiveSlot = slot + 60_000 / this.options.proactivePerMinute;
      await this.sleepUntil(slot);
    }
    const start = clock.now();
    const sendAt = Math.max(
      start + this.typingDelay(text),
      (this.nextFree.get(chatId) ?? -Infinity) + this.options.minGapMs,
    );
    this.nextFree.set(chatId, sendAt);
    this.forgetOldChats(start);
    // "typing…" is a courtesy: failing to show it must not stop the message.
    if (this.options.typing && options.showTyping) await options.showTyping().catch(() => undefined);
    await this.sleepUntil(sendAt);
  }

  private async sleepUntil(at: number): Promise<void> {
    const wait = at - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }

  private forgetOldChats(now: number): void {
    if (this.nextFree.size < 1000) return;
    for (const [chat, at] of this.nextFree) if (at + this.options.minGapMs < now) this.nextFree.delete(chat);
  }
}
