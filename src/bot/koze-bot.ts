import {
  ActivityHandler,
  type BotState,
  type ConversationState,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { runDialog, type Dialog } from 'botbuilder-dialogs';
import { FORGET_CONVERSATION } from '../../dialogs/turn.ts';

export interface KozeBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  /** The root dialog: every conversation runs inside it. */
  dialog: Dialog;
}

/**
 * Kozé's turn logic: every message goes to the root dialog, which decides what to ask next. State is
 * saved at the end of every turn, even a failed one, so that what the resident said is not lost — except
 * when a dialog asked to forget the conversation (consent refused, resident erased): then it is deleted.
 */
export class KozeBot extends ActivityHandler {
  private readonly states: BotState[];

  constructor(private readonly deps: KozeBotDeps) {
    super();
    this.states = [deps.conversationState, deps.userState];
    this.onMessage(async (context, next) => {
      await runDialog(deps.dialog, context, deps.conversationState.createProperty('DialogState'));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    try {
      await super.run(context);
    } finally {
      if (context.turnState.get(FORGET_CONVERSATION) === true) {
        await Promise.all(this.states.map((state) => state.delete(context)));
      } else {
        await Promise.all(this.states.map((state) => state.saveChanges(context, false)));
      }
    }
  }
}
