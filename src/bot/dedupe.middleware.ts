import type { Middleware, TurnContext } from 'botbuilder';
import type { Db } from '../storage/database.ts';
import { isInboundMessageProcessed, recordInboundMessage } from '../storage/inbound-message.repository.ts';

/**
 * Processes each platform message once. Platforms redeliver (Telegram after a restart, WhatsApp when it
 * replays history at reconnection), and a resident must never get a second need out of one message.
 *
 * The message is recorded after its turn, not before: a crash in the middle of a turn lets the redelivered
 * message run again instead of losing it. Duplicates arriving during the turn wait behind it, because
 * SerialTurnsMiddleware runs before this one.
 */
export class DedupeMiddleware implements Middleware {
  constructor(private readonly db: Db) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, id, channelId } = context.activity;
    if (type !== 'message' || !id) return next();
    if (await isInboundMessageProcessed(this.db, channelId, id)) return;
    try {
      await next();
    } finally {
      await recordInboundMessage(this.db, channelId, id);
    }
  }
}
