# L'éditeur de profil : un seul formulaire, enregistré d'un coup.
profile-title = Votre profil
profile-lead = Ce que les membres voient de vous, et comment ils vous trouvent.
profile-see-public = Le voir comme les autres
profile-has-errors = Certaines réponses sont à revoir : voyez les messages ci-dessous. Rien n'a encore été enregistré.
profile-save = Enregistrer mon profil

profile-about = À propos de vous
profile-headline = Accroche
profile-headline-placeholder = Ingénieure data qui adore le SQL
profile-headline-hint = Une ligne qui dit ce que vous faites ou aimez.
profile-team = Équipe
profile-team-placeholder = Plateforme
profile-languages = Langues parlées
profile-languages-placeholder = Français, English
profile-languages-hint = Séparées par des virgules.
profile-bio = Quelques mots sur moi
profile-bio-hint = Pour les personnes que vous rencontrerez. Facultatif.

profile-tags = Partager et apprendre
profile-tags-lead = Les mots-clés vous mettent en relation : avec qui veut ce que vous partagez, et avec qui partage ce que vous voulez.
profile-offers = Je peux partager
profile-offers-placeholder = Ajoutez un mot-clé, par exemple postgresql
profile-offers-chips = Ce que vous pouvez partager : les mots-clés cochés sont gardés
profile-wants = Je veux apprendre
profile-wants-placeholder = Ajoutez un mot-clé, par exemple kubernetes
profile-wants-chips = Ce que vous voulez apprendre : les mots-clés cochés sont gardés
profile-tags-hint = Tapez des mots-clés séparés par des virgules, ou touchez une suggestion. Touchez un mot-clé à nouveau pour le retirer.

profile-availability = Quand vous êtes libre
profile-availability-lead = Cochez les demi-heures où vous pouvez vous rendre disponible. Elles sont proposées à qui veut vous rencontrer.
profile-availability-days = Jours
profile-availability-none = Cette communauté n'a aucun jour de rencontre.
profile-times-in = Heures affichées selon le fuseau { $zone }
profile-daily-cap = Rencontres par jour, au plus
profile-daily-cap-hint = Laissez vide pour ne pas fixer de limite. Une fois atteinte, vos sujets apparaissent complets ce jour-là.
profile-suggestions = Populaires ici
