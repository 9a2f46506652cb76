# L'accueil d'une communauté : la prochaine rencontre, les meilleures recommandations, puis le reste.
home-hello = Bonjour { $name }
home-dates-range = { $from } – { $to }
home-ongoing = En continu
home-members = { $count ->
    [one] 1 membre
   *[other] { $count } membres
}
home-invite-only = Sur invitation
home-times-in = Heures de { $zone }

# Une personne qui visite une communauté ouverte.
home-not-member = Vous n'êtes pas encore membre. Rejoignez la communauté pour voir qui est là et ce que chacun partage.
home-join = Rejoindre { $community }

# La prochaine rencontre.
home-next-title = Votre prochaine rencontre
home-next-with = Avec { $names }
home-next-now = Maintenant
home-next-in-minutes = { $count ->
    [one] Dans 1 minute
   *[other] Dans { $count } minutes
}
home-next-video = Visioconférence
home-next-join-video = Rejoindre la visio
home-next-check-in = Je suis là
home-next-details = Détails
home-next-none = Aucune rencontre prévue pour l'instant. Choisissez une recommandation ci-dessous, ou parcourez ce que les gens partagent.
home-next-browse = Parcourir les sujets

# Les meilleures recommandations.
home-recommended-title = Recommandé pour vous
home-all-topics = Tous les sujets
home-reasons = Pourquoi ce choix
home-why = Pourquoi ?
home-not-interested = Pas pour moi
home-hide-host = Masquer tout ce que propose { $name }
home-empty-wants = Dites ce que vous voulez apprendre et nous trouverons des sujets et des personnes pour vous.
home-empty-wants-action = Ajouter ce que vous voulez apprendre à votre profil
home-empty-availability = Les recommandations demandent un moment où vous êtes tous deux libres.
home-empty-availability-action = Indiquer quand vous êtes libre
home-empty-no-match = Personne ne propose encore ce que vous voulez apprendre à un moment où vous êtes libre. Publiez une demande pour que les personnes qui peuvent le partager vous trouvent.
home-empty-no-match-action = Publier une demande

# Le reste de l'accueil.
home-profile-title = Complétez votre profil
home-profile-text = Les autres vous trouvent grâce à ce que vous partagez et voulez apprendre.
home-profile-progress = { $done } sur { $total } faits
home-missing-headline = Ajouter une accroche
home-missing-offers = Dire ce que vous pouvez partager
home-missing-wants = Dire ce que vous voulez apprendre
home-missing-availability = Indiquer quand vous êtes libre
home-profile-edit = Modifier mon profil
home-could-help-title = Vous pourriez aider
home-could-help-no-offers = Ajoutez ce que vous pouvez partager et nous vous montrerons qui le demande.
home-could-help-no-offers-action = Ajouter ce que vous pouvez partager
home-could-help-none = Personne ne demande ce que vous pouvez partager pour le moment.
home-could-help-none-action = Le proposer comme sujet
home-swap-title = Échanges possibles
home-swap-text = Une personne avec qui échanger peut vous apprendre quelque chose et veut apprendre une chose que vous proposez.
home-swap-needs-both = Ajouter ce que vous pouvez partager et ce que vous voulez apprendre
home-swap-none-action = Parcourir les membres
home-people-title = Personnes à rencontrer
home-tags-title = Populaire ici
home-tags-none = Personne n'a encore ajouté de tags.
home-tags-first = Soyez le premier ou la première
home-tag-count = { $count ->
    [one] 1 membre
   *[other] { $count } membres
}
home-organize-title = Organiser
home-organize-spots = { $count ->
    [one] 1 lieu de rencontre.
   *[other] { $count } lieux de rencontre.
}
home-organize-settings = Paramètres
home-organize-dashboard = Tableau de bord
home-about-title = À propos
home-see-my-profile = Voir votre profil comme les autres le voient
home-dismissed-title = Pas pour moi ({ $count })
home-dismissed-topic = Sujet « { $label } »
home-dismissed-host = Tout ce que propose { $label }
home-undo = Annuler
