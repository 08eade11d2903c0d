import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { IdeaCarrier, SavedContribution, TestingWish } from '../src/contributions/contribution.ts';
import type { MessageKey } from './catalog/catalog.ts';
import type { ChoiceSpec } from './choices.ts';
import type { DialogDeps } from './deps.ts';
import { NO_WORDS, YES_WORDS } from './labels.ts';
import { ask, KozePrompt, type Answer } from './prompt.ts';
import type { RootAction } from './routing.ts';
import { saveDialog, type SaveOptions, type SaveResult } from './save.dialog.ts';
import { requireResident } from './turn.ts';

export const IDEA_DIALOG = 'idea';
const STEPS = 'idea.steps';
const PROMPT = 'idea.prompt';
const SAVE = 'idea.save';

export interface IdeaOptions {
  text?: string;
}

interface IdeaDraft {
  key: string;
  text: string;
  carrier: IdeaCarrier;
  wantsToTest: TestingWish;
}

const CARRIERS: Array<{ value: IdeaCarrier; synonyms: string[] }> = [
  { value: 'moi', synonyms: ['moi', 'moi meme', 'mwin', 'je peux', 'nous', 'ma famille'] },
  { value: 'association', synonyms: ['association', 'asso', 'une asso', 'lasosiasion'] },
  { value: 'entreprise', synonyms: ['entreprise', 'une entreprise', 'commerce', 'societe', 'in lantropriz'] },
  {
    value: 'commune',
    synonyms: ['commune', 'la commune', 'mairie', 'la mairie', 'ville', 'lamerie', 'la komine'],
  },
  {
    value: 'ne_sait_pas',
    synonyms: [
      'je ne sais pas',
      'ne sais pas',
      'sais pas',
      'je sais pas',
      'jsp',
      'aucune idee',
      'mi koné pa',
      'mi kone pa',
      'koné pa',
      'kone pa',
    ],
  },
];

/** Yes, no, maybe: whether the resident would take part in testing. */
export const TESTING_CHOICES: ChoiceSpec[] = [
  { value: 'oui', label: { key: 'choice.yes' }, synonyms: YES_WORDS, affirmative: true },
  { value: 'non', label: { key: 'choice.no' }, synonyms: NO_WORDS },
  {
    value: 'peut_etre',
    label: { key: 'choice.maybe' },
    synonyms: [
      'peut etre',
      'pt etre',
      'pe',
      'ptet',
      'ptetre',
      'pitet',
      'pet etre',
      'on verra',
      'why not',
      'pourquoi pas',
    ],
  },
];

/** An idea: description → who could carry it → would the resident test it → saved (I-0007). */
export class IdeaDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(IDEA_DIALOG);
    this.addDialog(new KozePrompt(PROMPT, deps.t))
      .addDialog(
        saveDialog<IdeaDraft, SavedContribution>(SAVE, PROMPT, deps, {
          save: (context, draft) => this.save(context, draft),
        }),
      )
      .addDialog(
        new WaterfallDialog(STEPS, [
          this.askDescription.bind(this),
          this.askCarrier.bind(this),
          this.askTesting.bind(this),
          this.saveIdea.bind(this),
          this.conclude.bind(this),
        ]),
      );
    this.initialDialogId = STEPS;
  }

  private draft(step: WaterfallStepContext): IdeaDraft {
    return (step.values as { draft: IdeaDraft }).draft;
  }

  private async askDescription(step: WaterfallStepContext) {
    const options = (step.options ?? {}) as IdeaOptions;
    (step.values as { draft: IdeaDraft }).draft = {
      key: randomUUID(),
      text: '',
      carrier: 'ne_sait_pas',
      wantsToTest: 'non',
    };
    if (options.text) return step.next({ kind: 'text', text: options.text } satisfies Answer);
    return ask(step, PROMPT, {
      prompt: { key: 'idea.describe' },
      example: { key: 'idea.example' },
      freeText: true,
    });
  }

  private async askCarrier(step: WaterfallStepContext) {
    this.draft(step).text = (step.result as { text: string }).text;
    return ask(step, PROMPT, {
      prompt: { key: 'idea.carrier' },
      choices: CARRIERS.map(({ value, synonyms }) => ({
        value,
        label: { key: `idea.carrier.${value}` as MessageKey },
        synonyms,
      })),
    });
  }

  private async askTesting(step: WaterfallStepContext) {
    this.draft(step).carrier = (step.result as { value: IdeaCarrier }).value;
    return ask(step, PROMPT, { prompt: { key: 'idea.testing' }, choices: TESTING_CHOICES });
  }

  private async saveIdea(step: WaterfallStepContext) {
    const draft = this.draft(step);
    draft.wantsToTest = (step.result as { value: TestingWish }).value;
    return step.beginDialog(SAVE, { draft, mode: 'direct' } satisfies SaveOptions<IdeaDraft>);
  }

  private async conclude(step: WaterfallStepContext) {
    const { t } = this.deps;
    const { context } = step;
    const result = step.result as SaveResult<SavedContribution>;
    if (result.outcome !== 'saved') {
      await context.sendActivity(t(context, 'cancel.done'));
      return step.endDialog({ then: 'menu' } satisfies RootAction);
    }
    const wants = this.draft(step).wantsToTest;
    await context.sendActivity(
      t(context, wants === 'non' ? 'idea.saved' : 'idea.saved.tester', { reference: result.saved.reference }),
    );
    return step.endDialog({ then: 'menu' } satisfies RootAction);
  }

  private save(context: TurnContext, draft: IdeaDraft): Promise<SavedContribution> {
    const resident = requireResident(context);
    const classification = this.deps.analyzer.classify(draft.text);
    return this.deps.contributions.saveIdea({
      residentId: resident.id,
      idempotencyKey: draft.key,
      text: draft.text,
      category: {
        category: classification.category,
        source: 'model',
        confidence: classification.confidence,
        modelVersion: classification.modelVersion,
      },
      quartier: resident.quartier,
      carrier: draft.carrier,
      wantsToTest: draft.wantsToTest,
    });
  }
}
