import type { Middleware, TurnContext } from 'botbuilder';

/**
 * Runs the turns of one conversation one at a time, in arrival order, while different conversations run in
 * parallel. Dialog state is read at the start of a turn and saved at its end: two overlapping turns of the
 * same chat would lose one of the two answers.
 */
export class SerialTurnsMiddleware implements Middleware {
  private readonly tails = new Map<string, Promise<void>>();

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const turn = previous.then(next, next);
    const tail = turn.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      await turn;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Resolves when every turn started so far has finished (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
