import type { MessageKey } from './fr.ts';

/**
 * Réunion Creole messages (kréol réyoné). Same keys and placeholders as the French catalog; the words the
 * resident types (MES DONNÉES, SUPPRIMER, STOP, REPRENDRE, menu) stay in French, since they are commands.
 */
export const rcf: Record<MessageKey, string> = {
  'error.apology':
    'Pardon, néna in ti problèm teknik dann mon koté, mi la pa pu réponn aou. Nou rokomans : di amwin ankor sak ou vé, oubien ékri « menu ».',

  // ── First contact and consent ──
  'onboarding.welcome':
    'Bonzour 👋 Mwin lé Kozé, lasistan Living Lab Bras-Panon.\nLiving Lab i rasanbl la komine Bras-Panon, l’Univèrsité La Rényon ék la CRESS (la sanm rézional lékonomi sosial é solidèr).\nIsi ou pé di amwin in bézoin pou out kartié, propoz in lidé oubien donn out lavi su in sèrvis k’i tèst.',
  'onboarding.language': 'Dans quelle langue préférez-vous échanger ?\nKi lang ou préfèr pou koz avèk mwin ?',
  'onboarding.refusedBefore':
    'Rebonzour ! Dèrnié kou, ou la pa voulu donn out lakor, é mi la pa gard arien dann out bann mésaz. Pou mi pé noté sak ou ékri amwin, mi bézoin out lakor :',
  'onboarding.renewal':
    'Bonzour ! Bann règ su out bann done la sanzé dopi dèrnié kou. Mersi lir azot ankor :',
  'onboarding.cancelled': 'Lé bon, nou arèt la. Mi la pa anrézistré arien. Ékri amwin kan ou vé.',
  'onboarding.gaveUp':
    'Mi kroi mi konpran pa bien aou, pardon. Ékri amwin kan ou vé : mi sa ré-ésplik aou tout.',
  'onboarding.backToMessage': 'Nou rotourn out promié mésaz.',
  'consent.notice':
    '📄 Out bann done (notis {version})\n• Sak mi gard : out bann mésaz, foto ék landroi ou partaz, ék out profil si ou donn amwin.\n• Pou kosa : konprann bann bézoin Bras-Panon é tir bann solision ansanm avèk ou.\n• Kisa i lir : lékip Living Lab (komine, Univèrsité, CRESS). Zamé vandu.\n• Konbien d’tan : {months} mwa, apré i éfas.\n• Out droi : ékri MES DONNÉES pou oir azot, SUPPRIMER pou éfas tout, STOP pou pa gingn mésaz Kozé ankor.',
  'consent.question': 'Ou lé dakor ?',
  'consent.accept': 'Mi aksèpt',
  'consent.refuse': 'Mi réfiz',
  'consent.more': 'Konèt plis',
  'consent.details':
    'Living Lab Bras-Panon, sé in landroi koté bann zabitan, lasosiasion, lantropriz ék institision i invant é i tèst ansanm bann solision pou la komine.\nOut bann mésaz i sèr zis pou sa : ni piblisité, ni vann. Kozé i klas azot par tèm, apré in moun lékip i lir azot. Ou pé sanz lidé kan ou vé.',
  'consent.refused':
    'Lé bon : mi anrézistr arien su ou, zis out réfi (pou pa domann aou ankor sak kou ou ékri).\nLiving Lab Bras-Panon lé ouvèr pou tout domoun : zabitan, lasosiasion ék institision i invant ansanm bann solision pou la komine. Si ou sanz lidé, ékri amwin, sé tou.',
  'consent.refused.renewal':
    'Lé bon : mi sa anrézistr pi arien d’nouvo. Sak ou la deza partazé lé gardé ; ékri SUPPRIMER pou éfas sa, MES DONNÉES pou oir sa.',
  'consent.thanks': 'Mersi pou out konfians 🙏',
  'consent.needed': 'Avan kontinyé, mi bézoin out répons :',

  // ── Profile ──
  'profile.intro': 'Troi ti késtion pou konèt aou inpé mié. Ou lé pa oblizé réponn.',
  'profile.quartier': 'Dann ki kartié ou rès ?',
  'profile.quartier.other': 'Ot kartié',
  'profile.quartier.undisclosed': 'Mi préfèr pa dir',
  'profile.skipAll': 'Pli tar',
  'profile.role': 'Ou lé… ?',
  'profile.age': 'Ou na ki laz ?',
  'profile.thanks': 'Mersi, lé noté.',
  'role.habitant': 'In zabitan',
  'role.association': 'In lasosiasion',
  'role.entreprise': 'In lantropriz',
  'role.institution': 'In institision',
  'age.-18': 'Mwins 18 an',
  'age.18-29': '18–29 an',
  'age.30-44': '30–44 an',
  'age.45-59': '45–59 an',
  'age.60-74': '60–74 an',
  'age.75+': '75 an é plis',

  // ── Menu and words that work everywhere ──
  'menu.prompt': 'Kosa ou vé fé ? Ou pé osi ékri amwin direk, ék out mo.',
  'menu.first': 'Tout lé paré ! Di amwin sak out kartié na bézoin, ék out mo, oubien swazi :',
  'menu.again': 'Mi pé fé ot soz pou ou ?',
  'menu.left': 'Lé bon, nou lès sa dé koté (arien la pa été anrézistré).',
  'menu.need': 'Di in bézoin',
  'menu.idea': 'Propoz in lidé',
  'menu.feedback': 'Donn mon lavi su in sèrvis tèsté',
  'menu.contributions': 'Mon bann kontribision',
  'menu.mydata': 'Mon bann done',
  'menu.help': 'Lèd',
  'help.general':
    'Ékri amwin zis sak out kartié na bézoin, in lidé, oubien out lavi su in sèrvis tèsté : mi okip lo rès.\nKan ou vé : « menu », « annuler », « aide ».\nOut bann done : MES DONNÉES, SUPPRIMER. Pa gingn mésaz ankor : STOP (REPRENDRE pou rovni).\nPou koz fransé, ékri « français ».',
  'help.need':
    'Ou lé an trin di in bézoin. Réponn la késtion anba ; ou pé pas tout bann étap somanké la deskripsion. « annuler » pou lès tonbé, « menu » pou rotourn dann menu.',
  'help.idea': 'Ou lé an trin propoz in lidé. Réponn la késtion anba, oubien ékri « annuler » pou lès tonbé.',
  'help.feedback':
    'Ou lé an trin donn out lavi su in sèrvis Living Lab i tèst. Réponn la késtion anba, oubien ékri « annuler » pou lès tonbé.',
  'help.onboarding':
    'Mwin lé Kozé, lasistan Living Lab Bras-Panon. Pou noté out bann bézoin ék out bann lidé, mi bézoin out lakor ; san li, mi anrézistr arien.',
  'help.erase': 'Ou la domann éfas out bann done. Réponn « wi » pou éfas tout, « non » pou gardé.',
  'greeting.back': 'Bonzour ! Lé kontan oir aou ankor.',
  'greeting.inDialog': 'Bonzour ! Nou té an trin koz, mi domann aou ankor :',
  'cancel.done': 'Lé anilé, arien la pa été anrézistré.',
  'cancel.nothing': 'Néna arien pou anilé.',
  'stop.done':
    'Lé noté : Kozé va pi anvoy aou okin mésaz li-mèm (ankète, nouvèl). Ou pé toultan ékri amwin. Pou rokomans, ékri REPRENDRE.',
  'stop.beforeConsent': 'Lé noté, mi sa pa ékri aou. Mi la pa anrézistré arien su ou.',
  'resume.done': 'Nou rokomans : ou sa gingn ankor bann ankète ék nouvèl Living Lab. STOP pou arété.',
  'resume.already': 'Ou gingn deza bann mésaz Living Lab. STOP pou arèt azot.',
  'session.expired': 'Nout dèrnié kozman la rès an plan : mi rotrap dopi out nouvo mésaz.',
  'language.fr': 'Français',
  'language.rcf': 'Kréol réyoné',
  'language.changed': 'Lé noté, mi koz kréol avèk ou astèr.',

  // ── Bad input ──
  'input.image': 'Mersi pou la foto ! Mé isi, mi bézoin in répons ékri.',
  'input.audio': 'Mi pé pa ankor ékout bann mésaz vokal 🙏 Ou pé ékri sa an dé-troi mo ?',
  'input.video': 'Mi pé pa gard bann vidéo. Ou pé ékri sa an dé-troi mo ?',
  'input.sticker': 'Zoli limaz 🙂 Mé mi bézoin in répons ékri.',
  'input.document': 'Mi pé pa lir bann fishié. Ou pé réponn par ékri ?',
  'input.location': 'Mersi pou la pozision ! Mé isi, mi bézoin in répons ékri.',
  'input.tooLong': 'Out mésaz lété tro long : mi la gard lo {max} promié karaktèr.',
  'prompt.blank': 'Mi la pa rosevwar okin tèks.',
  'prompt.blankWithExample': 'Mi la pa rosevwar okin tèks. Pou lègzanp : {example}',
  'prompt.notUnderstood': 'Mi la pa konpri out répons. Tous inn bann bouton, oubien ékri son numéro.',
  'prompt.gaveUp': 'Mi kroi mi konpran pa bien aou, pardon. Nou rotourn dann menu.',
  'idle.blank': 'Mi la pa bien konpri 🙂',
  'idle.attachment': 'Mi pé pa lir sort mésaz-la. Ékri amwin plito an dé-troi mo.',
  'idle.stale': 'Bouton-la lé dann in vié mésaz.',
  'idle.thanks': 'Avèk plézir 🙂 Ékri amwin kan ou vé.',
  'idle.mediaStartsNeed': 'Mersi ! Mi gard sa pou in nouvo bézoin.',

  // ── Buttons used everywhere ──
  'choice.yes': 'Wi',
  'choice.no': 'Non',
  'choice.maybe': 'Pétèt',
  'choice.skip': 'Pasé',
  'choice.cancel': 'Anilé',

  // ── Categories ──
  'category.mobilite': 'Déplasman ék transpor',
  'category.environnement': 'Lanvironnman, dolo ék lapropté',
  'category.logement': 'Lakaz ék lozman',
  'category.sante': 'Lasanté',
  'category.solidarite': 'Solidarité ék lèd sosial',
  'category.emploi': 'Travay ék lékonomi lokal',
  'category.jeunesse_education': 'Marmay, zènès ék lékol',
  'category.culture_sport': 'Kiltir, spor ék loizir',
  'category.securite': 'Sékirité ék trankilité',
  'category.numerique': 'Numérik',
  'category.agriculture_alimentation': 'Lagrikiltir ék manzé',
  'category.services_publics': 'Sèrvis piblik ék lamèri',
  'category.autre': 'Ot zafèr',

  // ── Need ──
  'need.describe': 'Dékri out bézoin an dé-troi mo : kosa i passe, é pou kisa ?',
  'need.describeMedia': 'Bien rosi. Astèr dékri out bézoin an dé-troi mo.',
  'need.example': '« Néna poin abribis dovan lékol La Pé, bann marmay i atann anba la pli. »',
  'need.photoKept': 'Foto bien rosi, mi mèt ali ansanm out bézoin.',
  'need.placeKept': 'Pozision bien rosi, mi mèt ali ansanm out bézoin.',
  'need.category.confirm': 'Mi konpran sa i konsèrn : {category}. Lé bien sa ?',
  'need.category.unsure': 'Mi lé pa tro sir : èské sa i konsèrn {category} ?',
  'need.category.yes': 'Wi, lé sa',
  'need.category.other': 'Ot zafèr',
  'need.category.pick': 'Ki tèm i koll pli bien ?',
  'need.place':
    'Ousa sa i passe ? Swazi, ékri lo landroi, oubien anvoy out pozision 📍 (trombone › Pozision).',
  'need.place.mine': '{quartier} (mon kartié)',
  'need.place.other': 'In ot kartié',
  'need.place.list': 'Dann ki kartié ? Ou pé osi ékri lo landroi, oubien anvoy out pozision 📍.',
  'need.photo': 'Ou na in foto ? Anvoy ali astèr, sinon tous « Na poin foto ».',
  'need.photo.skip': 'Na poin foto',
  'need.more': 'Ou vé azout in n’afèr ?',
  'need.more.example': '« Sa i dir dopi dé mwa. »',
  'need.more.no': 'Non, sa lé tou',
  'need.recap':
    'Mi rékapitil :\n📝 {text}\n🏷️ {category}\n📍 {place}\n📷 Foto : {photos}\nMi anrézistr ali ?',
  'need.recap.location': 'pozision partazé',
  'need.recap.noPlace': 'pa di',
  'need.restart': 'Lé bon, nou rokomans dopi lo konmansman.',
  'need.saved':
    'Lé anrézistré ✅ Référans : {reference}.\nLékip Living Lab i lir sak bézoin é i rasanbl ali ék sat lé ot zabitan. Ou pé swiv ali dann « Mon bann kontribision ».',
  'need.similar': '{count} ot zabitan la di in bézoin parèy : ou lé pa tousèl.',
  'need.similar.one': 'In ot zabitan la di in bézoin parèy : ou lé pa tousèl.',

  // ── Saving ──
  'save.confirm': 'Anrézistré',
  'save.restart': 'Korizé',
  'save.retry': 'Sey ankor',
  'save.failed':
    'Pardon, mi la pa rézisi anrézistré akoz in problèm teknik. Sak ou la ékri lé gardé : ou vé sey ankor ?',

  // ── Idea ──
  'idea.describe': 'Kosa out lidé ? Dékri ali an dé-troi mo.',
  'idea.example': '« In zardin partazé su lo tèrin vag dèrièr lékol. »',
  'idea.carrier': 'Kisa i pé porte ali ?',
  'idea.carrier.moi': 'Mwin',
  'idea.carrier.association': 'In lasosiasion',
  'idea.carrier.entreprise': 'In lantropriz',
  'idea.carrier.commune': 'La komine',
  'idea.carrier.ne_sait_pas': 'Mi koné pa',
  'idea.testing': 'Ou sré kontan tèst ali si li lé éséyé ?',
  'idea.saved':
    'Mersi pou out lidé 💡 Référans : {reference}. Lékip Living Lab sa rogard ali ansanm bann ot propozision.',
  'idea.saved.tester':
    'Mersi pou out lidé 💡 Référans : {reference}. Lékip Living Lab sa rogard ali, é sa rokontak aou isi si li lé tèsté.',

  // ── Feedback on a tested service ──
  'feedback.service': 'Su ki sèrvis an tèst ou vé donn out lavi ?',
  'feedback.noService': 'Néna poin sèrvis an tèst astèr. Mi sa di aou kan néna inn !',
  'feedback.noServiceKeptAsNeed':
    'Néna poin sèrvis an tèst astèr : mi anrézistr out mésaz konm in bézoin, pou lékip Living Lab lir ali.',
  'feedback.serviceClosed': 'Lo tèst « {name} » lé fini, mersi ! Vwala bann sèrvis an tèst astèr.',
  'feedback.serviceUnknown': 'Mi trouv pa lo sèrvis « {name} ». Vwala bann sèrvis an tèst astèr.',
  'feedback.messageKept': 'Mersi, mi gard out mésaz ansanm out lavi.',
  'feedback.rating': 'Ki not ou donn « {service} », dopi 1 (pa kontan ditou) ziska 5 (bien kontan) ?',
  'feedback.worked': 'Kosa la bien marsh ?',
  'feedback.worked.example': '« Lo shofèr lété a lèr é bien zantiy. »',
  'feedback.improve': 'É kosa i pé amélioré ?',
  'feedback.improve.example': '« Larèt Bellevue lé pa marké. »',
  'feedback.recommend': 'Ou sa konsèy ali in moun out fanmi ?',
  'feedback.saved':
    'Mersi pou out lavi su « {service} » 🙏 Référans : {reference}. Sa va èd désid lo rès lo tèst.',

  // ── Mes contributions, mes données ──
  'contributions.none': 'Ou la ankor ryin partazé. Ékri amwin in bézoin oubien in lidé kan ou vé !',
  'contributions.header': 'Out dèrnié bann kontribision :',
  'contributions.line': '• {reference} lo {date} · {topic} · {status}',
  'kind.need': 'Bézoin',
  'kind.idea': 'Lidé',
  'kind.feedback': 'Lavi',
  'status.received': 'rosi',
  'status.in_review': 'lé an trin étidyé',
  'status.in_pipeline': 'swivi par Living Lab',
  'status.done': 'la fé',
  'status.rejected': 'pa gardé',
  'mydata.header': 'Vwala tout sak Kozé i gard su ou :',
  'mydata.channel': '• Mésazri : {channel}',
  'mydata.language': '• Lang : {language}',
  'mydata.consent': '• Lakor donné lo {date} (notis {version})',
  'mydata.quartier': '• Kartié : {quartier}',
  'mydata.role': '• Ou lé : {role}',
  'mydata.age': '• Laz : {age}',
  'mydata.proactive.on': '• Mésaz Living Lab (ankète, nouvèl) : wi',
  'mydata.proactive.off': '• Mésaz Living Lab : non (STOP)',
  'mydata.reference': '• In idantifian teknik pou ékri aou su mésazri-la',
  'mydata.noReference': '• Okin moyin pou ékri aou mwin mèm',
  'mydata.contributions': '• Kontribision : {count}',
  'mydata.contribution': '{reference} lo {date} : « {text} »',
  'mydata.unset': 'pa di',
  'mydata.footer': 'Bann done-la lé gardé {months} mwa. Pou éfas tout, ékri SUPPRIMER.',
  'mydata.nothing': 'Mi gard arien su ou.',
  'mydata.refusedOnly':
    'Mi gard zis inn soz : out réfi lo {date}, pou pa domann aou out lakor sak kou ou ékri.',

  // ── SUPPRIMER ──
  'erase.confirm':
    'Ou vé vréman éfas tout out bann done ? Out profil ék lo tèks out bann kontribision sa va disparèt, pou toultan. Zis bann shif anonim (tèm, kartié, mwa) sa rès.',
  'erase.yes': 'Wi, éfas tout',
  'erase.no': 'Non, gard azot',
  'erase.kept': 'Lé bon, mi éfas arien.',
  'erase.done':
    'Lé fé : out bann done lé éfasé, é out {count} kontribision lé pi lié avèk ou. Mersi pou out partisipasion. Si ou ékri amwin ankor, mi sa domann aou out lakor ankor.',
  'erase.done.one':
    'Lé fé : out bann done lé éfasé, é out kontribision lé pi lié avèk ou. Mersi pou out partisipasion. Si ou ékri amwin ankor, mi sa domann aou out lakor ankor.',
  'erase.done.nothing':
    'Lé fé : out bann done lé éfasé. Si ou ékri amwin ankor, mi sa domann aou out lakor ankor.',
  'erase.beforeConsent': 'Lé fé : mi gard pi arien su ou, mèm pa in réfi.',
};
