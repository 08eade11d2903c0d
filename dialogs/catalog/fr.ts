/** French messages: the reference catalog. Every key here must exist in every other language. */
export const fr = {
  'error.apology':
    "Désolé, un souci technique de mon côté m'a empêché de répondre. Ce que vous avez écrit n'est pas perdu : réessayez dans un instant, ou écrivez « menu ».",
  'root.greeting':
    "Bonjour, je suis Kozé, l'assistant du Living Lab de Bras-Panon. Vous pouvez me dire un besoin de votre quartier, proposer une idée ou donner votre avis.",
  'root.menu': 'Que souhaitez-vous faire ?',
  'root.menu.need': 'Signaler un besoin',
  'root.menu.help': 'Aide',
  'root.help':
    'Écrivez simplement ce dont votre quartier a besoin, avec vos mots. Vous pouvez aussi écrire « menu » à tout moment.',
  'need.describe': 'Décrivez votre besoin en quelques mots.',
  'need.thanks': 'Merci, c’est noté : « {text} ».',
} as const;

export type MessageKey = keyof typeof fr;
