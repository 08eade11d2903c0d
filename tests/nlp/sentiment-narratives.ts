// Longer accounts of a public-service experience, written for this test in the way people tell them on
// feedback sites: several sentences, facts first, feelings mixed in. Not taken from any real dataset.
export const NARRATIVES: Array<{ text: string; label: 'negative' | 'neutral' | 'positive' }> = [
  {
    label: 'positive',
    text: "Je devais refaire ma carte d'identité avant un voyage et je m'y suis prise tard. J'ai appelé la mairie un lundi matin, la personne au téléphone m'a trouvé un créneau pour le jeudi. Le jour du rendez-vous, l'agent a vérifié mes papiers, m'a expliqué ce qui manquait et m'a permis de l'envoyer par mail. Dix jours plus tard la carte était prête. Un grand merci pour la réactivité et la gentillesse.",
  },
  {
    label: 'positive',
    text: "Suite à la perte de mon emploi, j'avais peur de me perdre dans les démarches. Ma conseillère m'a reçue dès la première semaine, elle a pris le temps de tout m'expliquer et m'a orientée vers une formation qui correspond vraiment à mon projet. Les rendez-vous sont toujours à l'heure et elle répond à mes messages en une journée. Je me sens accompagnée et écoutée, ce qui n'était pas le cas la dernière fois.",
  },
  {
    label: 'positive',
    text: "J'ai dû faire une demande d'aide au logement après mon divorce. Le site était clair et, quand j'ai bloqué sur une pièce justificative, le chat m'a répondu rapidement. Le dossier a été traité en trois semaines et le premier versement est arrivé à la date annoncée. Franchement, je m'attendais au pire et tout s'est très bien passé.",
  },
  {
    label: 'positive',
    text: "Mon père est hospitalisé depuis deux semaines. Les infirmières sont attentives, elles nous donnent des nouvelles à chaque visite et le médecin a accepté de nous recevoir pour expliquer le traitement. La chambre est propre et les repas corrects. Dans un moment difficile pour la famille, c'est rassurant de sentir autant d'humanité.",
  },
  {
    label: 'positive',
    text: "Je suis allé au centre des impôts pour comprendre une erreur sur mon avis. L'agent a regardé mon dossier avec moi, a trouvé l'origine du problème et a corrigé la déclaration devant moi. J'ai reçu le dégrèvement le mois suivant. Service efficace et agent très compétent, je le recommande.",
  },
  {
    label: 'positive',
    text: "Pour l'inscription de mon fils à la cantine, tout s'est fait en ligne en dix minutes. J'avais une question sur le tarif, j'ai envoyé un mail et la réponse est arrivée le lendemain, claire et polie. C'est simple, rapide, et ça évite de poser une demi-journée de congé. Bravo au service scolaire.",
  },
  {
    label: 'positive',
    text: "Après un accident, j'ai dû demander une carte mobilité inclusion. Une assistante sociale m'a aidée à remplir le dossier, et la maison départementale m'a tenue informée à chaque étape. Je l'ai obtenue en deux mois, ce qui est bien plus rapide que ce qu'on m'avait annoncé. Je suis très reconnaissante pour cet accompagnement.",
  },
  {
    label: 'positive',
    text: "Le bureau de poste a changé d'horaires et j'avais peur de ne plus pouvoir y aller après le travail. En fait, ils ont ajouté une ouverture le samedi matin. Ce samedi, il n'y avait presque pas d'attente, le guichetier a été souriant et m'a conseillé sur l'envoi le moins cher. Une bonne surprise.",
  },
  {
    label: 'neutral',
    text: "J'ai déposé mon dossier de demande de logement social en mars. On m'a remis un numéro d'enregistrement et expliqué que le délai moyen dans la commune est d'environ deux ans. Je n'ai pas encore de proposition. Je dois renouveler la demande chaque année, ce que j'ai fait en ligne ce mois-ci.",
  },
  {
    label: 'neutral',
    text: "Je me suis présenté à l'accueil de la caisse pour une attestation de droits. Il y avait une dizaine de personnes avant moi et j'ai attendu environ trente minutes. L'agent m'a imprimé le document et m'a indiqué qu'il était aussi disponible sur le compte en ligne. Je ne savais pas, j'essaierai la prochaine fois.",
  },
  {
    label: 'neutral',
    text: "Pour ma demande de passeport, j'ai pris rendez-vous sur le site de la mairie, le premier créneau était à cinq semaines. Le rendez-vous a duré un quart d'heure, on a pris mes empreintes et vérifié les justificatifs. On m'enverra un SMS quand le passeport sera disponible. Pour l'instant j'attends.",
  },
  {
    label: 'neutral',
    text: "Le conseiller était aimable et disponible, mais il n'avait pas la réponse à ma question sur le cumul de l'allocation avec un petit contrat. Il m'a dit qu'il allait se renseigner auprès de son service et me recontacter. L'accueil était correct, le résultat pour l'instant incertain.",
  },
  {
    label: 'neutral',
    text: "J'ai appelé le service des eaux pour signaler une fuite sur le compteur. On m'a donné un numéro d'intervention et un technicien doit passer dans la semaine. Le délai est raisonnable. Je verrai si la facture est corrigée ensuite.",
  },
  {
    label: 'neutral',
    text: "Ma démarche concernait un changement d'adresse sur la carte grise. Tout se fait sur internet maintenant, ce qui est pratique pour moi mais sûrement moins pour ma mère qui n'a pas d'ordinateur. Le certificat provisoire est arrivé par mail, la carte définitive doit suivre par courrier. Rien de particulier à signaler pour l'instant.",
  },
  {
    label: 'neutral',
    text: "Les urgences étaient pleines ce soir-là. On a attendu trois heures avec mon fils, ce qui était long, mais le médecin qui nous a reçus a été très professionnel et a pris le temps d'expliquer. On est rentrés avec une ordonnance. Une expérience mitigée, entre l'attente et la qualité des soins.",
  },
  {
    label: 'neutral',
    text: "J'ai fait une réclamation au sujet d'un prélèvement en double. On m'a répondu qu'elle avait été transmise au service concerné et qu'un remboursement éventuel interviendrait sous deux mois. J'ai reçu un accusé de réception par courrier. Je n'ai pas d'autre nouvelle pour le moment.",
  },
  {
    label: 'negative',
    text: "Cela fait quatre mois que j'attends le versement de ma pension de réversion. J'ai envoyé trois fois les mêmes documents, à chaque appel on me dit que le dossier est en cours et qu'il faut patienter. Personne n'est capable de me dire ce qui bloque. En attendant je dois emprunter à ma famille pour payer le loyer. C'est épuisant et humiliant.",
  },
  {
    label: 'negative',
    text: "Impossible de joindre la préfecture pour mon titre de séjour : le téléphone sonne dans le vide et les rendez-vous en ligne sont toujours complets. Mon récépissé expire la semaine prochaine et je risque de perdre mon travail. Je suis allé sur place, on m'a refusé l'entrée sans rendez-vous. Je ne sais plus quoi faire.",
  },
  {
    label: 'negative',
    text: "Ma mère de 85 ans a été renvoyée chez elle par les urgences à deux heures du matin, en taxi, sans que personne ne nous prévienne. Elle est tombée en rentrant. Quand j'ai demandé des explications, on m'a répondu sèchement que le service était débordé. Je trouve ça inadmissible.",
  },
  {
    label: 'negative',
    text: "Mon dossier de bourse a été perdu deux fois par le service. La première fois on m'a dit de le renvoyer, la deuxième fois on m'a reproché de l'avoir envoyé en retard alors que j'avais la preuve de dépôt. Résultat, ma fille a commencé l'année sans aide. Aucune excuse, aucune réponse à mes courriers.",
  },
  {
    label: 'negative',
    text: "Je me suis rendu trois fois à l'agence pour la même attestation. La première fois le système était en panne, la deuxième fois l'agent m'a dit que ce n'était pas le bon guichet, la troisième fois on m'a demandé un document qu'on ne m'avait jamais réclamé. Trois demi-journées perdues pour un papier. On se moque des usagers.",
  },
  {
    label: 'negative',
    text: "J'ai signalé un nid-de-poule dangereux devant l'école il y a six mois, photos à l'appui. On m'a répondu que la demande était prise en compte. Depuis, rien. Un enfant est tombé à vélo la semaine dernière. Quand on voit ça, on se demande à quoi servent ces signalements.",
  },
  {
    label: 'negative',
    text: "L'agent d'accueil m'a parlé comme si j'étais stupide parce que je ne comprenais pas le formulaire. Il a soupiré, levé les yeux au ciel et m'a dit de me débrouiller sur internet. Je suis ressortie en larmes. On devrait pouvoir être reçu avec un minimum de respect quand on vient demander de l'aide.",
  },
  {
    label: 'negative',
    text: "Le remboursement de mes frais médicaux est bloqué depuis février à cause d'une erreur sur mon numéro de sécurité sociale, erreur qui vient de leur côté. J'ai écrit sur la messagerie, on me répond avec des messages automatiques qui ne correspondent pas à ma question. Trois mois plus tard, toujours pas un centime.",
  },
];
