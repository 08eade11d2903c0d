/**
 * French messages: the reference catalog. Every key here must exist in every other language, with the same
 * placeholders (tests/dialogs/catalog.test.ts). Vouvoiement, short bubbles (< 600 characters), few emojis.
 */
export const fr = {
  'error.apology':
    'Désolé, un souci technique de mon côté m’a empêché de répondre. Reprenons : redites-moi ce que vous souhaitez, ou écrivez « menu ».',

  // ── First contact and consent ──
  'onboarding.welcome':
    'Bonjour 👋 Je suis Kozé, l’assistant du Living Lab de Bras-Panon.\nLe Living Lab réunit la commune de Bras-Panon, l’Université de La Réunion et la CRESS (chambre régionale de l’économie sociale et solidaire).\nIci, vous pouvez signaler un besoin de votre quartier, proposer une idée ou donner votre avis sur un service en test.',
  'onboarding.language': 'Dans quelle langue préférez-vous échanger ?\nKi lang ou préfèr pou koz avèk mwin ?',
  'onboarding.refusedBefore':
    'Re-bonjour ! La dernière fois, vous n’avez pas souhaité donner votre accord, et je n’ai rien gardé de vos messages. Pour noter ce que vous m’écrivez, j’en ai besoin :',
  'onboarding.renewal':
    'Bonjour ! Les règles sur vos données ont changé depuis votre dernière visite. Merci de les relire :',
  'onboarding.cancelled': 'D’accord, on s’arrête là. Je n’ai rien enregistré. Écrivez-moi quand vous voulez.',
  'onboarding.gaveUp':
    'Je crois que je ne vous comprends pas bien, désolé. Écrivez-moi quand vous voulez : je vous réexpliquerai tout.',
  'onboarding.backToMessage': 'Revenons à votre premier message.',
  'consent.notice':
    '📄 Vos données (notice {version})\n• Ce que je garde : vos messages, photos et lieux partagés, et votre profil si vous le donnez.\n• Pourquoi : comprendre les besoins de Bras-Panon et construire des solutions avec vous.\n• Qui les lit : l’équipe du Living Lab (commune, Université, CRESS). Jamais vendues.\n• Combien de temps : {months} mois, puis effacées.\n• Vos droits : écrivez MES DONNÉES pour les voir, SUPPRIMER pour tout effacer, STOP pour ne plus recevoir de messages de Kozé.',
  'consent.question': 'Êtes-vous d’accord ?',
  'consent.accept': 'J’accepte',
  'consent.refuse': 'Je refuse',
  'consent.more': 'En savoir plus',
  'consent.details':
    'Le Living Lab de Bras-Panon est un lieu où habitants, associations, entreprises et institutions imaginent et testent ensemble des solutions pour la commune.\nVos messages servent uniquement à ce travail : ni publicité, ni revente. Kozé les classe par thème, puis une personne de l’équipe les lit. Vous pouvez changer d’avis à tout moment.',
  'consent.refused':
    'Entendu : je n’enregistre rien à votre sujet, seulement votre refus (pour ne pas vous le redemander à chaque message).\nLe Living Lab de Bras-Panon reste ouvert à tous : habitants, associations et institutions y inventent ensemble des solutions pour la commune. Si vous changez d’avis, écrivez-moi simplement.',
  'consent.refused.renewal':
    'Entendu : je n’enregistrerai plus rien de nouveau. Ce que vous aviez déjà partagé reste gardé ; écrivez SUPPRIMER pour l’effacer, MES DONNÉES pour le voir.',
  'consent.thanks': 'Merci pour votre confiance 🙏',
  'consent.needed': 'Avant de continuer, j’ai besoin de votre réponse :',

  // ── Profile ──
  'profile.intro': 'Trois questions rapides pour mieux vous connaître. Elles sont facultatives.',
  'profile.quartier': 'Dans quel quartier habitez-vous ?',
  'profile.quartier.other': 'Autre quartier',
  'profile.quartier.undisclosed': 'Je préfère ne pas dire',
  'profile.skipAll': 'Plus tard',
  'profile.role': 'Vous êtes… ?',
  'profile.age': 'Quelle est votre tranche d’âge ?',
  'profile.thanks': 'Merci, c’est noté.',
  'role.habitant': 'Habitant·e',
  'role.association': 'Une association',
  'role.entreprise': 'Une entreprise',
  'role.institution': 'Une institution',
  'age.-18': 'Moins de 18 ans',
  'age.18-29': '18–29 ans',
  'age.30-44': '30–44 ans',
  'age.45-59': '45–59 ans',
  'age.60-74': '60–74 ans',
  'age.75+': '75 ans et plus',

  // ── Menu and words that work everywhere ──
  'menu.prompt': 'Que souhaitez-vous faire ? Vous pouvez aussi m’écrire directement, avec vos mots.',
  'menu.first': 'Tout est prêt ! Dites-moi ce dont votre quartier a besoin, avec vos mots, ou choisissez :',
  'menu.again': 'Puis-je faire autre chose pour vous ?',
  'menu.left': 'D’accord, on laisse ça de côté (rien n’a été enregistré).',
  'menu.need': 'Signaler un besoin',
  'menu.idea': 'Proposer une idée',
  'menu.feedback': 'Donner mon avis sur un service testé',
  'menu.contributions': 'Mes contributions',
  'menu.mydata': 'Mes données',
  'menu.help': 'Aide',
  'help.general':
    'Écrivez simplement ce dont votre quartier a besoin, une idée, ou votre avis sur un service testé : je m’occupe du reste.\nÀ tout moment : « menu », « annuler », « aide ».\nVos données : MES DONNÉES, SUPPRIMER. Plus de messages de ma part : STOP (REPRENDRE pour revenir).\nPour parler créole, écrivez « kréol ».',
  'help.need':
    'Vous signalez un besoin. Répondez à la question ci-dessous ; chaque étape peut être passée sauf la description. « annuler » pour abandonner, « menu » pour revenir au menu.',
  'help.idea':
    'Vous proposez une idée. Répondez à la question ci-dessous, ou écrivez « annuler » pour abandonner.',
  'help.feedback':
    'Vous donnez votre avis sur un service testé par le Living Lab. Répondez à la question ci-dessous, ou écrivez « annuler » pour abandonner.',
  'help.onboarding':
    'Je suis Kozé, l’assistant du Living Lab de Bras-Panon. Pour noter vos besoins et vos idées, j’ai besoin de votre accord ; sans lui, je n’enregistre rien.',
  'help.erase':
    'Vous avez demandé à effacer vos données. Répondez « oui » pour tout effacer, « non » pour garder.',
  'greeting.back': 'Bonjour ! Ravi de vous retrouver.',
  'greeting.inDialog': 'Bonjour ! Nous étions en train d’échanger, je reprends ma question :',
  'cancel.done': 'C’est annulé, rien n’a été enregistré.',
  'cancel.nothing': 'Il n’y a rien à annuler.',
  'stop.done':
    'C’est noté : Kozé ne vous enverra plus de messages de lui-même (enquêtes, nouvelles). Vous pouvez toujours m’écrire. Pour reprendre, écrivez REPRENDRE.',
  'stop.beforeConsent': 'C’est noté, je ne vous écrirai pas. Je n’ai rien enregistré à votre sujet.',
  'resume.done':
    'C’est reparti : vous recevrez à nouveau les enquêtes et les nouvelles du Living Lab. STOP pour arrêter.',
  'resume.already': 'Vous recevez déjà les messages du Living Lab. STOP pour les arrêter.',
  'session.expired': 'Notre dernier échange était resté en suspens : je repars de votre nouveau message.',
  'language.fr': 'Français',
  'language.rcf': 'Kréol réyoné',
  'language.changed': 'C’est noté, je vous écris en français.',

  // ── Bad input ──
  'input.image': 'Merci pour la photo ! Ici, j’ai besoin d’une réponse écrite.',
  'input.audio':
    'Je ne peux pas encore écouter les messages vocaux 🙏 Pourriez-vous l’écrire en quelques mots ?',
  'input.video': 'Je ne peux pas regarder les vidéos. Pourriez-vous l’écrire en quelques mots ?',
  'input.sticker': 'Joli autocollant 🙂 Mais j’ai besoin d’une réponse écrite.',
  'input.document': 'Je ne peux pas lire les fichiers. Pourriez-vous répondre par écrit ?',
  'input.location': 'Merci pour la position ! Ici, j’ai besoin d’une réponse écrite.',
  'input.tooLong': 'Votre message était très long : j’en ai gardé les {max} premiers caractères.',
  'prompt.blank': 'Je n’ai pas reçu de texte.',
  'prompt.blankWithExample': 'Je n’ai pas reçu de texte. Par exemple : {example}',
  'prompt.notUnderstood': 'Je n’ai pas compris votre réponse. Touchez un des boutons, ou écrivez son numéro.',
  'prompt.gaveUp': 'Je crois que je ne vous comprends pas bien, désolé. Repartons du menu.',
  'idle.blank': 'Je n’ai pas bien compris 🙂',
  'idle.attachment': 'Je ne peux pas lire ce type de message. Écrivez-moi plutôt en quelques mots.',
  'idle.stale': 'Ce bouton appartient à un ancien message.',
  'idle.thanks': 'Avec plaisir 🙂 Écrivez-moi quand vous voulez.',
  'idle.mediaStartsNeed': 'Merci ! Je le garde pour un nouveau besoin.',

  // ── Buttons used everywhere ──
  'choice.yes': 'Oui',
  'choice.no': 'Non',
  'choice.maybe': 'Peut-être',
  'choice.skip': 'Passer',
  'choice.cancel': 'Annuler',

  // ── Categories ──
  'category.mobilite': 'Mobilité et transports',
  'category.environnement': 'Environnement, eau et propreté',
  'category.logement': 'Logement',
  'category.sante': 'Santé',
  'category.solidarite': 'Solidarité et action sociale',
  'category.emploi': 'Emploi et économie locale',
  'category.jeunesse_education': 'Jeunesse et éducation',
  'category.culture_sport': 'Culture, sport et loisirs',
  'category.securite': 'Sécurité et tranquillité',
  'category.numerique': 'Numérique',
  'category.agriculture_alimentation': 'Agriculture et alimentation',
  'category.services_publics': 'Services publics et mairie',
  'category.autre': 'Autre chose',

  // ── Need ──
  'need.describe': 'Décrivez votre besoin en quelques mots : que se passe-t-il, et pour qui ?',
  'need.describeMedia': 'Bien reçu. Décrivez maintenant votre besoin en quelques mots.',
  'need.example':
    '« Il n’y a pas d’abribus devant l’école de La Paix, les enfants attendent sous la pluie. »',
  'need.photoKept': 'Photo bien reçue, je la joins à votre besoin.',
  'need.placeKept': 'Position bien reçue, je la joins à votre besoin.',
  'need.category.confirm': 'Je comprends que cela concerne : {category}. C’est bien ça ?',
  'need.category.unsure': 'Je ne suis pas tout à fait sûr : est-ce que cela concerne {category} ?',
  'need.category.yes': 'Oui, c’est ça',
  'need.category.other': 'Autre chose',
  'need.category.pick': 'Quel thème correspond le mieux ?',
  'need.place':
    'Où cela se passe-t-il ? Choisissez, écrivez le lieu, ou envoyez votre position 📍 (trombone › Position).',
  'need.place.mine': '{quartier} (mon quartier)',
  'need.place.other': 'Un autre quartier',
  'need.place.list': 'Dans quel quartier ? Vous pouvez aussi écrire le lieu, ou envoyer votre position 📍.',
  'need.photo': 'Avez-vous une photo ? Envoyez-la maintenant, sinon touchez « Pas de photo ».',
  'need.photo.skip': 'Pas de photo',
  'need.more': 'Voulez-vous ajouter quelque chose ?',
  'need.more.example': '« Cela dure depuis deux mois. »',
  'need.more.no': 'Non, c’est tout',
  'need.recap':
    'Je récapitule :\n📝 {text}\n🏷️ {category}\n📍 {place}\n📷 Photos : {photos}\nJe l’enregistre ?',
  'need.recap.location': 'position partagée',
  'need.recap.noPlace': 'non précisé',
  'need.restart': 'D’accord, reprenons depuis le début.',
  'need.saved':
    'C’est enregistré ✅ Référence : {reference}.\nL’équipe du Living Lab lit chaque besoin et le regroupe avec ceux des autres habitants. Vous pourrez suivre son avancement dans « Mes contributions ».',
  'need.similar': '{count} autres habitants ont signalé un besoin proche : vous n’êtes pas seul·e.',
  'need.similar.one': 'Un autre habitant a signalé un besoin proche : vous n’êtes pas seul·e.',

  // ── Saving ──
  'save.confirm': 'Enregistrer',
  'save.restart': 'Corriger',
  'save.retry': 'Réessayer',
  'save.failed':
    'Désolé, je n’ai pas réussi à enregistrer à cause d’un souci technique. Ce que vous avez écrit est gardé : voulez-vous réessayer ?',

  // ── Idea ──
  'idea.describe': 'Quelle est votre idée ? Décrivez-la en quelques mots.',
  'idea.example': '« Un jardin partagé sur le terrain vague derrière l’école. »',
  'idea.carrier': 'Qui pourrait la porter ?',
  'idea.carrier.moi': 'Moi',
  'idea.carrier.association': 'Une association',
  'idea.carrier.entreprise': 'Une entreprise',
  'idea.carrier.commune': 'La commune',
  'idea.carrier.ne_sait_pas': 'Je ne sais pas',
  'idea.testing': 'Aimeriez-vous participer aux tests si elle est expérimentée ?',
  'idea.saved':
    'Merci pour votre idée 💡 Référence : {reference}. L’équipe du Living Lab l’étudiera avec les autres propositions.',
  'idea.saved.tester':
    'Merci pour votre idée 💡 Référence : {reference}. L’équipe du Living Lab l’étudiera, et vous recontactera ici si elle est testée.',

  // ── Feedback on a tested service ──
  'feedback.service': 'Sur quel service en test voulez-vous donner votre avis ?',
  'feedback.noService':
    'Aucun service n’est en test en ce moment. Je vous préviendrai quand il y en aura un !',
  'feedback.noServiceKeptAsNeed':
    'Aucun service n’est en test en ce moment : j’enregistre votre message comme un besoin, pour que l’équipe du Living Lab le lise.',
  'feedback.serviceClosed':
    'Le test de « {name} » est terminé, merci ! Voici les services en test en ce moment.',
  'feedback.serviceUnknown':
    'Je ne trouve pas le service « {name} ». Voici les services en test en ce moment.',
  'feedback.messageKept': 'Merci, je garde votre message avec votre avis.',
  'feedback.rating':
    'Quelle note donnez-vous à « {service} », de 1 (pas du tout satisfait) à 5 (très satisfait) ?',
  'feedback.worked': 'Qu’est-ce qui a bien marché ?',
  'feedback.worked.example': '« Le chauffeur était à l’heure et très aimable. »',
  'feedback.improve': 'Et qu’est-ce qui pourrait être amélioré ?',
  'feedback.improve.example': '« L’arrêt de Bellevue n’est pas signalé. »',
  'feedback.recommend': 'Le recommanderiez-vous à un proche ?',
  'feedback.saved':
    'Merci pour votre avis sur « {service} » 🙏 Référence : {reference}. Il aidera à décider de la suite du test.',

  // ── Mes contributions, mes données ──
  'contributions.none':
    'Vous n’avez encore rien partagé. Écrivez-moi un besoin ou une idée quand vous voulez !',
  'contributions.header': 'Vos dernières contributions :',
  'contributions.line': '• {reference} du {date} · {topic} · {status}',
  'kind.need': 'Besoin',
  'kind.idea': 'Idée',
  'kind.feedback': 'Avis',
  'status.received': 'reçu',
  'status.in_review': 'en cours d’étude',
  'status.in_pipeline': 'suivi par le Living Lab',
  'status.done': 'réalisé',
  'status.rejected': 'non retenu',
  'mydata.header': 'Voici tout ce que Kozé garde sur vous :',
  'mydata.channel': '• Messagerie : {channel}',
  'mydata.language': '• Langue : {language}',
  'mydata.consent': '• Accord donné le {date} (notice {version})',
  'mydata.quartier': '• Quartier : {quartier}',
  'mydata.role': '• Vous êtes : {role}',
  'mydata.age': '• Âge : {age}',
  'mydata.proactive.on': '• Messages du Living Lab (enquêtes, nouvelles) : oui',
  'mydata.proactive.off': '• Messages du Living Lab : non (STOP)',
  'mydata.reference': '• Un identifiant technique pour vous écrire sur cette messagerie',
  'mydata.noReference': '• Aucun moyen de vous écrire de moi-même',
  'mydata.contributions': '• Contributions : {count}',
  'mydata.contribution': '{reference} du {date} : « {text} »',
  'mydata.unset': 'non renseigné',
  'mydata.footer': 'Ces données sont gardées {months} mois. Pour tout effacer, écrivez SUPPRIMER.',
  'mydata.nothing': 'Je ne garde rien à votre sujet.',
  'mydata.refusedOnly':
    'Je ne garde qu’une chose : votre refus du {date}, pour ne pas vous redemander votre accord à chaque message.',

  // ── SUPPRIMER ──
  'erase.confirm':
    'Voulez-vous vraiment effacer toutes vos données ? Votre profil et le texte de vos contributions seront supprimés, définitivement. Seuls des chiffres anonymes (thème, quartier, mois) resteront.',
  'erase.yes': 'Oui, tout effacer',
  'erase.no': 'Non, garder',
  'erase.kept': 'D’accord, je n’efface rien.',
  'erase.done':
    'C’est fait : vos données sont effacées, et vos {count} contributions ne sont plus liées à vous. Merci pour votre participation. Si vous m’écrivez de nouveau, je vous redemanderai votre accord.',
  'erase.done.one':
    'C’est fait : vos données sont effacées, et votre contribution n’est plus liée à vous. Merci pour votre participation. Si vous m’écrivez de nouveau, je vous redemanderai votre accord.',
  'erase.done.nothing':
    'C’est fait : vos données sont effacées. Si vous m’écrivez de nouveau, je vous redemanderai votre accord.',
  'erase.beforeConsent': 'C’est fait : je ne garde plus rien à votre sujet, pas même un refus.',
} as const;

export type MessageKey = keyof typeof fr;
