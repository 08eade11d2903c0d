/** Longest bubble Kozé sends: a phone screen, and WhatsApp's and Telegram's comfort zone. */
export const MAX_BUBBLE = 600;

/** Packs lines into as few bubbles as possible, each shorter than MAX_BUBBLE. */
export function packBubbles(lines: string[], max = MAX_BUBBLE - 1): string[] {
  const bubbles: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
    if (current && current.length + 1 + line.length > max) {
      bubbles.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) bubbles.push(current);
  return bubbles;
}

/** The beginning of a resident's text, to quote it in a short message. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** A date as residents of La Réunion read it: 12/03/2026. */
export function formatDate(date: Date): string {
  return date.toLocaleDateString('fr-FR', {
    timeZone: 'Indian/Reunion',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}
