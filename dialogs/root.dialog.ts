import {
  ChoiceFactory,
  ChoicePrompt,
  ComponentDialog,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Catalog } from './catalog/catalog.ts';

export const ROOT_DIALOG = 'root';
const STEPS = 'root.steps';
const MENU = 'root.menu';
const DESCRIBE = 'root.describe';

/** The entry point of every conversation: greets, offers the menu, and takes a need. */
export class RootDialog extends ComponentDialog {
  constructor(private readonly deps: { t: Catalog }) {
    super(ROOT_DIALOG);
    this.addDialog(new ChoicePrompt(MENU))
      .addDialog(new TextPrompt(DESCRIBE))
      .addDialog(
        new WaterfallDialog(STEPS, [this.greet.bind(this), this.route.bind(this), this.thank.bind(this)]),
      );
    this.initialDialogId = STEPS;
  }

  private async greet(step: WaterfallStepContext) {
    const { t } = this.deps;
    await step.context.sendActivity(t(step.context, 'root.greeting'));
    return step.prompt(MENU, {
      prompt: t(step.context, 'root.menu'),
      choices: ChoiceFactory.toChoices([
        t(step.context, 'root.menu.need'),
        t(step.context, 'root.menu.help'),
      ]),
      style: ListStyle.suggestedAction,
    });
  }

  private async route(step: WaterfallStepContext) {
    const { t } = this.deps;
    if (step.result.index === 1) {
      await step.context.sendActivity(t(step.context, 'root.help'));
      return step.endDialog();
    }
    return step.prompt(DESCRIBE, t(step.context, 'need.describe'));
  }

  private async thank(step: WaterfallStepContext) {
    await step.context.sendActivity(this.deps.t(step.context, 'need.thanks', { text: String(step.result) }));
    return step.endDialog();
  }
}
