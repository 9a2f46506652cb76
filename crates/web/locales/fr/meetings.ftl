# Mes rencontres : la prochaine rencontre, les demandes à traiter, les rencontres suivantes,
# les demandes envoyées, les rencontres passées et le lien d'agenda privé.
meetings-title = Mes rencontres
meetings-times-in = Fuseau horaire : { $zone }
meetings-find-topic = Trouver un sujet
meetings-empty = Aucune rencontre pour l'instant. Trouvez un sujet qui vous intéresse et proposez une rencontre à la personne qui l'anime.
meetings-next = Prochaine rencontre
meetings-happening-now = En cours
meetings-starts-in-minutes = { $count ->
    [one] Commence dans 1 minute
   *[other] Commence dans { $count } minutes
}
meetings-starts-in-hours = { $count ->
    [one] Commence dans 1 heure
   *[other] Commence dans { $count } heures
}
meetings-you-host = Vous animez
meetings-nobody-yet = Personne n'a encore de place
meetings-names-and-more = { $count ->
    [one] { $names } et 1 autre personne
   *[other] { $names } et { $count } autres personnes
}
meetings-place-video = Visioconférence
meetings-join-video = Rejoindre la visio
meetings-check-in = Je suis là — signaler ma présence
meetings-open = Ouvrir la rencontre
meetings-add-to-calendar = Ajouter à l'agenda
meetings-cancel = Annuler la rencontre
meetings-cancel-confirm = Annuler cette rencontre ? Tous les participants sont prévenus.
meetings-leave-seat = Libérer ma place
meetings-leave-seat-confirm = Libérer votre place dans ce groupe ? Une personne en liste d'attente pourra la prendre.
meetings-cancelled = Annulée

meetings-requests-for-you = Demandes pour vous
meetings-group-sentence = { $count ->
    [one] 1 personne a demandé « { $topic } » pour { $time }.
   *[other] { $count } personnes ont demandé « { $topic } » pour { $time }.
}
meetings-group-button = { $count ->
    [one] Rencontrer 1 personne
   *[other] Rencontrer les { $count } personnes ensemble
}
meetings-group-confirm = Créer une seule rencontre de groupe avec toutes les personnes qui ont demandé cet horaire ? Elles sont toutes prévenues.
meetings-counter-explain = { $name } n'est pas disponible aux horaires que vous avez proposés et vous propose ceux-ci.
meetings-latest-note = Son dernier message : « { $note } »
meetings-times-passed = Tous les horaires proposés sont passés.
meetings-pick-time = { $count ->
    [one] L'horaire proposé
   *[other] Choisissez l'un des horaires proposés
}
meetings-accept-at = Accepter le { $time }
meetings-decline = Refuser
meetings-decline-message = Un petit mot (facultatif)
meetings-decline-hint = { $name } le lira avec votre réponse.
meetings-decline-send = Refuser la demande
meetings-propose = Proposer d'autres horaires
meetings-propose-legend = Jusqu'à trois autres horaires
meetings-propose-hint = Fuseau horaire : { $zone }. Chaque horaire est vérifié dans les deux agendas et dans les horaires de la communauté avant l'envoi.
meetings-propose-first = Premier horaire
meetings-propose-second = Deuxième horaire (facultatif)
meetings-propose-third = Troisième horaire (facultatif)
meetings-propose-note = Un message (facultatif)
meetings-propose-send = Envoyer ces horaires

meetings-later = Ensuite
meetings-requests-sent = Demandes envoyées
meetings-sent-waiting = En attente de la réponse de { $name }
meetings-sent-waiting-times = En attente de la réponse de { $name } à vos horaires
meetings-times-proposed = Horaires proposés
meetings-withdraw = Retirer
meetings-withdraw-confirm = Retirer cette demande ? La personne qui anime le sujet n'est plus sollicitée.
meetings-past = Rencontres passées
meetings-what-you-learned = Ce que vous avez appris
meetings-answered = { $count ->
    [one] 1 demande traitée
   *[other] { $count } demandes traitées
}
meetings-status-pending = En attente
meetings-status-accepted = Acceptée
meetings-status-declined = Refusée
meetings-status-withdrawn = Retirée
meetings-status-expired = Expirée

meetings-feed-title = Vos rencontres dans votre agenda
meetings-feed-none = Obtenez un lien privé auquel votre application d'agenda s'abonne : les nouvelles rencontres y apparaissent, celles qui sont annulées y sont annulées.
meetings-feed-new = Abonnez-vous à ce lien dans votre application d'agenda (Google Agenda : « À partir de l'URL » ; Calendrier d'Apple : « Nouvel abonnement à un calendrier »). Il n'est affiché qu'une fois.
meetings-feed-link = Votre lien d'agenda privé
meetings-feed-secret = Gardez-le secret : toute personne qui l'a voit vos rencontres.
meetings-feed-active = Votre lien d'agenda est actif. Vous l'avez perdu ? Créez-en un nouveau ; l'ancien cesse de fonctionner.
meetings-feed-make = Créer mon lien d'agenda
meetings-feed-renew = Créer un nouveau lien
meetings-feed-renew-confirm = Créer un nouveau lien d'agenda ? L'ancien cesse de fonctionner.
meetings-feed-off = Désactiver
meetings-feed-off-confirm = Désactiver votre lien d'agenda ? Les applications d'agenda ne sont plus mises à jour.
