# What the community learns: the knowledge base, a member's ledger, the demand board, check-in codes.
insights-knowledge-title = Base de connaissances
insights-knowledge-intro = Ce que les membres ont appris lors de leurs rencontres, partagé avec leur accord.
insights-knowledge-search-label = Chercher dans ce que les gens ont appris
insights-knowledge-search-placeholder = Chercher dans les notes
insights-knowledge-search = Chercher
insights-knowledge-tags = Sujets
insights-knowledge-all-tags = Tous
insights-knowledge-tag-current = Sujet : { $tag }
insights-knowledge-empty = Rien pour l’instant. Après une rencontre, partagez une chose que vous avez apprise : elle apparaîtra ici pour tout le monde.
insights-knowledge-empty-action = Voir mes rencontres
insights-knowledge-no-match = Aucune note ne correspond. Essayez d’autres mots ou un autre sujet.
insights-knowledge-see-all = Voir toutes les notes
insights-knowledge-more = Plus de notes
insights-note-topic = Sujet
insights-anonymous = Un membre
insights-hidden = Masqué par un modérateur : { $reason }

insights-ledger-title = Donné et reçu
insights-ledger-intro = Vous seul voyez cette page. Ce n’est pas un score : on apprend dans les deux sens, avec le temps.
insights-paused-title = Vos recommandations sont en pause
insights-paused = Nous les avons mises en pause après des rencontres manquées, le { $since }. Les autres ne vous voient plus dans leurs suggestions tant que vous ne revenez pas.
insights-rejoin = Revenir dans les recommandations
insights-nudge-tag = Vous avez appris lors de { $attended } rencontres. { $count ->
    [one] { $count } personne veut
   *[other] { $count } personnes veulent
} apprendre { $tag }, que vous pouvez partager : pourquoi ne pas proposer une courte session ?
insights-nudge = Vous avez appris lors de { $attended } rencontres. Y a-t-il une chose que vous pourriez partager ? Ajoutez ce que vous pouvez partager à votre profil, ou publiez une offre.
insights-offer-topic = Proposer un sujet
insights-you-shared = Vous avez partagé
insights-you-learned = Vous avez appris
insights-hosted = { $count ->
    [one] rencontre animée
   *[other] rencontres animées
}
insights-minutes-shared = { $count ->
    [one] minute de partage
   *[other] minutes de partage
}
insights-notes-shared = { $count ->
    [one] note dans la base de connaissances
   *[other] notes dans la base de connaissances
}
insights-answers-given = { $count ->
    [one] réponse à une question
   *[other] réponses à des questions
}
insights-thanks-received = { $count ->
    [one] remerciement
   *[other] remerciements
}
insights-joined = { $count ->
    [one] rencontre suivie
   *[other] rencontres suivies
}
insights-minutes-learned = { $count ->
    [one] minute d’apprentissage
   *[other] minutes d’apprentissage
}
insights-could-share = D’autres veulent apprendre ce que vous pouvez partager
insights-could-share-intro = D’après ce que votre profil dit pouvoir partager. Proposez un sujet pour les rencontrer.
insights-people-want-it = { $count ->
    [one] { $count } personne le veut
   *[other] { $count } personnes le veulent
}
insights-thanks-title = Les remerciements reçus
insights-thanks-empty = Aucun pour l’instant. Animez une rencontre : les participants pourront vous remercier ensuite.

insights-demand-title = Ce que les gens veulent apprendre
insights-demand-intro = Souhaits, demandes ouvertes et demandes en attente, par sujet. Pouvez-vous en partager un ? Une session de groupe aide beaucoup de monde.
insights-demand-empty = Personne n’a encore dit ce qu’il veut apprendre.
insights-demand-empty-action = Ajouter ce que vous voulez apprendre
insights-demand-wanted = { $count ->
    [one] { $count } personne veut l’apprendre
   *[other] { $count } personnes veulent l’apprendre
}
insights-demand-can-share = { $count ->
    [one] { $count } personne peut le partager
   *[other] { $count } personnes peuvent le partager
}
insights-demand-nobody = Personne ne peut encore le partager
insights-demand-asks = { $count ->
    [one] { $count } demande ouverte
   *[other] { $count } demandes ouvertes
}
insights-demand-waiting = { $count ->
    [one] { $count } demande en attente de réponse
   *[other] { $count } demandes en attente de réponse
}
insights-demand-host = Animer un groupe
insights-more = Plus

insights-codes-title = Codes d’enregistrement
insights-codes-intro = Imprimez cette page et posez chaque code sur sa table ou dans sa salle. Les membres le scannent pour s’enregistrer à leur rencontre.
insights-codes-print = Imprimer
insights-codes-empty = Pas encore de table ni de salle. Ajoutez les lieux où l’on se retrouve, puis imprimez leurs codes.
insights-codes-add-spots = Ajouter des lieux
insights-codes-scan = Scannez pour vous enregistrer à votre rencontre ici
insights-codes-qr-label = Code QR pour s’enregistrer à { $name }
