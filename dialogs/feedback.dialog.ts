import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { SavedContribution, TestingWish } from '../src/contributions/contribution.ts';
import type { Sentiment } from '../src/nlp/types.ts';
import type { ChoiceSpec } from './choices.ts';
import type { DialogDeps } from './deps.ts';
import { TESTING_CHOICES } from './idea.dialog.ts';
import { skip } from './labels.ts';
import { ask, KozePrompt, type Answer } from './prompt.ts';
import type { RootAction } from './routing.ts';
import { saveDialog, type SaveOptions, type SaveResult } from './save.dialog.ts';
import { requireResident } from './turn.ts';

export const FEEDBACK_DIALOG = 'feedback';
const STEPS = 'feedback.steps';
const PROMPT = 'feedback.prompt';
const SAVE = 'feedback.save';

/** A feedback can start on one service (a start code from a link or a QR code) and with a first message. */
export interface FeedbackOptions {
  service?: string;
  text?: string;
}

interface FeedbackDraft {
  key: string;
  serviceId: number;
  serviceName: string;
  /** The resident's first message, when the feedback started from free text. */
  message?: string;
  rating: number;
  worked: string | null;
  improve: string | null;
  recommend: TestingWish;
}

/** Words for a rating (stars are counted: "⭐⭐⭐⭐" is 4). */
const RATING_WORDS: Record<number, string[]> = {
  1: ['un', 'une', 'nul', 'tres mauvais', 'pas bon du tout'],
  2: ['deux', 'mauvais', 'bof'],
  3: ['trois', 'troi', 'moyen', 'correct', 'pas mal'],
  4: ['quatre', 'kat', 'bien', 'bon'],
  5: ['cinq', 'sink', 'tres bien', 'excellent', 'parfait', 'super', 'top'],
};

/**
 * Feedback on a tested service: which service (or the one from the start code) → rating 1–5 → what
 * worked → what to improve → would you recommend it → sentiment computed → saved (A-0013).
 */
export class FeedbackDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FEEDBACK_DIALOG);
    this.addDialog(new KozePrompt(PROMPT, deps.t))
      .addDialog(
        saveDialog<FeedbackDraft, SavedContribution>(SAVE, PROMPT, deps, {
          save: (context, draft) => this.save(context, draft),
        }),
      )
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.askService.bind(this),
          this.askRating.bind(this),
          this.askWorked.bind(this),
          this.askImprove.bind(this),
          this.askRecommend.bind(this),
          this.saveFeedback.bind(this),
          this.conclude.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private draft(step: WaterfallStepContext): FeedbackDraft {
    return (step.values as { draft: FeedbackDraft }).draft;
  }

  private async askService(step: WaterfallStepContext) {
    const { t, services } = this.deps;
    const { context } = step;
    const options = (step.options ?? {}) as FeedbackOptions;
    (step.values as { draft: FeedbackDraft }).draft = {
      key: randomUUID(),
      serviceId: 0,
      serviceName: '',
      ...(options.text ? { message: options.text } : {}),
      rating: 0,
      worked: null,
      improve: null,
      recommend: 'non',
    };
    if (options.service) {
      const service = await services.findByCode(options.service);
      if (service?.active)
        return step.next({
          kind: 'choice',
          value: `service:${service.id}:${service.name}`,
          text: '',
        } satisfies Answer);
      await context.sendActivity(
        t(context, service ? 'feedback.serviceClosed' : 'feedback.serviceUnknown', {
          name: service?.name ?? options.service,
        }),
      );
    }
    const active = await services.listActive();
    if (active.length === 0) {
      // An opinion with no tested service to attach it to still tells what the resident lives: it is kept,
      // as a need, rather than lost.
      if (options.text) {
        return step.endDialog({
          then: 'route',
          pending: { intent: 'need', text: options.text },
          intro: 'feedback.noServiceKeptAsNeed',
        } satisfies RootAction);
      }
      await context.sendActivity(t(context, 'feedback.noService'));
      return step.endDialog({ then: 'menu' } satisfies RootAction);
    }
    if (options.text) await context.sendActivity(t(context, 'feedback.messageKept'));
    return ask(step, PROMPT, {
      prompt: { key: 'feedback.service' },
      choices: active.map((s): ChoiceSpec => ({
        value: `service:${s.id}:${s.name}`,
        label: { text: s.name },
        synonyms: [s.code, s.code.replace(/[_-]/g, ' ')],
      })),
    });
  }

  private async askRating(step: WaterfallStepContext) {
    const draft = this.draft(step);
    const [, id, ...name] = (step.result as { value: string }).value.split(':');
    draft.serviceId = Number(id);
    draft.serviceName = name.join(':');
    return ask(step, PROMPT, {
      prompt: { key: 'feedback.rating', vars: { service: draft.serviceName } },
      choices: [1, 2, 3, 4, 5].map((n): ChoiceSpec => ({
        value: String(n),
        label: { text: String(n) },
        synonyms: RATING_WORDS[n],
      })),
    });
  }

  private async askWorked(step: WaterfallStepContext) {
    this.draft(step).rating = Number((step.result as { value: string }).value);
    return ask(step, PROMPT, {
      prompt: { key: 'feedback.worked' },
      example: { key: 'feedback.worked.example' },
      freeText: true,
      choices: [skip()],
    });
  }

  private async askImprove(step: WaterfallStepContext) {
    const answer = step.result as Answer;
    if (answer.kind === 'text') this.draft(step).worked = answer.text;
    return ask(step, PROMPT, {
      prompt: { key: 'feedback.improve' },
      example: { key: 'feedback.improve.example' },
      freeText: true,
      choices: [skip()],
    });
  }

  private async askRecommend(step: WaterfallStepContext) {
    const answer = step.result as Answer;
    if (answer.kind === 'text') this.draft(step).improve = answer.text;
    return ask(step, PROMPT, { prompt: { key: 'feedback.recommend' }, choices: TESTING_CHOICES });
  }

  private async saveFeedback(step: WaterfallStepContext) {
    const draft = this.draft(step);
    draft.recommend = (step.result as { value: TestingWish }).value;
    return step.beginDialog(SAVE, { draft, mode: 'direct' } satisfies SaveOptions<FeedbackDraft>);
  }

  private async conclude(step: WaterfallStepContext) {
    const { t } = this.deps;
    const { context } = step;
    const result = step.result as SaveResult<SavedContribution>;
    if (result.outcome !== 'saved') {
      await context.sendActivity(t(context, 'cancel.done'));
      return step.endDialog({ then: 'menu' } satisfies RootAction);
    }
    await context.sendActivity(
      t(context, 'feedback.saved', {
        reference: result.saved.reference,
        service: this.draft(step).serviceName,
      }),
    );
    return step.endDialog({ then: 'menu' } satisfies RootAction);
  }

  private save(context: TurnContext, draft: FeedbackDraft): Promise<SavedContribution> {
    const resident = requireResident(context);
    const text = [draft.message, draft.worked, draft.improve]
      .filter((part): part is string => !!part)
      .join('\n\n');
    const analysis = text ? this.deps.analyzer.analyse(text) : undefined;
    return this.deps.contributions.saveFeedback({
      residentId: resident.id,
      idempotencyKey: draft.key,
      text,
      category: analysis
        ? {
            category: analysis.category,
            source: 'model',
            confidence: analysis.confidence,
            modelVersion: analysis.modelVersion,
          }
        : null,
      serviceId: draft.serviceId,
      rating: draft.rating,
      worked: draft.worked,
      improve: draft.improve,
      recommend: draft.recommend,
      sentiment: analysis ? analysis.sentiment : ratingSentiment(draft.rating),
      quartier: resident.quartier,
    });
  }
}

/** Without words, the rating says how the resident felt. */
function ratingSentiment(rating: number): Sentiment {
  return rating <= 2 ? 'negative' : rating >= 4 ? 'positive' : 'neutral';
}
