# Mes communautés, créer une communauté, son formulaire de réglages et les invitations.
communities-title = Mes communautés
communities-lead = Là où vous apprenez des autres et partagez ce que vous savez.
communities-create = Créer une communauté
communities-none = Vous ne faites partie d'aucune communauté pour l'instant. Ouvrez un lien d'invitation reçu, rejoignez une communauté ouverte ci-dessous ou créez la vôtre.
communities-members = { $count ->
    [one] 1 membre
   *[other] { $count } membres
}
communities-open = Communautés ouvertes
communities-open-lead = Toute personne connectée peut les rejoindre.
communities-join = Rejoindre
communities-join-name = Rejoindre { $name }

# Quand une communauté se réunit.
communities-schedule-one-day = { $day } · { $from }–{ $to } { $zone }
communities-schedule-days = { $first } – { $last } · { $from }–{ $to } { $zone }
communities-schedule-ongoing = En continu · { $from }–{ $to } { $zone }

communities-new-title = Créer une communauté
communities-new-lead = Vous en serez l'organisateur. Vous pourrez tout modifier plus tard.
communities-new-submit = Créer la communauté

# Le formulaire d'une communauté (nouvelle communauté et réglages de l'organisateur).
communities-form-name = Nom
communities-form-description = Description
communities-form-description-hint = Ce que l'on viendra apprendre et partager ici. Facultatif.
communities-form-kind = Type
communities-form-kind-event = Un événement
communities-form-kind-event-hint = Une conférence ou un atelier, avec un premier et un dernier jour.
communities-form-kind-ongoing = Un lieu permanent
communities-form-kind-ongoing-hint = Une école, une entreprise ou un espace de coworking, tous les jours.
communities-form-starts-on = Premier jour
communities-form-ends-on = Dernier jour
communities-form-dates-hint = Pour les événements seulement.
communities-form-day-start = Rencontres à partir de
communities-form-day-end = Jusqu'à
communities-form-language = Langue
communities-form-language-hint = Pour les membres qui n’ont pas choisi de langue et dont le navigateur ne demande ni l’anglais ni le français. Chaque membre peut toujours choisir la sienne.
communities-form-timezone = Fuseau horaire
communities-form-timezone-hint = Là où la communauté se réunit, par exemple Europe/Paris. Les horaires sont dans ce fuseau.
communities-form-join-policy = Qui peut la rejoindre
communities-form-open = Toute personne connectée
communities-form-open-hint = La communauté est proposée à tous.
communities-form-invite = Seulement les personnes ayant le lien d'invitation
communities-form-invite-hint = Vous partagez le lien avec qui vous voulez.
communities-form-save = Enregistrer les réglages

# Un lien d'invitation.
communities-invite-title = Rejoindre { $name }
communities-invite-eyebrow = Vous êtes invité à rejoindre
communities-invite-visitor = Créez un compte pour la rejoindre, ou connectez-vous si vous en avez un. Vous reviendrez ici.
communities-invite-create-account = Créer un compte
communities-invite-sign-in = Se connecter
communities-invite-already = Vous en êtes déjà membre.
communities-invite-go = Aller à la communauté
communities-invite-join = Rejoindre { $name }
