# L'annuaire des membres et le profil d'un membre.
members-title = Membres
members-count = { $count ->
    [one] 1 membre dont apprendre
   *[other] { $count } membres dont apprendre
}
members-role-organizer = Organisateur
members-role-moderator = Modérateur
members-role-member = Membre
members-team = Équipe { $team }
members-speaks = Parle { $languages }

members-filters = Filtres
members-filters-active = { $count ->
    [one] filtre actif
   *[other] filtres actifs
}
members-search = Trouver des membres
members-search-label = Nom, accroche ou équipe
members-search-placeholder = Par exemple Ana ou données
members-tag-label = Mot-clé
members-tag-placeholder = Par exemple python
members-filter-submit = Afficher les membres
members-popular-tags = Mots-clés populaires
members-filter-tag = Mot-clé : { $tag }
members-filter-text = Recherche : « { $text } »
members-clear-filters = Effacer les filtres
members-none = Personne ne correspond à ces filtres.
members-tags = Mots-clés
members-offers-short = Peut partager :
members-wants-short = Veut apprendre :
members-more-tags = { $count ->
    [one] 1 de plus
   *[other] { $count } de plus
}
members-pages = Pages
members-first-page = Première page
members-next-page = Page suivante

members-edit-mine = Modifier mon profil
members-can-share = Peut partager
members-wants-to-learn = Veut apprendre
members-nothing-yet = Rien pour l'instant.
members-topics = Sujets de { $name }
members-topics-mine = Vos sujets
members-topics-none = Aucun sujet ouvert pour l'instant.
members-topics-none-mine = Vous n'avez aucun sujet ouvert. Publiez-en un pour qu'on vous trouve pour ce que vous savez.
members-post-topic = Publier un sujet
members-topics-all = Voir tous ses sujets
members-topic-offer = Offre
members-topic-ask = Demande
members-topic-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
members-free = Disponible pour se rencontrer
members-free-none = Aucun créneau indiqué pour l'instant.
members-free-none-mine = Vous n'avez pas encore indiqué quand vous êtes libre.
members-free-add = Indiquer quand je suis libre
members-times-in = Heures affichées selon le fuseau { $zone }
