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
mixer-how = Lisez les groupes à voix haute ou affichez cette page sur un écran. Rien n’est enregistré ni envoyé.
mixer-round = Tour { $number }
mixer-groups = { $count ->
    [one] 1 groupe
   *[other] { $count } groupes
}
mixer-group = Groupe { $number }
mixer-shared = Centres d’intérêt communs
