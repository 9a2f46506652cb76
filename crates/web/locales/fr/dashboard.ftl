# The organizer's dashboard: key figures, meetings per day, demand and supply gap, CSV exports.
dashboard-title = Tableau de bord
dashboard-period = Du { $from } au { $to }
dashboard-period-change = Changer la période
dashboard-from = Du
dashboard-to = Au
dashboard-show = Afficher
dashboard-period-invalid = { $reason } — affichage des 30 derniers jours à la place.
dashboard-percent = { $value } %
dashboard-figures = Chiffres clés
dashboard-stat-members = { $count ->
    [one] membre
   *[other] membres
}
dashboard-stat-new-members = { $count ->
    [0] aucun nouveau sur la période
    [one] { $count } nouveau sur la période
   *[other] { $count } nouveaux sur la période
}
dashboard-stat-meetings = { $count ->
    [one] rencontre tenue
   *[other] rencontres tenues
}
dashboard-stat-requests = { $count ->
    [one] demande de rencontre
   *[other] demandes de rencontre
}
dashboard-stat-accepted = { $share } acceptées
dashboard-stat-offers = { $count ->
    [one] offre publiée
   *[other] offres publiées
}
dashboard-stat-asks = { $count ->
    [one] demande d’aide publiée
   *[other] demandes d’aide publiées
}
dashboard-stat-notes = { $count ->
    [one] note partagée
   *[other] notes partagées
}
dashboard-stat-rating = note moyenne, sur 5
dashboard-stat-no-shows = d’absences
dashboard-stat-no-shows-note = parmi les places des rencontres avec enregistrement
dashboard-stat-bridges = des rencontres réunissent des équipes différentes
dashboard-stat-ties = nouveaux liens entre équipes pour 100 rencontres
dashboard-chart = Rencontres tenues par jour
dashboard-chart-summary = { $count ->
    [one] { $count } rencontre sur la période
   *[other] { $count } rencontres sur la période
}, au plus { $peak } en un jour.
dashboard-bar = { $day } : { $count ->
    [one] { $count } rencontre
   *[other] { $count } rencontres
}
dashboard-demand = Les plus demandés
dashboard-demand-intro = Ce que les membres veulent apprendre, et qui peut le partager.
dashboard-demand-empty = Personne n’a encore dit ce qu’il veut apprendre.
dashboard-demand-table = Les plus demandés, par sujet
dashboard-col-tag = Sujet
dashboard-col-want = Le veulent
dashboard-col-share = Peuvent partager
dashboard-col-asks = Demandes ouvertes
dashboard-col-waiting = Demandes en attente
dashboard-nobody = personne
dashboard-gap = Manques
dashboard-gap-intro = Demandé, mais proposé par personne : des personnes à trouver ou à inviter.
dashboard-gap-empty = Tout ce qui est demandé, quelqu’un le propose.
dashboard-gap-wanted = { $count ->
    [one] { $count } le veut
   *[other] { $count } le veulent
}
dashboard-exports = Télécharger les données
dashboard-exports-intro = Fichiers CSV, pour un tableur.
dashboard-csv-summary = Chiffres clés (CSV)
dashboard-csv-per-day = Rencontres par jour (CSV)
dashboard-csv-demand = Les plus demandés (CSV)
dashboard-csv-gap = Manques (CSV)
dashboard-codes = Codes d’enregistrement
dashboard-codes-intro = Imprimez un code QR pour chaque table et chaque salle.
dashboard-stat-free-now = { $count ->
    [one] membre libre maintenant (rencontrer maintenant)
   *[other] membres libres maintenant (rencontrer maintenant)
}
dashboard-stat-now-booked = { $count ->
    [one] rencontre immédiate réservée
   *[other] rencontres immédiates réservées
}
dashboard-stat-now-proposed = { $count ->
    [one] sur une proposition
   *[other] sur { $count } propositions
}
dashboard-stat-repairs-booked = { $count ->
    [one] nouveau binôme accepté (partenaire absent)
   *[other] nouveaux binômes acceptés (partenaire absent)
}
dashboard-stat-repairs-offered = { $count ->
    [one] sur une proposition
   *[other] sur { $count } propositions
}
dashboard-stat-seats-taken = { $count ->
    [one] place libre en groupe prise sur proposition
   *[other] places libres en groupe prises sur proposition
}
dashboard-stat-seats-offered = { $count ->
    [one] sur une proposée
   *[other] sur { $count } proposées
}
