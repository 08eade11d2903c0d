import { ActivityTypes, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { Resident } from '../src/residents/resident.ts';
import { formatDate } from './bubbles.ts';
import { LANGUAGE_KEY, type MessageKey } from './catalog/catalog.ts';
import { fold, recognizeChoice } from './choices.ts';
import type { Command } from './command.ts';
import type { DialogDeps } from './deps.ts';
import { ERASE_DIALOG, EraseDialog } from './erase.dialog.ts';
import { FEEDBACK_DIALOG, FeedbackDialog, type FeedbackOptions } from './feedback.dialog.ts';
import { IDEA_DIALOG, IdeaDialog } from './idea.dialog.ts';
import { isBlank, MAX_TEXT_LENGTH, readInput, type Input } from './input.ts';
import { isStaleButton, isThanks, LANGUAGE_CHOICES } from './labels.ts';
import { MENU_CHOICES, sendMenu, type MenuAction } from './menu.ts';
import { sendContributions, sendMyData } from './my-data.ts';
import { NEED_DIALOG, NeedDialog, type NeedOptions } from './need.dialog.ts';
import { ONBOARDING_DIALOG, OnboardingDialog, type OnboardingOptions } from './onboarding.dialog.ts';
import { PROFILE_DIALOG } from './profile.dialog.ts';
import type { Pending, RootAction } from './routing.ts';
import {
  currentResident,
  forgetConversation,
  setCurrentInput,
  setCurrentResident,
  setCurrentSession,
  setLanguage,
  takeGaveUp,
  type Session,
} from './turn.ts';

export const ROOT_DIALOG = 'root';

/** How a conversation can be opened from outside (a deep link, a QR code): `{ service: 'NAVETTE' }`. */
export interface RootOptions {
  service?: string;
}

/** Contextual help, by the dialog the resident is in. */
const HELP_FOR: Record<string, MessageKey> = {
  [NEED_DIALOG]: 'help.need',
  [IDEA_DIALOG]: 'help.idea',
  [FEEDBACK_DIALOG]: 'help.feedback',
  [ONBOARDING_DIALOG]: 'help.onboarding',
  [PROFILE_DIALOG]: 'help.onboarding',
  [ERASE_DIALOG]: 'help.erase',
};

/** A message asking for help with this many words is a need for help, not a question about Kozé. */
const NEED_MIN_WORDS = 5;

function wordCount(text: string): number {
  return fold(text).split(' ').filter(Boolean).length;
}

export function isConsented(resident: Resident | undefined, version: string): resident is Resident {
  return resident?.consentAt != null && resident.consentVersion === version;
}

/**
 * The entry point of every conversation. It never ends: it stays at the bottom of the dialog stack, keeps
 * what is known before a resident exists (language, time of the last message), and at each message decides
 * what happens, in this order:
 * 1. who is writing, in which language; an over-long text is cut and the resident told;
 * 2. without consent (to the current notice): the first contact, and nothing stored but a refusal;
 * 3. words that work everywhere (aide, menu, annuler, STOP, REPRENDRE, SUPPRIMER, MES DONNÉES);
 * 4. the dialog in progress, if any;
 * 5. otherwise free text first: the NLP's intent opens the right dialog with the text already filled in.
 */
export class RootDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ROOT_DIALOG);
    this.addDialog(new OnboardingDialog(deps))
      .addDialog(new NeedDialog(deps))
      .addDialog(new IdeaDialog(deps))
      .addDialog(new FeedbackDialog(deps))
      .addDialog(new EraseDialog(deps));
  }

  protected override onBeginDialog(inner: DialogContext, options?: RootOptions): Promise<DialogTurnResult> {
    return this.turn(inner, options);
  }

  protected override onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.turn(inner);
  }

  private async turn(inner: DialogContext, options?: RootOptions): Promise<DialogTurnResult> {
    const { context } = inner;
    const { activity } = context;
    const state = inner.parent!.activeDialog!.state as { session?: Session };
    const session = (state.session ??= {});
    setCurrentSession(context, session);
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;

    const input = readInput(activity);
    if (options?.service) input.start ??= { service: options.service };
    setCurrentInput(context, input);
    const resident = await this.deps.residents.find({
      channel: activity.channelId,
      channelUserId: activity.from.id,
    });
    context.turnState.set(LANGUAGE_KEY, resident?.language ?? session.language ?? 'fr');
    setCurrentResident(context, resident);

    if (input.text.length > MAX_TEXT_LENGTH) {
      // Never split a surrogate pair (an emoji) in two.
      const end = /[\uD800-\uDBFF]/.test(input.text[MAX_TEXT_LENGTH - 1]!)
        ? MAX_TEXT_LENGTH - 1
        : MAX_TEXT_LENGTH;
      input.text = input.text.slice(0, end).trim();
      activity.text = input.text;
      await context.sendActivity(this.deps.t(context, 'input.tooLong', { max: '4 000' }));
    }

    const now = (this.deps.now?.() ?? new Date()).getTime();
    if (
      inner.activeDialog &&
      session.lastTurnAt &&
      now - session.lastTurnAt > this.deps.settings.staleAfterMs
    ) {
      await inner.cancelAllDialogs();
      await context.sendActivity(this.deps.t(context, 'session.expired'));
    }
    session.lastTurnAt = now;

    if (isConsented(resident, this.deps.settings.consentVersion)) {
      await this.withConsent(inner, resident, input);
    } else {
      await this.beforeConsent(inner, resident, input);
    }
    // The root stays on the stack: its state is the session.
    return Dialog.EndOfTurn;
  }

  // ── Before consent ────────────────────────────────────────────────────────────────────────────────

  private async beforeConsent(
    inner: DialogContext,
    resident: Resident | undefined,
    input: Input,
  ): Promise<void> {
    const { context } = inner;
    const { t } = this.deps;
    const command = input.text ? this.deps.detectCommand(input.text) : null;
    const active = inner.activeDialog;
    // Agreed to an older notice: their data is still here until they agree again or erase it.
    const known = resident?.consentAt != null ? resident : undefined;
    switch (command) {
      case 'stop':
        await inner.cancelAllDialogs();
        if (known) {
          if (!known.optedOut) await this.deps.residents.setOptedOut(known.id, true);
          await context.sendActivity(t(context, 'stop.done'));
          return;
        }
        // Before any consent, STOP is a no: nothing is kept but a refusal already on record.
        forgetConversation(context);
        await context.sendActivity(t(context, 'stop.beforeConsent'));
        return;
      case 'cancel':
        await inner.cancelAllDialogs();
        forgetConversation(context);
        await context.sendActivity(t(context, 'onboarding.cancelled'));
        return;
      case 'delete':
        await inner.cancelAllDialogs();
        if (resident) await this.deps.residents.erase(resident.id, this.deps.stateKeys(context));
        setCurrentResident(context, undefined);
        forgetConversation(context);
        await context.sendActivity(t(context, 'erase.beforeConsent'));
        return;
      case 'mydata':
        if (known) await sendMyData(this.deps, context, known);
        else
          await context.sendActivity(
            resident?.consentRefusedAt
              ? t(context, 'mydata.refusedOnly', { date: formatDate(resident.consentRefusedAt) })
              : t(context, 'mydata.nothing'),
          );
        if (active) await inner.repromptDialog();
        return;
      case 'help':
      case 'menu':
      case 'greeting':
      case 'resume':
        if (active) {
          await context.sendActivity(t(context, command === 'help' ? 'help.onboarding' : 'consent.needed'));
          await inner.repromptDialog();
          return;
        }
        break;
      default:
        break;
    }
    if (active && input.start) {
      await context.sendActivity(t(context, 'consent.needed'));
      await inner.repromptDialog();
      return;
    }
    if (active) {
      await this.afterInner(inner, await inner.continueDialog());
      return;
    }
    const options: OnboardingOptions = {
      mode: resident?.consentRefusedAt ? 'refused' : resident?.consentAt ? 'renewal' : 'first',
      ...(this.pendingFrom(input) ? { pending: this.pendingFrom(input) } : {}),
      ...(input.text && !isBlank(input.text) ? { firstText: input.text } : {}),
    };
    await this.afterInner(inner, await inner.beginDialog(ONBOARDING_DIALOG, options));
  }

  /** What a first message asked for, kept through the first contact (in the dialog state only). */
  private pendingFrom(input: Input): Pending | undefined {
    if (input.start?.service) return { intent: 'feedback', service: input.start.service };
    const image = input.attachments.find((a) => a.kind === 'image');
    if (input.location || image) {
      return {
        intent: 'need',
        ...(input.location ? { location: input.location } : {}),
        ...(image ? { attachment: image } : {}),
        ...(!isBlank(input.text) ? { text: input.text } : {}),
      };
    }
    if (isBlank(input.text) || this.deps.detectCommand(input.text)) return undefined;
    const intent = this.deps.analyzer.intent(input.text);
    if (intent === 'need' || intent === 'idea' || intent === 'feedback') return { intent, text: input.text };
    return undefined;
  }

  // ── With consent ──────────────────────────────────────────────────────────────────────────────────

  private async withConsent(inner: DialogContext, resident: Resident, input: Input): Promise<void> {
    const { context } = inner;
    await this.deps.residents.rememberConversation(
      resident,
      TurnContext.getConversationReference(context.activity),
    );
    const command = input.text ? this.deps.detectCommand(input.text) : null;
    if (command) {
      await this.interrupt(inner, resident, command);
      return;
    }
    if (inner.activeDialog && input.start) {
      // A QR code scanned or a link followed on purpose: it wins over the question left open.
      await inner.cancelAllDialogs();
    }
    if (inner.activeDialog) {
      await this.afterInner(inner, await inner.continueDialog());
      return;
    }
    await this.dispatch(inner, resident, input);
  }

  /** The words that work at any step, and where they take the resident. */
  private async interrupt(inner: DialogContext, resident: Resident, command: Command): Promise<void> {
    const { context } = inner;
    const { t, residents } = this.deps;
    const active = inner.activeDialog;
    const backToQuestionOrMenu = async (intro: MessageKey = 'menu.again') => {
      if (inner.activeDialog) await inner.repromptDialog();
      else await sendMenu(t, context, intro);
    };
    switch (command) {
      case 'help':
        await context.sendActivity(t(context, (active && HELP_FOR[active.id]) || 'help.general'));
        await backToQuestionOrMenu('menu.prompt');
        return;
      case 'greeting':
        await context.sendActivity(t(context, active ? 'greeting.inDialog' : 'greeting.back'));
        await backToQuestionOrMenu('menu.prompt');
        return;
      case 'menu':
        if (active) {
          await inner.cancelAllDialogs();
          await context.sendActivity(t(context, 'menu.left'));
        }
        await sendMenu(t, context);
        return;
      case 'cancel':
        if (active) await inner.cancelAllDialogs();
        await context.sendActivity(t(context, active ? 'cancel.done' : 'cancel.nothing'));
        await sendMenu(t, context, 'menu.again');
        return;
      case 'stop':
        await inner.cancelAllDialogs();
        if (!resident.optedOut) await residents.setOptedOut(resident.id, true);
        await context.sendActivity(t(context, 'stop.done'));
        return;
      case 'resume':
        if (resident.optedOut) await residents.setOptedOut(resident.id, false);
        await context.sendActivity(t(context, resident.optedOut ? 'resume.done' : 'resume.already'));
        await backToQuestionOrMenu();
        return;
      case 'delete':
        await inner.cancelAllDialogs();
        await this.afterInner(inner, await inner.beginDialog(ERASE_DIALOG));
        return;
      case 'mydata':
        await sendMyData(this.deps, context, resident);
        await backToQuestionOrMenu();
        return;
    }
  }

  /** A message outside any dialog: free text first, buttons for those who prefer them. */
  private async dispatch(inner: DialogContext, resident: Resident, input: Input): Promise<void> {
    const { context } = inner;
    const { t } = this.deps;
    if (input.start) {
      if (input.start.service) {
        await this.begin(inner, FEEDBACK_DIALOG, { service: input.start.service } satisfies FeedbackOptions);
      } else {
        await sendMenu(t, context, 'menu.prompt');
      }
      return;
    }
    const image = input.attachments.find((a) => a.kind === 'image');
    if (input.location || image) {
      // A photo or a place sent out of the blue is the start of a need.
      await context.sendActivity(t(context, 'idle.mediaStartsNeed'));
      await this.begin(inner, NEED_DIALOG, {
        ...(input.location ? { location: input.location } : {}),
        ...(image ? { attachment: image } : {}),
        ...(!isBlank(input.text) ? { text: input.text } : {}),
      } satisfies NeedOptions);
      return;
    }
    if (input.attachments.length > 0 && isBlank(input.text)) {
      await context.sendActivity(
        t(context, input.attachments[0]!.kind === 'audio' ? 'input.audio' : 'idle.attachment'),
      );
      await sendMenu(t, context, 'menu.prompt');
      return;
    }
    if (isBlank(input.text)) {
      await context.sendActivity(t(context, 'idle.blank'));
      await sendMenu(t, context, 'menu.prompt');
      return;
    }
    const language = recognizeChoice(input.text, LANGUAGE_CHOICES, { exactOnly: true });
    if (language && !/^\d+$/.test(fold(input.text))) {
      const chosen = language.value === 'rcf' ? 'rcf' : 'fr';
      await this.deps.residents.setLanguage(resident.id, chosen);
      setCurrentResident(context, { ...resident, language: chosen });
      setLanguage(context, chosen);
      await context.sendActivity(t(context, 'language.changed'));
      await sendMenu(t, context, 'menu.prompt');
      return;
    }
    const menu = recognizeChoice(input.text, MENU_CHOICES, { exactOnly: true });
    if (menu) {
      await this.runMenu(inner, resident, menu.value as MenuAction);
      return;
    }
    if (isThanks(input.text)) {
      await context.sendActivity(t(context, 'idle.thanks'));
      return;
    }
    if (isStaleButton(input.text)) {
      await context.sendActivity(t(context, 'idle.stale'));
      await sendMenu(t, context, 'menu.prompt');
      return;
    }
    switch (this.deps.analyzer.intent(input.text)) {
      case 'need':
        await this.begin(inner, NEED_DIALOG, { text: input.text } satisfies NeedOptions);
        return;
      case 'idea':
        await this.begin(inner, IDEA_DIALOG, { text: input.text });
        return;
      case 'feedback':
        await this.begin(inner, FEEDBACK_DIALOG, { text: input.text } satisfies FeedbackOptions);
        return;
      case 'greeting':
        await context.sendActivity(t(context, 'greeting.back'));
        await sendMenu(t, context, 'menu.prompt');
        return;
      case 'help':
        // "J'ai besoin d'aide pour mes papiers" is a need, not a question about Kozé (those are short).
        if (wordCount(input.text) >= NEED_MIN_WORDS) {
          await this.begin(inner, NEED_DIALOG, { text: input.text } satisfies NeedOptions);
          return;
        }
        await context.sendActivity(t(context, 'help.general'));
        await sendMenu(t, context, 'menu.prompt');
        return;
      case 'menu':
        await sendMenu(t, context, 'menu.prompt');
        return;
      case 'stop':
        await this.interrupt(inner, resident, 'stop');
        return;
    }
  }

  private async runMenu(inner: DialogContext, resident: Resident, action: MenuAction): Promise<void> {
    const { context } = inner;
    switch (action) {
      case 'need':
        return this.begin(inner, NEED_DIALOG, {});
      case 'idea':
        return this.begin(inner, IDEA_DIALOG, {});
      case 'feedback':
        return this.begin(inner, FEEDBACK_DIALOG, {});
      case 'contributions':
        await sendContributions(this.deps, context, resident);
        return sendMenu(this.deps.t, context, 'menu.again');
      case 'mydata':
        return this.interrupt(inner, resident, 'mydata');
      case 'help':
        return this.interrupt(inner, resident, 'help');
    }
  }

  private async begin(inner: DialogContext, dialogId: string, options: object): Promise<void> {
    await this.afterInner(inner, await inner.beginDialog(dialogId, options));
  }

  /** What follows a turn of an inner dialog: the menu after a dead end, the next step after a dialog. */
  private async afterInner(inner: DialogContext, result: DialogTurnResult): Promise<void> {
    const { context } = inner;
    const { t } = this.deps;
    if (takeGaveUp(context)) {
      await inner.cancelAllDialogs();
      if (isConsented(currentResident(context), this.deps.settings.consentVersion)) {
        await context.sendActivity(t(context, 'prompt.gaveUp'));
        await sendMenu(t, context, 'menu.prompt');
      } else {
        // No menu before consent: the first contact starts again at the next message, nothing kept.
        forgetConversation(context);
        await context.sendActivity(t(context, 'onboarding.gaveUp'));
      }
      return;
    }
    if (result.status !== DialogTurnStatus.complete) return;
    const action = result.result as RootAction | undefined;
    if (!action) return;
    if (action.then === 'menu') {
      await sendMenu(t, context, action.intro ?? 'menu.again');
    } else if (action.then === 'route') {
      await this.route(inner, action.pending, action.intro);
    }
  }

  /**
   * Opens the dialog a kept message asks for: the first message, once the first contact is over, or an
   * opinion that has no tested service to go to (then a need).
   */
  private async route(
    inner: DialogContext,
    pending: Pending,
    intro: MessageKey = 'onboarding.backToMessage',
  ): Promise<void> {
    const { context } = inner;
    await context.sendActivity(this.deps.t(context, intro));
    switch (pending.intent) {
      case 'need':
        return this.begin(inner, NEED_DIALOG, {
          ...(pending.text ? { text: pending.text } : {}),
          ...(pending.location ? { location: pending.location } : {}),
          ...(pending.attachment ? { attachment: pending.attachment } : {}),
        } satisfies NeedOptions);
      case 'idea':
        return this.begin(inner, IDEA_DIALOG, pending.text ? { text: pending.text } : {});
      case 'feedback':
        return this.begin(inner, FEEDBACK_DIALOG, {
          ...(pending.text ? { text: pending.text } : {}),
          ...(pending.service ? { service: pending.service } : {}),
        } satisfies FeedbackOptions);
    }
  }
}
