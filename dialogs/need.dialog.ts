import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { CategoryDecision, SavedNeed } from '../src/contributions/contribution.ts';
import type { Classification } from '../src/nlp/types.ts';
import { excerpt } from './bubbles.ts';
import { recognizeChoice } from './choices.ts';
import type { DialogDeps } from './deps.ts';
import type { GeoPoint, ReceivedAttachment } from './input.ts';
import {
  categoryChoice,
  categoryLabel,
  NO_WORDS,
  quartierChoice,
  quartierNamedIn,
  skip,
  SKIP_WORDS,
  yes,
} from './labels.ts';
import { ask, KozePrompt, type Answer, type Msg } from './prompt.ts';
import type { RootAction } from './routing.ts';
import { saveDialog, type SaveOptions, type SaveResult } from './save.dialog.ts';
import { requireResident } from './turn.ts';

export const NEED_DIALOG = 'need';
const STEPS = 'need.steps';
const PROMPT = 'need.prompt';
const SAVE = 'need.save';

/** How a need can start: from free text, a photo or a place sent out of the blue, or the menu (nothing). */
export interface NeedOptions {
  text?: string;
  attachment?: ReceivedAttachment;
  location?: GeoPoint;
}

/** The need being written, kept in the dialog state until it is saved. */
interface NeedDraft {
  key: string;
  text: string;
  more?: string;
  category?: CategoryDecision;
  quartier: string | null;
  place?: string;
  location: GeoPoint | null;
  attachments: ReceivedAttachment[];
}

interface NeedValues {
  draft: NeedDraft;
  classification?: Pick<Classification, 'category' | 'confidence' | 'alternatives' | 'modelVersion'>;
}

/** How many alternative categories are offered next to Kozé's guess. */
const ALTERNATIVES = 2;

/**
 * A need: description (unless already given) → the category Kozé understood, to confirm or correct →
 * where (quartier, a shared location, or skip) → an optional photo → anything to add → recap → saved with
 * its reference, what happens next, and how many residents reported something close.
 */
export class NeedDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(NEED_DIALOG);
    this.addDialog(new KozePrompt(PROMPT, deps.t))
      .addDialog(
        saveDialog<NeedDraft, SavedNeed>(SAVE, PROMPT, deps, {
          recap: (context, draft) => this.recap(context, draft),
          save: (context, draft) => this.save(context, draft),
        }),
      )
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.askDescription.bind(this),
          this.confirmCategory.bind(this),
          this.pickCategory.bind(this),
          this.askPlace.bind(this),
          this.askQuartier.bind(this),
          this.askPhoto.bind(this),
          this.askMore.bind(this),
          this.confirmAndSave.bind(this),
          this.conclude.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private values(step: WaterfallStepContext): NeedValues {
    return step.values as NeedValues;
  }

  private async askDescription(step: WaterfallStepContext) {
    const options = (step.options ?? {}) as NeedOptions;
    this.values(step).draft = {
      key: randomUUID(),
      text: '',
      quartier: null,
      location: options.location ?? null,
      attachments: options.attachment ? [options.attachment] : [],
    };
    if (options.text) return step.next({ kind: 'text', text: options.text } satisfies Answer);
    return ask(step, PROMPT, {
      prompt: { key: options.attachment || options.location ? 'need.describeMedia' : 'need.describe' },
      example: { key: 'need.example' },
      freeText: true,
      accept: { image: true, location: true },
    });
  }

  private async confirmCategory(step: WaterfallStepContext) {
    const answer = step.result as Answer;
    const options = (step.options ?? {}) as NeedOptions;
    // A photo or a place sent instead of the description: keep it, and ask for the words again.
    if (answer.kind === 'image' || answer.kind === 'location') {
      const more: NeedOptions =
        answer.kind === 'image'
          ? { ...options, attachment: answer.attachment }
          : { ...options, location: answer.location };
      await step.context.sendActivity(
        this.deps.t(step.context, answer.kind === 'image' ? 'need.photoKept' : 'need.placeKept'),
      );
      return step.replaceDialog(NEED_DIALOG, more);
    }
    const { draft } = this.values(step);
    draft.text = (answer as { text: string }).text;
    const classification = this.deps.analyzer.classify(draft.text);
    this.values(step).classification = {
      category: classification.category,
      confidence: classification.confidence,
      alternatives: classification.alternatives,
      modelVersion: classification.modelVersion,
    };
    if (
      classification.category === 'autre' ||
      !this.deps.settings.categories.includes(classification.category)
    ) {
      return step.next({ kind: 'choice', value: 'other', text: '' } satisfies Answer);
    }
    const alternatives = classification.alternatives
      .map((a) => a.category)
      .filter(
        (c) => c !== classification.category && c !== 'autre' && this.deps.settings.categories.includes(c),
      )
      .slice(0, ALTERNATIVES);
    return ask(step, PROMPT, {
      prompt: {
        key: classification.unsure ? 'need.category.unsure' : 'need.category.confirm',
        vars: { category: categoryLabel(this.deps.t, step.context, classification.category) },
      },
      choices: [
        yes('need.category.yes'),
        ...alternatives.map(categoryChoice),
        {
          value: 'other',
          label: { key: 'need.category.other' },
          synonyms: ['autre', 'autre chose', 'aucun', 'aucune', 'ot zafer', 'ot soz', 'non'],
        },
      ],
    });
  }

  private async pickCategory(step: WaterfallStepContext) {
    const answer = step.result as Answer;
    const value = answer.kind === 'choice' ? answer.value : '';
    if (value === 'other') {
      return ask(step, PROMPT, {
        prompt: { key: 'need.category.pick' },
        choices: this.deps.settings.categories.map(categoryChoice),
      });
    }
    return step.next(answer);
  }

  private async askPlace(step: WaterfallStepContext) {
    const answer = step.result as Answer;
    const values = this.values(step);
    const value = answer.kind === 'choice' ? answer.value : '';
    const model = values.classification!;
    const category =
      value === 'yes' ? model.category : value.startsWith('category:') ? value.slice(9) : 'autre';
    const confidence =
      category === model.category
        ? model.confidence
        : (model.alternatives.find((a) => a.category === category)?.confidence ?? null);
    values.draft.category = { category, source: 'resident', confidence, modelVersion: model.modelVersion };

    if (values.draft.location) return step.next(undefined);
    const resident = requireResident(step.context);
    const { quartiers } = this.deps.settings;
    const own = resident.quartier && quartiers.includes(resident.quartier) ? resident.quartier : null;
    // A description that already says where ("plus de bus à Bellevue") is offered first, before the
    // resident's own quartier: one tap instead of scrolling the whole list.
    const named = quartierNamedIn(values.draft.text, quartiers);
    const suggested = named ?? own;
    if (suggested) {
      return ask(step, PROMPT, {
        prompt: { key: 'need.place' },
        freeText: true,
        accept: { location: true },
        choices: [
          suggested === own
            ? {
                value: `quartier:${own}`,
                label: { key: 'need.place.mine', vars: { quartier: own } },
                synonyms: [own, 'mon quartier', 'chez moi', 'kartie', 'mon kartie'],
              }
            : { ...quartierChoice(suggested), synonyms: ['oui', 'wi'] },
          {
            value: 'otherQuartier',
            label: { key: 'need.place.other' },
            synonyms: ['autre quartier', 'un autre', 'ailleurs', 'ot kartie'],
          },
          skip(),
        ],
      });
    }
    return step.next({ kind: 'choice', value: 'otherQuartier', text: '' } satisfies Answer);
  }

  private async askQuartier(step: WaterfallStepContext) {
    const answer = step.result as Answer | undefined;
    if (answer?.kind === 'choice' && answer.value === 'otherQuartier') {
      return ask(step, PROMPT, {
        prompt: { key: 'need.place.list' },
        freeText: true,
        accept: { location: true },
        choices: [...this.deps.settings.quartiers.map(quartierChoice), skip()],
      });
    }
    return step.next(answer);
  }

  private async askPhoto(step: WaterfallStepContext) {
    const answer = step.result as Answer | undefined;
    const { draft } = this.values(step);
    if (answer?.kind === 'location') draft.location = answer.location;
    if (answer?.kind === 'choice' && answer.value.startsWith('quartier:'))
      draft.quartier = answer.value.slice(9);
    if (answer?.kind === 'text') {
      // A place in the resident's words ("devant l'école de La Paix"): kept as written, quartier if named.
      draft.place = excerpt(answer.text, 300);
      const named = recognizeChoice(answer.text, this.deps.settings.quartiers.map(quartierChoice));
      if (named) draft.quartier = named.value.slice(9);
    }
    if (draft.attachments.some((a) => a.kind === 'image')) return step.next(undefined);
    return ask(step, PROMPT, {
      prompt: { key: 'need.photo' },
      accept: { image: true },
      choices: [skip('need.photo.skip')],
    });
  }

  private async askMore(step: WaterfallStepContext) {
    const answer = step.result as Answer | undefined;
    const { draft } = this.values(step);
    if (answer?.kind === 'image') draft.attachments.push(answer.attachment);
    return ask(step, PROMPT, {
      prompt: { key: 'need.more' },
      example: { key: 'need.more.example' },
      freeText: true,
      accept: { image: true },
      choices: [
        {
          value: 'no',
          label: { key: 'need.more.no' },
          synonyms: [
            ...NO_WORDS,
            ...SKIP_WORDS,
            'c est tout',
            'non c est tout',
            'rien a ajouter',
            'sa le tout',
            'c tout',
            'ras',
          ],
        },
      ],
    });
  }

  private async confirmAndSave(step: WaterfallStepContext) {
    const answer = step.result as Answer;
    const { draft } = this.values(step);
    if (answer.kind === 'image') draft.attachments.push(answer.attachment);
    if (answer.kind === 'text') draft.more = answer.text;
    return step.beginDialog(SAVE, { draft, mode: 'confirm' } satisfies SaveOptions<NeedDraft>);
  }

  private async conclude(step: WaterfallStepContext) {
    const { t } = this.deps;
    const { context } = step;
    const result = step.result as SaveResult<SavedNeed>;
    if (result.outcome === 'restart') {
      await context.sendActivity(t(context, 'need.restart'));
      return step.replaceDialog(NEED_DIALOG, {});
    }
    if (result.outcome === 'cancelled') {
      await context.sendActivity(t(context, 'cancel.done'));
      return step.endDialog({ then: 'menu' } satisfies RootAction);
    }
    const { reference, similarResidents } = result.saved;
    await context.sendActivity(t(context, 'need.saved', { reference }));
    if (similarResidents > 0) {
      await context.sendActivity(
        similarResidents === 1
          ? t(context, 'need.similar.one')
          : t(context, 'need.similar', { count: similarResidents }),
      );
    }
    return step.endDialog({ then: 'menu' } satisfies RootAction);
  }

  private recap(context: TurnContext, draft: NeedDraft): Msg {
    const { t } = this.deps;
    const place = draft.location
      ? t(context, 'need.recap.location')
      : (draft.place ?? draft.quartier ?? t(context, 'need.recap.noPlace'));
    const text = draft.more ? `${draft.text} — ${draft.more}` : draft.text;
    return {
      key: 'need.recap',
      vars: {
        text: excerpt(text, 220),
        category: categoryLabel(t, context, draft.category?.category ?? 'autre'),
        place: excerpt(place, 80),
        photos: draft.attachments.length,
      },
    };
  }

  private save(context: TurnContext, draft: NeedDraft): Promise<SavedNeed> {
    const resident = requireResident(context);
    return this.deps.contributions.saveNeed({
      residentId: resident.id,
      idempotencyKey: draft.key,
      text: draft.more ? `${draft.text}\n\n${draft.more}` : draft.text,
      category: draft.category ?? null,
      quartier: draft.quartier,
      place: draft.place ?? null,
      location: draft.location,
      attachments: draft.attachments.map((a) => ({
        kind: a.kind,
        ref: a.ref,
        ...(a.contentType ? { contentType: a.contentType } : {}),
        ...(a.name ? { name: a.name } : {}),
      })),
    });
  }
}
