import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.ts';
import { no, yes } from './labels.ts';
import { ask, KozePrompt, type Answer } from './prompt.ts';
import type { RootAction } from './routing.ts';
import { forgetConversation, requireResident, setCurrentResident } from './turn.ts';

export const ERASE_DIALOG = 'erase';
const STEPS = 'erase.steps';
const PROMPT = 'erase.prompt';

/**
 * SUPPRIMER: a confirmation, then the resident's identity, profile, conversation reference and
 * conversation state are erased, and the texts of their contributions (statistics keep kind, category,
 * quartier and month). The audit log records that an erasure happened, not whose.
 */
export class EraseDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ERASE_DIALOG);
    this.addDialog(new KozePrompt(PROMPT, deps.t)).addDialog(
      new WaterfallDialog(STEPS, [this.confirm.bind(this), this.erase.bind(this)]),
    );
    this.initialDialogId = STEPS;
  }

  private async confirm(step: WaterfallStepContext) {
    return ask(step, PROMPT, {
      prompt: { key: 'erase.confirm' },
      choices: [yes('erase.yes'), no('erase.no')],
    });
  }

  private async erase(step: WaterfallStepContext) {
    const { t, residents, stateKeys } = this.deps;
    const { context } = step;
    const answer = step.result as Answer;
    if (answer.kind !== 'choice' || answer.value !== 'yes') {
      await context.sendActivity(t(context, 'erase.kept'));
      return step.endDialog({ then: 'menu' } satisfies RootAction);
    }
    const resident = requireResident(context);
    const { contributions } = await residents.erase(resident.id, stateKeys(context));
    setCurrentResident(context, undefined);
    forgetConversation(context);
    const key =
      contributions === 0 ? 'erase.done.nothing' : contributions === 1 ? 'erase.done.one' : 'erase.done';
    await context.sendActivity(t(context, key, { count: contributions }));
    return step.endDialog({ then: 'none' } satisfies RootAction);
  }
}
