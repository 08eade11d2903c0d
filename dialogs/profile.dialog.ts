import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AGE_BANDS, RESIDENT_ROLES, type ResidentRole } from '../src/residents/resident.ts';
import type { MessageKey } from './catalog/catalog.ts';
import type { ChoiceSpec } from './choices.ts';
import type { DialogDeps } from './deps.ts';
import { quartierChoice, skip } from './labels.ts';
import { ask, KozePrompt, type Answer } from './prompt.ts';
import { requireResident } from './turn.ts';

export const PROFILE_DIALOG = 'profile';
const STEPS = 'profile.steps';
const PROMPT = 'profile.prompt';

const ROLE_WORDS: Record<ResidentRole, string[]> = {
  habitant: ['habitant', 'habitante', 'particulier', 'moi', 'resident', 'zabitan', 'abitan'],
  association: ['association', 'asso', 'lasosiasion', 'club'],
  entreprise: ['entreprise', 'commerce', 'commercant', 'societe', 'artisan', 'patron'],
  institution: ['institution', 'mairie', 'administration', 'ecole', 'collectivite', 'service public'],
};

const AGE_RANGES: Record<string, [number, number]> = {
  '-18': [10, 17],
  '18-29': [18, 29],
  '30-44': [30, 44],
  '45-59': [45, 59],
  '60-74': [60, 74],
  '75+': [75, 110],
};

/** A band is also chosen by typing one's age ("34", "34 ans"). */
function ageWords(band: string): string[] {
  const [from, to] = AGE_RANGES[band] ?? [0, -1];
  const words =
    band === '-18' ? ['moins de 18', 'mineur'] : band === '75+' ? ['75 et plus', 'plus de 75'] : [];
  for (let age = from; age <= to; age++) words.push(String(age), `${age} ans`, `${age} an`);
  return words;
}

/**
 * Three optional questions after consent (quartier, role, age band), each skippable, all skippable at once.
 * Each answer is saved as soon as it is given.
 */
export class ProfileDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PROFILE_DIALOG);
    this.addDialog(new KozePrompt(PROMPT, deps.t)).addDialog(
      new WaterfallDialog(STEPS, [
        this.askQuartier.bind(this),
        this.askRole.bind(this),
        this.askAge.bind(this),
        this.thank.bind(this),
      ]),
    );
    this.initialDialogId = STEPS;
  }

  private async askQuartier(step: WaterfallStepContext) {
    await step.context.sendActivity(this.deps.t(step.context, 'profile.intro'));
    return ask(step, PROMPT, {
      prompt: { key: 'profile.quartier' },
      choices: [
        ...this.deps.settings.quartiers.map(quartierChoice),
        {
          value: 'other',
          label: { key: 'profile.quartier.other' },
          synonyms: ['autre', 'ailleurs', 'autre quartier', 'ot kartie'],
        },
        {
          value: 'undisclosed',
          label: { key: 'profile.quartier.undisclosed' },
          synonyms: [
            'ne pas dire',
            'prefere ne pas dire',
            'je prefere ne pas le dire',
            'secret',
            'mi prefer pa di',
          ],
        },
        skip('profile.skipAll', 'skipAll'),
      ],
    });
  }

  private async askRole(step: WaterfallStepContext) {
    const answer = step.result as Answer;
    const value = answer.kind === 'choice' ? answer.value : '';
    if (value === 'skipAll') return this.thank(step);
    const resident = requireResident(step.context);
    if (value.startsWith('quartier:'))
      await this.deps.residents.updateProfile(resident.id, { quartier: value.slice(9) });
    else if (value === 'other') await this.deps.residents.updateProfile(resident.id, { quartier: 'autre' });
    return ask(step, PROMPT, {
      prompt: { key: 'profile.role' },
      choices: [
        ...RESIDENT_ROLES.map((role): ChoiceSpec => ({
          value: `role:${role}`,
          label: { key: `role.${role}` as MessageKey },
          synonyms: ROLE_WORDS[role],
        })),
        skip(),
      ],
    });
  }

  private async askAge(step: WaterfallStepContext) {
    const answer = step.result as Answer;
    const value = answer.kind === 'choice' ? answer.value : '';
    if (value.startsWith('role:')) {
      await this.deps.residents.updateProfile(requireResident(step.context).id, {
        role: value.slice(5) as ResidentRole,
      });
    }
    return ask(step, PROMPT, {
      prompt: { key: 'profile.age' },
      choices: [
        ...AGE_BANDS.map((band): ChoiceSpec => ({
          value: `age:${band}`,
          label: { key: `age.${band}` as MessageKey },
          synonyms: ageWords(band),
        })),
        skip(),
      ],
    });
  }

  private async thank(step: WaterfallStepContext) {
    const answer = step.result as Answer | undefined;
    const value = answer?.kind === 'choice' ? answer.value : '';
    if (value.startsWith('age:')) {
      await this.deps.residents.updateProfile(requireResident(step.context).id, { ageBand: value.slice(4) });
    }
    await step.context.sendActivity(this.deps.t(step.context, 'profile.thanks'));
    return step.endDialog();
  }
}
