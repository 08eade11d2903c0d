// Hand-made needs for tests/nlp/similar-needs.test.ts and for choosing the default thresholds of
// src/nlp/similar-needs.ts. Each group holds different residents asking for the same thing in their own
// words (French, SMS, Creole); needs in different groups are different requests, often of the same
// category, so that a threshold has to tell "same request" from "same topic".
export const NEED_GROUPS: string[][] = [
  [
    "Il n'y a plus de bus le dimanche entre Bras-Panon et Saint-Benoît.",
    'Pas de bus le dimanche pour aller à Saint-Benoît, on fait comment ?',
    'ya pa d bus le dimanche pr st benoit',
    "Le dimanche aucun bus ne circule jusqu'à Saint-Benoît, il faudrait au moins un aller-retour.",
  ],
  [
    "Il faudrait un abri à l'arrêt de bus devant l'église, on attend sous la pluie.",
    "Pas d'abri à l'arrêt de l'église, les gens se mouillent quand il pleut.",
    "Mettre un abribus à l'arrêt de l'église svp",
  ],
  [
    'Les lampadaires de la rue des Letchis sont éteints depuis un mois, la rue est dans le noir.',
    "L'éclairage public ne marche plus rue des Letchis, c'est dangereux la nuit.",
    'rue des letchis les lampadaires marchent pas, tout noir le soir',
  ],
  [
    'Les poubelles ne sont pas ramassées depuis deux semaines dans le lotissement Bellevue.',
    'Ramassage des poubelles oublié à Bellevue, ça déborde depuis quinze jours.',
    'Bellevue : les ordures ne sont plus ramassées, les poubelles débordent.',
    'Lotissement Bellevue, camion poubelles pas passé depuis 2 semaines',
  ],
  [
    'Il y a des chiens errants qui attaquent les enfants près de l’école primaire.',
    "Des chiens errants traînent devant l'école, les enfants ont peur.",
    'Bann shien errant i rode devan lékol, bann marmay i gingn pwin pasé.',
  ],
  [
    'Il manque un passage piéton devant la boulangerie de la rue principale.',
    'Faire un passage pour piétons devant la boulangerie, rue principale, on traverse au milieu des voitures.',
  ],
  [
    'Nous aimerions un terrain de foot pour les jeunes du quartier de Rivière-du-Mât.',
    "Les jeunes de Rivière-du-Mât n'ont pas de terrain de foot, ils jouent sur la route.",
    'Un terrain de football à Rivière-du-Mât pour les ados svp',
  ],
  [
    "Il n'y a plus de médecin généraliste à Bras-Panon depuis le départ du docteur.",
    'Impossible de trouver un médecin traitant dans la commune, aucun généraliste ne prend de nouveaux patients.',
    'Pas de médecin généraliste à Bras-Panon, il faut aller à Saint-André.',
  ],
  [
    "L'eau du robinet est marron depuis les fortes pluies au quartier des Hauts.",
    'Dans les Hauts, eau marron au robinet après chaque pluie.',
    'Dolo lé maron dann robiné kan lapli i tonb, dann lé O.',
  ],
  [
    'Les trottoirs de la rue principale sont trop étroits pour les poussettes.',
    'Impossible de passer avec une poussette sur les trottoirs rue principale, ils sont trop étroits.',
  ],
];

/** Needs unlike any group above (and unlike each other). */
export const SINGLE_NEEDS: string[] = [
  'Je cherche un stage de troisième pour mon fils dans une entreprise de la commune.',
  'Une aide pour remplir la déclaration d’impôts en ligne serait bienvenue pour les personnes âgées.',
  'Le bus scolaire du matin passe trop tôt, les collégiens attendent une heure devant le portail.',
  "Les voitures roulent trop vite devant l'école, il faudrait un ralentisseur.",
  'Le marché forain du samedi manque de places de parking.',
  'La médiathèque devrait ouvrir le samedi après-midi pour les familles.',
  'Il faudrait plus de contrôles de police le soir près du stade, il y a des rodéos de scooters.',
  'Les jardins partagés manquent de points d’eau pour arroser.',
  'Je voudrais un composteur collectif dans ma résidence.',
  'Le loyer de mon logement social a augmenté sans explication.',
  'Les fils électriques pendent au-dessus de la ruelle après le cyclone.',
  'On aimerait un cours de créole pour les nouveaux arrivants dans la commune.',
  'Le wifi gratuit de la mairie ne fonctionne jamais.',
  "Les agriculteurs n'arrivent pas à vendre leurs légumes en direct, il faudrait un marché de producteurs.",
  'Le terrain de pétanque du centre est envahi par les herbes.',
  'Les personnes handicapées ne peuvent pas monter dans le bus sans rampe.',
];
