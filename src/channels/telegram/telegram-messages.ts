/*
 * The few words the Telegram channel says by itself, outside any conversation: they concern Telegram only
 * (a group chat, a stale button, the location button, the command menu), so they never reach the dialogs'
 * catalog. Residents' conversations are worded by the dialogs.
 */

/** Said once in a group chat: Kozé talks to residents one to one. */
export function groupNotice(botUsername: string): string {
  return (
    'Bonjour ! Je suis Kozé, l’assistant du Living Lab de Bras-Panon. Je ne réponds qu’en message privé, ' +
    `pour que chacun puisse parler librement : écrivez-moi directement ici 👉 https://t.me/${botUsername}`
  );
}

/** Shown (as a small notice) when a resident presses a button of an old question. */
export const STALE_BUTTON = 'Ce bouton n’est plus actif : répondez à ma dernière question 🙂';

/** The reply-keyboard button that shares the phone's location. */
export const SHARE_LOCATION = '📍 Envoyer ma position';

/** The command menu shown by Telegram next to the input field. */
export const COMMANDS: Array<{ command: string; description: string }> = [
  { command: 'start', description: 'Commencer, ou revenir au début' },
  { command: 'menu', description: 'Voir ce que je peux faire' },
  { command: 'aide', description: 'Comment me parler' },
  { command: 'mesdonnees', description: 'Voir ce que Kozé garde sur vous' },
  { command: 'stop', description: 'Ne plus recevoir de messages de Kozé' },
];
