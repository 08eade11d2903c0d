/** Kozé's default categories (configurable: the model learns whichever categories its corpus has). */
export const DEFAULT_CATEGORIES = [
  'mobilite',
  'environnement',
  'logement',
  'sante',
  'solidarite',
  'emploi',
  'jeunesse_education',
  'culture_sport',
  'securite',
  'numerique',
  'agriculture_alimentation',
  'services_publics',
  'autre',
] as const;

/** Where a message goes when Kozé cannot tell what it is about. */
export const FALLBACK_CATEGORY = 'autre';

export const INTENTS = ['need', 'idea', 'feedback', 'greeting', 'help', 'menu', 'stop'] as const;
