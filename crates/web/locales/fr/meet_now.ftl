now-title = Rencontrer maintenant
now-intro = Libre un moment ? Dites-le, et peerlearn trouve quelqu'un ici avec qui parler, dans { $lead } minutes.
now-how-long = Pendant combien de temps ?
now-minutes = { $minutes } min
now-where = Où ?
now-lounge = Au salon
now-lounge-hint = Une table libre est choisie quand vous acceptez tous les deux.
now-video = En visio
now-video-hint = Vous recevez tous les deux un lien de visio.
now-auto-accept = Réserver dès que quelqu'un est trouvé
now-auto-accept-hint = Vous pourrez toujours annuler la rencontre ensuite.
now-go = Je suis libre
now-others = { $count ->
    [0] Personne d'autre n'est libre en ce moment. Les autres vous voient dès que vous l'êtes.
    [one] Un autre membre est libre en ce moment.
   *[other] { $count } autres membres sont libres en ce moment.
}
now-looking = Vous êtes libre jusqu'à { $until }. Nous cherchons quelqu'un pour vous.
now-looking-hint = Cette page se met à jour d'elle-même quand quelqu'un est trouvé. Les rapprochements se font sur les sujets que vous publiez et les centres d'intérêt de votre profil.
now-stop = Je ne suis plus libre
now-proposal-title = Rencontrer { $name } ?
now-proposal-topic = Sur « { $topic } »
now-proposal-when = Début à { $when }
now-at-the-lounge = au salon
now-by-video = en visio
now-accept = Accepter
now-decline = Refuser
now-waiting = Vous avez accepté. En attente de la réponse de { $name }.
now-booked = Vous rencontrez { $name } à { $when }.
now-see-meeting = Voir la rencontre
now-ended = La dernière proposition n'a pas abouti. Vous êtes toujours libre : nous continuons à chercher.
now-auto-on = Les rencontres sont réservées dès que quelqu'un est trouvé.
now-home-cta = Libre ? Rencontrez quelqu'un
notice-now-free = Vous êtes libre. Nous cherchons quelqu'un pour vous.
notice-now-stopped = Vous n'êtes plus parmi les membres libres.
notice-now-accepted = Accepté. Nous vous prévenons dès que l'autre personne accepte.
notice-now-declined = Refusé. Vous êtes toujours libre : nous continuons à chercher.
notice-now-booked = Réservé ! Votre rencontre commence dans quelques minutes.
notification-now-proposed-title = Rencontrer { $name } maintenant ?
notification-now-proposed-body = { $name } est libre aussi. Rencontrez-vous sur « { $topic } » à { $when }, { $place } : acceptez ou refusez sur la page Rencontrer maintenant.
notification-now-accepted-title = { $name } a dit oui
notification-now-accepted-body = { $name } a accepté de se rencontrer sur « { $topic } » à { $when }. Acceptez pour réserver.
notification-now-declined-title = { $name } n'est pas disponible
notification-now-declined-body = { $name } a refusé. Vous êtes toujours parmi les membres libres ; nous continuons à chercher quelqu'un.
notification-now-expired-title = La proposition a expiré
notification-now-expired-body = Personne n'a répondu à temps pour se rencontrer sur « { $topic } ». Si vous êtes toujours libre, vous restez parmi les membres libres.
notification-now-booked-title = Vous rencontrez { $name }
notification-now-booked-body = « { $topic } » avec { $name } à { $when }, { $place }.
