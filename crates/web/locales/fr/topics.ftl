# Le marché des sujets, la page d'un sujet et la publication d'un sujet.

# Le marché.
topics-title = Sujets
topics-subtitle = Ce que les gens ici peuvent partager, et ce qu'ils veulent apprendre.
topics-post = Publier un sujet
topics-search-label = Chercher des sujets
topics-search-placeholder = Chercher un sujet
topics-search = Chercher
topics-filters = Filtres
topics-filters-set = { $count ->
    [one] 1 filtre actif
   *[other] { $count } filtres actifs
}
topics-kind-label = Afficher
topics-kind-all = Tout
topics-kind-offers = Offres
topics-kind-asks = Demandes
topics-format-label = Format
topics-format-any = Tous les formats
topics-group = Groupe
topics-mode-label = Où
topics-mode-any = Sur place ou en visio
topics-tag-label = Tag
topics-day-label = Jour
topics-free-label = Seulement quand je suis libre
topics-sort-label = Ordre
topics-sort-newest = Les plus récents d'abord
topics-sort-best = Les plus pertinents d'abord
topics-sort-soonest = Sessions de groupe par heure de début
topics-apply = Afficher les sujets
topics-clear = Effacer la recherche et les filtres
topics-none-filtered = Aucun sujet ne correspond. Essayez moins de mots ou un autre filtre, ou publiez ce que vous cherchez comme demande.
topics-none = Pas encore de sujet. Soyez le premier ou la première : partagez ce que vous savez, ou demandez ce que vous voulez apprendre.
topics-more = Plus de sujets
topics-times-in = Heures de { $zone }

# Un sujet, sur une carte ou sur sa page.
topics-kind-offer = Offre
topics-kind-ask = Demande
topics-one-on-one = En tête-à-tête
topics-group-seats = { $count ->
    [one] Groupe · 1 place
   *[other] Groupe · { $count } places
}
topics-minutes = { $count ->
    [one] 1 min
   *[other] { $count } min
}
topics-mode-in-person = Sur place
topics-mode-video = En visio
topics-mode-either = Sur place ou en visio
topics-tags = Tags

# La page d'un sujet.
topics-back = Tous les sujets
topics-closed = Fermé
topics-host = Hôte
topics-facts = À propos de ce sujet
topics-hidden = Masqué par un modérateur : { $reason }. Seuls l'hôte et les modérateurs le voient.
topics-no-description = Pas de description.
topics-ask-to-meet = Demander une rencontre
topics-offer-to-help = Proposer son aide
topics-request-intro = Choisissez jusqu'à trois créneaux ; { $name } en retiendra un.
topics-both-free = Créneaux où vous êtes tous deux libres
topics-no-common-time = Vous et { $name } n'avez pas encore de créneau libre en commun. Proposez un autre moment, ou ajoutez vos disponibilités à votre profil.
topics-add-availability = Ajouter mes disponibilités
topics-another-time = Un autre moment
topics-another-time-hint = Heure de { $zone }, à l'heure ou à la demi-heure.
topics-message = Message (facultatif)
topics-message-hint = De quoi aimeriez-vous parler ?
topics-send-request = Envoyer la demande
topics-seats-title = Places
topics-seats-taken = { $taken } sur { $size } prises
topics-seats-left = { $count ->
    [0] Plus aucune place
    [one] 1 place restante
   *[other] { $count } places restantes
}
topics-you-host-group = Vous animez ce groupe. Vous pouvez l'annuler depuis vos rencontres.
topics-my-meetings = Mes rencontres
topics-seated = Vous avez une place.
topics-leave-seat = Libérer ma place
topics-leave-seat-confirm = Libérer votre place ?
topics-waitlist-place = Vous êtes numéro { $position } sur { $length } en liste d'attente. Quand une place se libère et que vous êtes libre à ce moment-là, elle est pour vous et vous serez prévenu·e.
topics-leave-waitlist = Quitter la liste d'attente
topics-leave-waitlist-confirm = Quitter la liste d'attente ? Vous perdriez votre place.
topics-full = Ce groupe est complet. Inscrivez-vous sur la liste d'attente : la première place libérée revient à la première personne de la liste libre à ce moment-là.
topics-waiting = { $count ->
    [one] 1 personne attend.
   *[other] { $count } personnes attendent.
}
topics-join-waitlist = Rejoindre la liste d'attente
topics-take-seat = Prendre une place
topics-group-no-time = Ce groupe n'a pas encore d'horaire.
topics-your-topic = C'est votre sujet. Les demandes de rencontre arrivent dans vos rencontres.
topics-close-as-moderator = En tant que modérateur ou modératrice, vous pouvez retirer ce sujet du marché.
topics-close = Fermer le sujet
topics-close-confirm = Fermer ce sujet ? Il quitte le marché ; vous pourrez le rouvrir plus tard.
topics-reopen = Rouvrir le sujet
topics-edit = Modifier le sujet
topics-edit-title = Modifier le sujet
topics-edit-intro = Corrigez une coquille, précisez la description ou changez les tags. La façon et le moment de se rencontrer restent ceux de la publication.
topics-edit-submit = Enregistrer les modifications
topics-edit-cancel = Annuler
topics-notes-title = Ce que les gens ont appris ici
topics-notes-more = Plus dans la base de connaissances

# Publier un sujet.
topics-new-title = Publier un sujet
topics-new-intro = Partagez ce que vous savez, ou demandez ce que vous voulez apprendre.
topics-new-kind = C'est
topics-new-kind-offer = Quelque chose que je peux partager
topics-new-kind-offer-hint = Les gens vous demandent un moment pour se rencontrer.
topics-new-kind-ask = Quelque chose que je veux apprendre
topics-new-kind-ask-hint = Les personnes qui peuvent le partager proposent leur aide.
topics-new-title-label = Titre
topics-new-title-hint = Une ligne que l'on reconnaît, p. ex. « Les tests par propriétés en 30 minutes ».
topics-new-description = Description (facultative)
topics-new-description-hint = Ce que vous aborderez et ce qu'il faut apporter. Le Markdown fonctionne : **gras**, listes, liens.
topics-new-tags = Tags
topics-new-tags-hint = Séparés par des virgules, p. ex. tests, rust. C'est par eux que l'on trouve les sujets.
topics-new-format = Format
topics-new-format-group = Petit groupe
topics-new-capacity = Places pour les participants (vous n'êtes pas compté·e)
topics-new-capacity-hint = Pour les groupes seulement : entre 2 et { $max }.
topics-new-mode = Où
topics-new-duration = Durée
topics-new-duration-default = Par défaut : 30 min, 45 en groupe
topics-new-duration-option = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
topics-new-starts-at = Horaire fixe (facultatif, groupes seulement)
topics-new-starts-at-hint = Heure de { $zone }. Laissez vide pour convenir d'un moment avec chaque personne.
topics-new-submit = Publier le sujet
