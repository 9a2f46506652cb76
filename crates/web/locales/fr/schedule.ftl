# The organizer's auto-schedule: propose a schedule for every waiting request, review it, confirm it.
schedule-title = Planification automatique
schedule-intro = Placez d’un coup toutes les demandes en attente : à une heure où les deux personnes sont libres, dans un lieu adapté, sans que personne ne soit pris deux fois. Rien n’est envoyé avant votre confirmation.
schedule-pending-title = Demandes en attente
schedule-pending = { $count ->
    [one] demande en attente de réponse
   *[other] demandes en attente de réponse
}
schedule-nothing = Rien à planifier pour l’instant : chaque demande a sa réponse.
schedule-propose = Proposer un planning
schedule-propose-again = Proposer à nouveau
schedule-propose-hint = Cela prend quelques secondes. Vous relisez la proposition avant que quiconque soit prévenu.
schedule-proposal = Proposition
schedule-summary = { $placed ->
    [one] { $placed } placée
   *[other] { $placed } placées
}, { $left ->
    [one] { $left } laissée de côté
   *[other] { $left } laissées de côté
}
schedule-bound = { $count ->
    [one] au plus 1 pouvait être placée
   *[other] au plus { $count } pouvaient être placées
}
schedule-seconds = calculée en { $seconds } s
schedule-none-placed = Aucune demande n’a pu être placée. Les raisons sont ci-dessous.
schedule-times-in = Fuseau horaire : { $zone }
schedule-video-link = Appel vidéo
schedule-confirm = { $count ->
    [one] Confirmer cette rencontre
   *[other] Confirmer ces { $count } rencontres
}
schedule-confirm-question = { $count ->
    [one] Confirmer cette rencontre ? Les deux personnes sont prévenues aussitôt.
   *[other] Confirmer ces { $count } rencontres ? Chaque participant est prévenu aussitôt.
}
schedule-confirm-yes = Confirmer
schedule-confirm-hint = Chaque personne placée reçoit la rencontre dans sa boîte de réception et son agenda.
schedule-left-out = Laissées de côté
schedule-left-out-intro = Ces demandes restent en attente de la réponse de leur hôte.
schedule-reason-no-time-left = plus de temps libre dans le calendrier de la communauté
schedule-reason-no-common-time = aucun créneau libre en commun
schedule-reason-no-spot = la communauté n’a ni table ni salle
schedule-reason-times-taken = leurs créneaux communs sont pris par d’autres rencontres
