import { ActivityTypes, InputHints, type Activity, type TurnContext } from 'botbuilder';
import {
  ChoiceFactory,
  Dialog,
  Prompt,
  type DialogContext,
  type DialogTurnResult,
  type PromptOptions,
  type PromptRecognizerResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Catalog, MessageKey } from './catalog/catalog.ts';
import { recognizeChoice, starsAsNumber, type ChoiceSpec, type Label } from './choices.ts';
import { isBlank, type AttachmentKind, type GeoPoint, type ReceivedAttachment } from './input.ts';
import { currentInput, markGaveUp } from './turn.ts';

/** A catalog message with its placeholders. */
export interface Msg {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/** What a question accepts. Serializable: it is kept in the dialog state while Kozé waits for the answer. */
export interface PromptSpec {
  prompt: Msg;
  /** Shown when the answer is empty or emojis only. */
  example?: Msg;
  /** Buttons. Without `freeText`, only one of them is an answer. */
  choices?: ChoiceSpec[];
  /** Any text is an answer; a button is recognised only when the answer is exactly its label or a synonym. */
  freeText?: boolean;
  accept?: { location?: boolean; image?: boolean };
}

export type Answer =
  | { kind: 'choice'; value: string; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'location'; location: GeoPoint }
  | { kind: 'image'; attachment: ReceivedAttachment };

/** Failed answers before the resident is offered the menu instead (the question is re-asked twice). */
export const MAX_FAILED_ANSWERS = 3;

const NOTICE_FOR: Record<AttachmentKind, MessageKey> = {
  image: 'input.image',
  audio: 'input.audio',
  video: 'input.video',
  sticker: 'input.sticker',
  document: 'input.document',
  other: 'input.document',
};

export function renderLabel(t: Catalog, context: TurnContext, label: Label): string {
  return 'text' in label ? label.text : t(context, label.key, label.vars);
}

/** A message with buttons; the button's value is its title, so a tap reads as if the resident typed it. */
export function withButtons(
  t: Catalog,
  context: TurnContext,
  text: string,
  choices: ChoiceSpec[] = [],
): Partial<Activity> {
  if (choices.length === 0)
    return { type: ActivityTypes.Message, text, inputHint: InputHints.ExpectingInput };
  const titles = choices.map((choice) => renderLabel(t, context, choice.label));
  const activity = ChoiceFactory.suggestedAction(titles, text);
  activity.inputHint = InputHints.ExpectingInput;
  return activity;
}

/**
 * Every question Kozé asks: buttons rendered as suggested actions (Telegram keyboards, WhatsApp numbered
 * lists), answers recognised without accents, by number or by word, in French or Creole, and bad input
 * handled the same way everywhere:
 * - a sticker, voice note, photo or file when text is expected: a polite word, and the same question;
 * - an empty or emoji-only answer, or an answer matching no button: the question again (with an example),
 *   twice at most; the third time the root dialog offers the menu.
 */
export class KozePrompt extends Prompt<Answer> {
  constructor(
    dialogId: string,
    private readonly t: Catalog,
  ) {
    super(dialogId);
  }

  protected override async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    _isRetry: boolean,
  ): Promise<void> {
    const spec = options.validations as PromptSpec;
    const activity = withButtons(
      this.t,
      context,
      this.t(context, spec.prompt.key, spec.prompt.vars),
      spec.choices,
    );
    // Channels that can ask for a place (Telegram's "share my location" button) do it (dialogs/README.md).
    if (spec.accept?.location) activity.channelData = { askLocation: true };
    await context.sendActivity(activity);
  }

  protected override async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<Answer>> {
    const value = recognize(currentInput(context), options.validations as PromptSpec);
    return value && 'answer' in value ? { succeeded: true, value: value.answer } : { succeeded: false };
  }

  /**
   * botbuilder offers each incoming message to the active prompt before any dialog runs; Kozé's root
   * dialog decides first (interruptions, consent), so the prompt never claims the message this early.
   */
  protected override async onPreBubbleEvent(): Promise<boolean> {
    return false;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { context } = dc;
    if (context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const instance = dc.activeDialog!.state as { options: PromptOptions; failed?: number };
    const spec = instance.options.validations as PromptSpec;
    const outcome = recognize(currentInput(context), spec);
    if ('answer' in outcome) return dc.endDialog(outcome.answer);

    if (outcome.problem === 'attachment') {
      // Not the resident's fault: the channel lets them send it. No count against them.
      await context.sendActivity(this.t(context, NOTICE_FOR[outcome.kind]));
      await this.repromptDialog(context, dc.activeDialog!);
      return Dialog.EndOfTurn;
    }
    if (outcome.problem === 'location') {
      await context.sendActivity(this.t(context, 'input.location'));
      await this.repromptDialog(context, dc.activeDialog!);
      return Dialog.EndOfTurn;
    }
    instance.failed = (instance.failed ?? 0) + 1;
    if (instance.failed >= MAX_FAILED_ANSWERS) {
      markGaveUp(context);
      return Dialog.EndOfTurn;
    }
    if (outcome.problem === 'blank') {
      await context.sendActivity(
        spec.example
          ? this.t(context, 'prompt.blankWithExample', {
              example: this.t(context, spec.example.key, spec.example.vars),
            })
          : this.t(context, 'prompt.blank'),
      );
    } else {
      await context.sendActivity(this.t(context, spec.freeText ? 'prompt.blank' : 'prompt.notUnderstood'));
    }
    await this.repromptDialog(context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }
}

type Outcome =
  | { answer: Answer }
  | { problem: 'attachment'; kind: AttachmentKind }
  | { problem: 'location' }
  | { problem: 'blank' }
  | { problem: 'unrecognised' };

function recognize(input: ReturnType<typeof currentInput>, spec: PromptSpec): Outcome {
  if (input.location) {
    return spec.accept?.location
      ? { answer: { kind: 'location', location: input.location } }
      : { problem: 'location' };
  }
  const image = input.attachments.find((a) => a.kind === 'image');
  if (image && spec.accept?.image) return { answer: { kind: 'image', attachment: image } };
  // A caption under a photo is text; a file alone is not.
  if (input.attachments.length > 0 && isBlank(input.text))
    return { problem: 'attachment', kind: input.attachments[0]!.kind };
  if (isBlank(starsAsNumber(input.text))) return { problem: 'blank' };
  const choice = recognizeChoice(input.text, spec.choices ?? [], { exactOnly: spec.freeText });
  if (choice) return { answer: { kind: 'choice', value: choice.value, text: input.text } };
  return spec.freeText ? { answer: { kind: 'text', text: input.text } } : { problem: 'unrecognised' };
}

/** Asks a question from a waterfall step. */
export function ask(
  step: WaterfallStepContext,
  promptId: string,
  spec: PromptSpec,
): Promise<DialogTurnResult> {
  return step.prompt(promptId, { validations: spec } as PromptOptions);
}
