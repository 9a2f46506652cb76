# La page d'une rencontre (signaler sa présence, avis, « l'avez-vous essayé ? », qui est là,
# solutions de repli) et la page qu'ouvre le code QR d'un lieu.
meeting-about-topic = À propos du sujet
meeting-back = Retour à mes rencontres
meeting-checked-in = Votre présence est signalée
meeting-check-in-title = Vous êtes sur place ? Signalez-le
meeting-check-in-explain = Indiquez aux autres que vous êtes là. Une fois la conversation commencée, vous pourrez noter ce que vous avez appris.
# Tapped with no connection: the phone keeps the check-in and sends it later.
meeting-check-in-saved = Pas de connexion : votre présence est enregistrée sur ce téléphone et sera signalée au retour de la connexion.
meeting-waiting-explain = La conversation commence bientôt. Une fois qu'elle a commencé, vous pourrez noter ici ce que vous avez appris.
meeting-note-check-in-opens = Vous pourrez signaler votre présence à partir du { $time }, { $minutes } minutes avant le début.
meeting-note-check-in-closed = La rencontre est terminée ; il n'est plus possible de signaler sa présence.
meeting-note-not-participant = Les participants signalent leur présence et donnent leur avis ici.
meeting-people = Qui est là
meeting-people-after = Qui était là
meeting-host = Anime
meeting-here-since = Sur place depuis { $time }
meeting-did-not-come = Absence
meeting-not-here-yet = Pas encore signalé

meeting-stand-by-title = Votre partenaire n'a pas signalé sa présence
meeting-stand-by-intro = Plutôt que d'attendre, rejoignez quelqu'un d'autre maintenant :
meeting-stand-by-none = Aucun groupe ne commence maintenant et aucun sujet semblable n'est proposé. Patientez encore quelques minutes ou trouvez un autre sujet.
meeting-stand-by-group = { $free ->
    [one] Groupe, 1 place libre sur { $seats }
   *[other] Groupe, { $free } places libres sur { $seats }
}
meeting-stand-by-offer = Proposé par { $name }

meeting-feedback-title = Qu'en retenez-vous ?
meeting-feedback-intro = Une ligne ou deux suffisent. Avec votre accord, ce que vous avez appris aide d'autres personnes dans la base de connaissances.
meeting-learned = Une chose que j'ai apprise
meeting-will-try = Une chose que je vais essayer
meeting-will-try-hint = Dans 30 jours, nous vous demanderons si vous l'avez fait.
meeting-rating = Cette rencontre vous a-t-elle été utile ?
meeting-rating-hint = Privé : personne d'autre ne voit votre note.
meeting-rating-low = Pas utile
meeting-rating-high = Très utile
meeting-rating-1 = 1 sur 5, pas utile
meeting-rating-2 = 2 sur 5, un peu utile
meeting-rating-3 = 3 sur 5, utile
meeting-rating-4 = 4 sur 5, très utile
meeting-rating-5 = 5 sur 5, extrêmement utile
meeting-thanks = Un remerciement pour la personne qui anime (facultatif)
meeting-thanks-hint = La personne qui anime le verra.
meeting-link = Un lien à partager avec votre note (facultatif)
meeting-share = Partager ce que j'ai appris dans la base de connaissances de la communauté
meeting-named = Afficher mon nom
meeting-feedback-send = Envoyer mon avis
meeting-feedback-thanks = Merci pour votre avis
meeting-your-rating = Votre note privée : { $rating } sur 5 (elle n'est visible que par vous).
meeting-note-shared = Votre note est dans la base de connaissances.
meeting-tried-question = L'avez-vous essayé ?
meeting-tried-yes = Oui
meeting-tried-not-yet = Pas encore
meeting-tried-no = Non

meeting-spot-title = Signaler sa présence à { $spot }
meeting-spot-your-meeting = Votre rencontre ici
meeting-spot-details = Détails de la rencontre
meeting-spot-none = Vous n'avez pas de rencontre à { $spot } en ce moment. Vous pouvez signaler votre présence 10 minutes avant le début d'une rencontre.
meeting-spot-see-meetings = Voir mes rencontres
