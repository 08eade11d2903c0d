import { ActivityTypes, TurnContext, type BotAdapter, type ConversationReference } from 'botbuilder';

/**
 * The turn context of a proactive message (a survey, news about a need): no inbound message, only the
 * stored reference of the conversation to write in. Shared by every channel's `continueConversation`.
 */
export function proactiveContext(
  adapter: BotAdapter,
  reference: Partial<ConversationReference>,
): TurnContext {
  return new TurnContext(
    adapter,
    TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    ),
  );
}
