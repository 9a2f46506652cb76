# Le tableau du salon : un grand écran sur place.
board-title = Tableau du salon
board-time = Heure :
board-conversations = { $count ->
    [one] conversation aujourd'hui
   *[other] conversations aujourd'hui
}
board-bridges = { $count ->
    [one] pont entre équipes
   *[other] ponts entre équipes
}
board-spots-title = Aux tables
board-spots-empty = Aucune rencontre en ce moment.
board-now = En cours
board-next = Ensuite
board-groups-title = Rejoindre un groupe
board-groups-empty = Aucun groupe avec des places libres dans l'heure.
board-seats-left = { $count ->
    [one] 1 place libre
   *[other] { $count } places libres
}
board-scan = Scannez pour prendre une place
board-qr-label = Code QR pour prendre une place à « { $title } »
board-free-title = Disponibles maintenant
board-free-empty = Personne ne s'est dit disponible pour l'instant.
board-back = Retour à la communauté
board-back-to-board = Retour au tableau
board-link-title = Lien d'affichage
board-link-since = Un lien d'affichage créé le { $when } montre ce tableau sans connexion.
board-link-none = Créez un lien qui montre ce tableau sur un écran, sans connexion.
board-link-create = Créer un lien d'affichage
board-link-rotate = Remplacer le lien
board-link-confirm = Remplacer le lien d'affichage ? Les écrans qui montrent l'ancien lien ne se mettront plus à jour.
board-link-made = Ouvrez ce lien sur l'écran du lieu. Toute personne qui l'a voit le tableau.
board-link-label = Le lien d'affichage du tableau
board-link-once = Copiez-le maintenant : il n'est montré qu'une fois. Le remplacer désactive l'ancien.
board-link-open = Ouvrir le tableau
