import { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { languageOf } from './catalog/catalog.ts';
import type { DialogDeps } from './deps.ts';
import { LANGUAGE_CHOICES } from './labels.ts';
import { PROFILE_DIALOG, ProfileDialog } from './profile.dialog.ts';
import { ask, KozePrompt, type Answer } from './prompt.ts';
import type { Pending, RootAction } from './routing.ts';
import {
  currentResident,
  currentSession,
  forgetConversation,
  setCurrentResident,
  setLanguage,
} from './turn.ts';

export const ONBOARDING_DIALOG = 'onboarding';
const STEPS = 'onboarding.steps';
const CONSENT = 'onboarding.consent';
const PROMPT = 'onboarding.prompt';

export interface OnboardingOptions {
  /** first: never seen; refused: said no before; renewal: agreed to an older notice. */
  mode: 'first' | 'refused' | 'renewal';
  /** What the first message asked for, to come back to once the resident has agreed. */
  pending?: Pending;
  /** The first message, to guess the language to greet in. */
  firstText?: string;
}

interface ConsentOptions {
  /** The notice was already shown in this dialog: ask again without repeating it. */
  again?: boolean;
}

/**
 * The first contact: who runs the Living Lab and what Kozé is for, the language, the consent notice
 * (versioned), then the optional profile. Before consent nothing is written but a refusal; what the resident
 * wrote first waits in the dialog state and is forgotten if they refuse.
 */
export class OnboardingDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ONBOARDING_DIALOG);
    this.addDialog(new KozePrompt(PROMPT, deps.t))
      .addDialog(new ProfileDialog(deps))
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.introduce.bind(this),
          this.askConsent.bind(this),
          this.afterConsent.bind(this),
          this.finish.bind(this),
        ]),
      )
      .addDialog(new WaterfallDialog(CONSENT, [this.showNotice.bind(this), this.decide.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private options(step: WaterfallStepContext): OnboardingOptions {
    return step.options as OnboardingOptions;
  }

  private async introduce(step: WaterfallStepContext) {
    const { t, analyzer } = this.deps;
    const { context } = step;
    const { mode, firstText } = this.options(step);
    if (mode === 'refused') {
      await context.sendActivity(t(context, 'onboarding.refusedBefore'));
      return step.next();
    }
    if (mode === 'renewal') {
      await context.sendActivity(t(context, 'onboarding.renewal'));
      return step.next();
    }
    // Greet in the language the resident wrote in (French for any other); they choose for good just after.
    if (firstText && !currentSession(context).language)
      setLanguage(context, analyzer.analyse(firstText).language === 'rcf' ? 'rcf' : 'fr');
    await context.sendActivity(t(context, 'onboarding.welcome'));
    return ask(step, PROMPT, { prompt: { key: 'onboarding.language' }, choices: LANGUAGE_CHOICES });
  }

  private async askConsent(step: WaterfallStepContext) {
    const answer = step.result as Answer | undefined;
    if (answer?.kind === 'choice') setLanguage(step.context, answer.value === 'rcf' ? 'rcf' : 'fr');
    return step.beginDialog(CONSENT, {} satisfies ConsentOptions);
  }

  private async afterConsent(step: WaterfallStepContext) {
    if (step.result !== 'consented') return step.endDialog({ then: 'none' } satisfies RootAction);
    // A renewed consent does not ask the profile again.
    if (this.options(step).mode === 'renewal') return step.next();
    return step.beginDialog(PROFILE_DIALOG);
  }

  private async finish(step: WaterfallStepContext) {
    const { pending } = this.options(step);
    return step.endDialog(
      (pending ? { then: 'route', pending } : { then: 'menu', intro: 'menu.first' }) satisfies RootAction,
    );
  }

  // ── The notice and the decision ──────────────────────────────────────────────────────────────────

  private async showNotice(step: WaterfallStepContext) {
    const { t, settings } = this.deps;
    const { context } = step;
    if (!(step.options as ConsentOptions).again) {
      await context.sendActivity(
        t(context, 'consent.notice', { months: settings.retentionMonths, version: settings.consentVersion }),
      );
    }
    return ask(step, PROMPT, {
      prompt: { key: 'consent.question' },
      choices: [
        {
          value: 'accept',
          label: { key: 'consent.accept' },
          synonyms: [
            'j accepte',
            'accepte',
            'accepter',
            'oui',
            'wi',
            'ok',
            'd accord',
            'daccord',
            'dakor',
            'mi aksepte',
            'mi accepte',
            'oui j accepte',
            'ouais',
            'yes',
          ],
          affirmative: true,
        },
        {
          value: 'refuse',
          label: { key: 'consent.refuse' },
          synonyms: [
            'je refuse',
            'refuse',
            'refuser',
            'non',
            'nan',
            'no',
            'pas d accord',
            'mi refiz',
            'mi refuse',
            'mi vE pa',
            'mi ve pa',
            'non merci',
          ],
        },
        {
          value: 'more',
          label: { key: 'consent.more' },
          synonyms: [
            'en savoir plus',
            'savoir plus',
            'plus',
            'pourquoi',
            'details',
            'info',
            'infos',
            'explications',
            'c est quoi',
            'kosa i le',
          ],
        },
      ],
    });
  }

  private async decide(step: WaterfallStepContext) {
    const { t, residents, settings } = this.deps;
    const { context } = step;
    const { activity } = context;
    const answer = step.result as Answer;
    const value = answer.kind === 'choice' ? answer.value : 'more';
    const language = languageOf(context);
    if (value === 'more') {
      await context.sendActivity(t(context, 'consent.details'));
      return step.replaceDialog(CONSENT, { again: true } satisfies ConsentOptions);
    }
    const key = { channel: activity.channelId, channelUserId: activity.from.id };
    if (value === 'refuse') {
      await residents.refuse({ ...key, language });
      forgetConversation(context);
      // Someone who agreed to an older notice still has what they shared: say so, and how to erase it.
      const hadConsented = currentResident(context)?.consentAt != null;
      await context.sendActivity(t(context, hadConsented ? 'consent.refused.renewal' : 'consent.refused'));
      return step.endDialog('refused');
    }
    const resident = await residents.consent({
      ...key,
      language,
      locale: activity.locale ?? 'fr-FR',
      version: settings.consentVersion,
      reference: TurnContext.getConversationReference(activity),
    });
    setCurrentResident(context, resident);
    await context.sendActivity(t(context, 'consent.thanks'));
    return step.endDialog('consented');
  }
}
