/**
 * Neighbourhoods of Bras-Panon offered to residents (profile, where a need is). KOZE_QUARTIERS replaces
 * the list; "autre" and "je préfère ne pas dire" are always offered in addition.
 */
export const DEFAULT_QUARTIERS = [
  'Centre-ville',
  'Rivière-du-Mât-les-Bas',
  'Rivière-du-Mât-les-Hauts',
  'Bellevue',
  'Paniandy',
  'La Paix',
  'Bras-Panon les Hauts',
];

/** Parses KOZE_QUARTIERS: names separated by commas or semicolons (a name may not contain either). */
export function parseQuartiers(value: string): string[] {
  const names = value
    .split(/[;,]/)
    .map((name) => name.trim())
    .filter(Boolean);
  return [...new Set(names)];
}
