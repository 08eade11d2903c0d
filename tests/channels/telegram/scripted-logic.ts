import { ActivityTypes, MessageFactory, type Activity, type TurnContext } from 'botbuilder';

/** A paragraph of about 700 characters; the long text is made of them. */
export const PARAGRAPH =
  'Le chemin qui longe la ravine est très abîmé depuis les dernières pluies. ' +
  'Les enfants qui vont à l’école à pied doivent marcher sur la route, et les voitures roulent vite. ' +
  'Il faudrait un trottoir, ou au moins un passage protégé près du pont, et un éclairage le soir. ' +
  'Les anciens du quartier disent que le problème dure depuis des années. ' +
  'Nous avons déjà écrit à la mairie, sans réponse pour l’instant. ' +
  'Un ralentisseur devant l’arrêt de bus aiderait aussi. ' +
  'Merci de transmettre notre demande à qui pourra agir, nous sommes prêts à participer à une réunion.';

export const LONG_TEXT = Array.from({ length: 20 }, (_, i) => `${i + 1}. ${PARAGRAPH}`).join('\n\n');

/** A button label longer than Telegram's 64 bytes of callback data (accents count double). */
export const LONG_CHOICE =
  'Améliorer l’éclairage public et la sécurité des piétons près de l’école élémentaire';

/**
 * Turn logic standing in for the dialogs in channel tests: each keyword exercises one rendering path, and
 * every other message is echoed with what the adapter put in the activity.
 */
export function scriptedLogic(options: { seen: Partial<Activity>[]; gate?: () => Promise<void> }) {
  return async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    if (activity.type !== ActivityTypes.Message) return;
    options.seen.push(activity);
    const text = activity.text ?? '';
    switch (text) {
      case 'boutons':
        await context.sendActivity(
          MessageFactory.suggestedActions(['Oui', 'Non', LONG_CHOICE], 'Votre choix ?'),
        );
        return;
      case 'long':
        await context.sendActivity(MessageFactory.suggestedActions(['Merci'], LONG_TEXT));
        return;
      case 'où':
        await context.sendActivity({
          ...MessageFactory.suggestedActions(['Passer'], 'Où est-ce ? Envoyez votre position.'),
          channelData: { askLocation: true },
        });
        return;
      case 'trois':
        await context.sendActivities([
          MessageFactory.text('un'),
          MessageFactory.text('deux'),
          MessageFactory.text('trois'),
        ]);
        return;
      case 'html':
        await context.sendActivity('Le **B-0042** : <script> & "guillemets" > 5_000 €, voir _ceci_');
        return;
      case 'lent':
        await options.gate?.();
        await context.sendActivity('fini');
        return;
      case 'boom':
        throw new Error('kaboum');
      default: {
        const parts = [`Reçu : ${text}`];
        if (activity.value) parts.push(`valeur ${JSON.stringify(activity.value)}`);
        for (const a of activity.attachments ?? [])
          parts.push(`pièce ${a.contentType} ${a.contentUrl ?? ''}`);
        await context.sendActivity(parts.join(' | '));
      }
    }
  };
}
