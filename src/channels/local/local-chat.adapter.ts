import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type Attachment,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { proactiveContext } from '../proactive-context.ts';

/** A message typed by a person in a terminal or a local test page. */
export interface LocalMessage {
  userId: string;
  /** The message's id, for deduplication; a new one when omitted. */
  id?: string;
  text?: string;
  /** Optional channel data (e.g. a shared location) for trying features without a phone. */
  value?: unknown;
  /** Files "sent" with the message (a photo, a voice note…), described as dialogs/README.md says. */
  attachments?: Attachment[];
}

const REPLIES = Symbol('koze.local.replies');

/**
 * The channel of `koze chat`: a BotAdapter whose "platform" is a function call. A turn returns the
 * activities the bot sent during it, which the console (or the local chat endpoint) renders.
 */
export class LocalChatAdapter extends BotAdapter {
  readonly channelId = 'console';

  async process(
    message: LocalMessage,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<Partial<Activity>[]> {
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: message.id ?? randomUUID(),
      channelId: this.channelId,
      serviceUrl: 'local',
      timestamp: new Date(),
      locale: 'fr-FR',
      from: { id: message.userId, name: message.userId },
      recipient: { id: 'koze', name: 'Kozé' },
      conversation: {
        id: `console:${message.userId}`,
        isGroup: false,
        conversationType: 'personal',
        name: '',
      },
      text: message.text ?? '',
      value: message.value,
      ...(message.attachments ? { attachments: message.attachments } : {}),
    };
    const context = new TurnContext(this, activity);
    const replies: Partial<Activity>[] = [];
    context.turnState.set(REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(REPLIES) as Partial<Activity>[] | undefined;
    return activities.map((activity) => {
      // A delay activity means nothing to a terminal, and traces are for developers' emulators.
      if (activity.type !== 'delay' && activity.type !== ActivityTypes.Trace) replies?.push(activity);
      return { id: randomUUID() };
    });
  }

  override async updateActivity(): Promise<void> {
    throw new Error('The local chat cannot edit a message already shown.');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The local chat cannot delete a message already shown.');
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    // A terminal session cannot be reached later: proactive messages to it are dropped, but the logic runs.
    await this.runMiddleware(proactiveContext(this, reference), logic);
  }
}
