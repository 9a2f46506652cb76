# The organizer's mixer: small groups for several rounds, nobody meeting the same person twice.
mixer-title = Brassage
mixer-intro = Répartissez tout le monde en petits groupes sur quelques tours : personne ne rencontre deux fois la même personne, et chaque groupe partage des centres d’intérêt.
mixer-settings = Groupes et tours
mixer-group-size = Par groupe
mixer-group-size-hint = De 2 à 12 personnes.
mixer-rounds = Tours
mixer-rounds-hint = De 1 à 20.
mixer-run = Former les groupes
mixer-run-again = Former de nouveaux groupes
mixer-empty = Pas encore assez de membres pour former des groupes.
mixer-empty-action = Inviter des personnes
mixer-result = { $count ->
    [one] 1 tour sans que personne ne se rencontre deux fois
   *[other] { $count } tours sans que personne ne se rencontre deux fois
}
mixer-result-bound = { $count ->
    [one] (au plus 1 est possible avec ces tailles de groupe).
   *[other] (au plus { $count } sont possibles avec ces tailles de groupe).
}
mixer-people = { $count ->
    [one] 1 membre réparti
   *[other] { $count } membres répartis
}
mixer-how = Lisez les groupes à voix haute ou affichez cette page sur un écran. Rien n’est enregistré ni envoyé avant la publication.
mixer-round = Tour { $number }
mixer-groups = { $count ->
    [one] 1 groupe
   *[other] { $count } groupes
}
mixer-group = Groupe { $number }
mixer-shared = Centres d’intérêt communs
mixer-publish-title = Publier ces tours
mixer-publish-intro = Chaque groupe devient une rencontre à une table ou dans une salle, dans les rencontres et l’agenda de chacun et sur l’écran du lounge ; chacun est prévenu avec une invitation.
mixer-starts-at = Le tour 1 commence à
mixer-starts-at-hint = Votre fuseau horaire : { $zone }. Chaque tour doit tenir dans les horaires de la communauté.
mixer-round-minutes = Durée d’un tour
mixer-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
mixer-break-minutes = Pause entre les tours (minutes)
mixer-break-minutes-hint = De 0 à 60, pour changer de table.
mixer-title-field = Titre
mixer-title-hint = Nomme les rencontres : « Titre — tour 1, groupe 2 ».
mixer-default-title = Brassage
mixer-topic-title = { $title } — tour { $round }, groupe { $group }
mixer-mode = Où les groupes se retrouvent
mixer-mode-in-person = À une table ou dans une salle (toutes nécessaires)
mixer-mode-either = À une table ou dans une salle, sinon en visio
mixer-mode-video = En visio
mixer-busy-rule = Une personne déjà en rencontre pendant un tour n’est retirée que de ce tour, et vous verrez qui. Si les groupes d’un tour ne trouvent pas tous une table ou une salle libre, rien n’est publié.
mixer-publish = Publier et prévenir tout le monde
mixer-published = { $count ->
    [one] 1 rencontre de groupe publiée.
   *[other] { $count } rencontres de groupe publiées.
}
mixer-published-people = { $count ->
    [one] 1 membre réparti.
   *[other] { $count } membres répartis.
}
mixer-published-how = Chacun a été prévenu, avec une invitation ; les rencontres sont dans leurs rencontres, leurs agendas et sur l’écran du lounge.
mixer-published-left-out = { $count ->
    [one] 1 personne a été retirée d’un tour : elle avait déjà une rencontre (voir ci-dessous).
   *[other] { $count } personnes ont été retirées d’un tour : elles avaient déjà une rencontre (voir ci-dessous).
}
mixer-busy = Retirés, déjà en rencontre : { $names }.
mixer-alone = Retirés, le reste de leur groupe était pris : { $names }.
