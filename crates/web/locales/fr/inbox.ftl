# La boîte de réception : les messages sur ses demandes et ses rencontres, du plus récent au plus ancien.
inbox-title = Boîte de réception
inbox-unread = { $count ->
    [one] 1 nouveau
   *[other] { $count } nouveaux
}
inbox-times-in = Fuseau horaire : { $zone }
inbox-new = Nouveau
inbox-empty = Rien pour l'instant. Quand quelqu'un vous propose une rencontre, répond à votre demande ou modifie une rencontre, vous le trouvez ici.
inbox-empty-action = Trouver un sujet
inbox-just-now = à l'instant
inbox-minutes-ago = { $count ->
    [one] il y a 1 min
   *[other] il y a { $count } min
}
inbox-hours-ago = { $count ->
    [one] il y a 1 heure
   *[other] il y a { $count } heures
}
