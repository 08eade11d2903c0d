import type { ConversationState, TurnContext } from 'botbuilder';
import { t } from '../../dialogs/catalog/catalog.ts';
import type { Logger } from '../logger.ts';

/**
 * What happens when a turn throws: the resident gets an apology in their language, the error is logged with
 * enough context to find the conversation, and the conversation state is reset so the next message starts
 * cleanly instead of failing the same way again.
 */
export function createTurnErrorHandler(logger: Logger, conversationState: ConversationState) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const { channelId, conversation, id, type } = context.activity;
    logger.error(
      { err: error, channel: channelId, conversation: conversation?.id, activity: id, type },
      'turn failed',
    );
    try {
      await conversationState.delete(context);
      await context.sendActivity(t(context, 'error.apology'));
    } catch (sendError) {
      logger.error(
        { err: sendError, channel: channelId, conversation: conversation?.id },
        'could not apologise',
      );
    }
  };
}
