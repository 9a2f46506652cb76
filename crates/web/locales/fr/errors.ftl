# Erreurs : pourquoi une demande a été refusée, pour la personne qui l'a faite. Les messages
# de champ (invalid-…) suivent le nom du champ (« Titre : ne doit pas être vide. ») : ils
# commencent par une minuscule et ne nomment jamais un champ comme le code l'écrit.

## Intitulés des statuts (titre d'une page d'erreur ou d'un document de problème).
status-400 = Requête invalide
status-401 = Non connecté
status-403 = Non autorisé
status-404 = Introuvable
status-409 = Conflit
status-413 = Trop volumineux
status-415 = Type de contenu non pris en charge
status-422 = Certains champs sont à corriger
status-429 = Trop de tentatives
status-500 = Une erreur est survenue

## Un champ et la raison pour laquelle il n'est pas valide, en une phrase.
field-error = { $field } : { $message }.
field-error-unnamed = { $message }.

## Les champs, nommés comme on les dit.
field-a = Rencontre proposée
field-at = Heure de votre signalement de présence
field-bio = Présentation
field-body = Texte
field-capacity = Places
field-community = Communauté
field-cursor = Page
field-daily-cap = Rencontres par jour
field-day = Jour
field-day-end = Fin de la journée
field-day-start = Début de la journée
field-description = Description
field-current-password = Mot de passe actuel
field-display-name = Nom
field-duration-minutes = Durée
field-email = E-mail
field-end = Fin
field-ends-on = Dernier jour
field-format = Format
field-free = Seulement quand je suis libre
field-from = Premier jour
field-group-size = Personnes par groupe
field-headline = Accroche
field-host = Hôte
field-host-id = Hôte
field-join-policy = Qui peut rejoindre
field-kind = Type
field-lang = Langue
field-languages = Langues
field-learned = Ce que vous avez appris
field-limit = Nombre de résultats
field-link = Lien
field-list = Liste
field-message = Message
field-mode = Où
field-name = Nom
field-new-password = Nouveau mot de passe
field-offers = Ce que vous pouvez partager
field-other = Autre horaire
field-password = Mot de passe
field-proposed-times = { $n ->
    [1] Premier horaire
    [2] Deuxième horaire
    [3] Troisième horaire
   *[other] Horaire { $n }
}
field-rating = Note
field-reason = Motif
field-role = Rôle
field-rounds = Tours
field-slot = Créneaux où vous êtes libres tous les deux
field-sort = Ordre
field-start = Horaire
field-starts-at = Horaire
field-starts-on = Premier jour
field-status = Statut
field-subject-id = Élément
field-subject-kind = Type d'élément
field-tag = Mot-clé
field-tags = Mots-clés
field-team = Équipe
field-thanks = Remerciement
field-timezone = Fuseau horaire
field-title = Titre
field-to = Dernier jour
field-topic = Sujet
field-topic-id = Sujet
field-tried = Réponse
field-unanswered = Sans réponse uniquement
field-wants = Ce que vous voulez apprendre
field-will-try = Ce que vous allez essayer
field-windows = Disponibilité { $n }
field-url = Adresse
field-event-types = Événements
field-enabled = Activé

## Pourquoi un champ n'est pas valide.
invalid-between = doit être entre { $min } et { $max }
invalid-boolean = doit valoir true ou false
invalid-choice = doit être l'une de ces valeurs : { $choices }
invalid-choose-proposed = choisissez l'un des horaires proposés
invalid-clock-time = « { $value } » n'est pas une heure comme 09:00
invalid-control-characters = ne doit pas contenir de caractères de contrôle
invalid-cursor = n'est pas un curseur issu d'une page précédente
invalid-daily-cap = doit être entre 1 et { $max } rencontres par jour, ou vide pour ne pas fixer de limite
invalid-current-password = n'est pas votre mot de passe actuel
invalid-date = « { $value } » n'est pas une date comme 2026-05-12
invalid-date-time = n'est pas une date et une heure
invalid-day-ends-before-it-starts = doit être plus tard que le début de la journée
invalid-day-missing = n'existe pas dans ce fuseau horaire
invalid-direction-characters = ne doit pas contenir { $character }, un caractère invisible qui change le sens du texte autour de lui
invalid-duration = doit être l'une de ces durées, en minutes : { $choices }
invalid-email = doit être une adresse e-mail comme ana@example.org
invalid-name-new-account = est nécessaire pour créer un nouveau compte (--name)
invalid-email-same = est déjà votre adresse
invalid-email-taken = est déjà utilisé par un compte ; connectez-vous plutôt
invalid-empty = ne doit pas être vide
invalid-ends-before-it-starts = doit finir après avoir commencé
invalid-event-needs-dates = un événement a besoin d'un premier et d'un dernier jour
invalid-event-too-long = un événement dure au plus un an
invalid-feedback-empty = écrivez au moins une chose, ou donnez une note
invalid-fixed-time-one-on-one = seuls les sujets de groupe ont un horaire fixe ; en tête-à-tête, l'horaire se convient à chaque demande
invalid-group-size = un groupe compte entre 2 et { $max } personnes
invalid-host-full = { $name } accepte au plus { $cap } rencontres par jour et n'a plus de place le { $day } ; choisissez un autre jour
invalid-id = n'est pas un identifiant valide
invalid-in-past = doit être dans le futur
invalid-instant = « { $value } » n'est pas une heure RFC 3339 comme 2026-05-12T10:30:00Z
invalid-instant-example = doit être une heure comme 2026-05-12T10:30:00Z
invalid-last-day-before-first = ne doit pas précéder le premier jour
invalid-link = doit être une adresse web commençant par https:// (au plus { $max } caractères)
invalid-meeting-time = n'est pas un horaire de rencontre valide
invalid-no-hours-that-day = la communauté n'a pas d'horaires le { $day }
invalid-not-available = { $who ->
    [you] vous n'êtes pas disponible à ce moment-là
    [host] l'hôte n'est pas disponible à ce moment-là
   *[they] l'autre personne n'est pas disponible à ce moment-là
}
invalid-not-proposed = doit être l'un des horaires proposés
invalid-number-between = doit être un nombre de { $min } à { $max }
invalid-outside-event-dates = le { $day } est en dehors des dates de l'événement (du { $first } au { $last })
invalid-outside-hours = doit se situer dans les horaires de la communauté, { $start }–{ $end } ({ $timezone }), le { $day }
invalid-mixer-round-outside-hours = placerait le tour { $round } hors des horaires de la communauté, { $start }–{ $end } ({ $timezone }), le { $day } : commencez plus tôt, ou choisissez moins de tours ou des tours plus courts
invalid-overlaps = chevauche un autre horaire proposé
invalid-period-reversed = ne doit pas être après le dernier jour
invalid-period-too-long = la période dure au plus dix ans
invalid-person-busy = { $who ->
    [you] vous avez déjà une rencontre à ce moment-là
    [host] l'hôte a déjà une rencontre à ce moment-là
   *[they] l'autre personne a déjà une rencontre à ce moment-là
}
invalid-proposed-meeting = n'est pas une rencontre proposée
invalid-share-needs-learned = écrivez une chose apprise pour la partager comme note
invalid-spot-name-taken = est déjà le nom d'un autre lieu
invalid-tag-character = le mot-clé « { $tag } » contient « { $character } » ; utilisez des lettres, des chiffres, des espaces et + # . - / &
invalid-tag-too-long = le mot-clé « { $tag }… » dépasse { $max } caractères
invalid-tags-per-question = au plus { $max } mots-clés par question
invalid-tags-per-topic = au plus { $max } mots-clés par sujet
invalid-time-count = proposez de un à { $max } horaires
invalid-timezone = « { $value } » n'est pas un nom de fuseau horaire ; utilisez-en un comme Europe/Paris ou UTC
invalid-too-long = doit faire au plus { $max } caractères (actuellement { $count })
invalid-too-many-languages = au plus { $max } langues
invalid-too-many-signups = trop de comptes viennent d'être créés depuis ce réseau ; réessayez dans quelques minutes
invalid-too-many-tags = au plus { $max } mots-clés (actuellement { $count })
invalid-too-many-windows = au plus { $max } disponibilités
invalid-too-short = doit faire au moins { $min } caractères
invalid-topic-or-host = indiquez soit un sujet, soit un hôte, pas les deux
invalid-whole-number = doit être un nombre entier
invalid-webhook-url = doit être une adresse web commençant par https://
invalid-webhook-https = doit commencer par https:// (les événements sont signés, mais ne doivent pas circuler en clair)
invalid-webhook-unresolved = désigne un hôte introuvable
invalid-webhook-private = doit être joignable sur l’internet public, pas une adresse privée, de bouclage ou locale
invalid-event-type = n’est pas un événement que les webhooks peuvent recevoir
invalid-event-types-empty = choisissez au moins un événement

## Non autorisé (403).
forbidden-cross-site = Ce formulaire a été envoyé depuis un autre site, il n'a donc pas été exécuté. Ouvrez la page sur peerlearn et envoyez-le depuis celle-ci.
forbidden-csrf-missing = Cet appel a besoin du jeton de formulaire de la page (l'en-tête X-CSRF-Token).
forbidden-form-expired = Ce formulaire a expiré. Rechargez la page et envoyez-le à nouveau.
forbidden-host-or-organizer = Seuls l'hôte et les organisateurs peuvent modifier ce sujet.
forbidden-join-first = Rejoignez d'abord cette communauté.
forbidden-board-link = Ce lien d'affichage ne fonctionne plus. Demandez le nouveau à un organisateur.
forbidden-moderators-only = Seuls les modérateurs et les organisateurs peuvent faire cela.
forbidden-not-your-turn = Cette demande attend la réponse de l'autre personne.
forbidden-only-asker-accepts = Seule la personne qui a posé la question peut accepter une réponse.
forbidden-only-asker-converts = Seule la personne qui a posé la question peut en faire un sujet.
forbidden-only-requester-withdraws = Seule la personne qui a envoyé la demande peut la retirer.
forbidden-organizers-only = Seuls les organisateurs peuvent faire cela.
forbidden-own-answer-helpful = Vous ne pouvez pas marquer votre propre réponse comme utile.

## Introuvable (404) : cela n'existe pas, ou vous ne pouvez pas le voir.
not-found = Nous n'avons pas trouvé ce que vous cherchiez.
not-found-answer = Cette réponse n'existe pas, ou vous ne pouvez pas la voir.
not-found-calendar = Ce lien d'agenda n'existe pas ou a été désactivé.
not-found-community = Cette communauté n'existe pas, ou vous n'en êtes pas membre. Si elle est sur invitation, demandez un lien d'invitation à l'un de ses membres.
not-found-dismissal = Il n'y a rien à annuler ici.
not-found-email-link = Ce lien de confirmation ne fonctionne plus.
not-found-feedback = Il n'y a pas d'avis à afficher ici.
not-found-meeting = Cette rencontre n'existe pas, ou vous ne pouvez pas la voir.
not-found-member = Ce membre n'existe pas, ou ne fait pas partie de cette communauté.
not-found-note = Cette note n'existe pas, ou vous ne pouvez pas la voir.
not-found-page = Il n'y a pas de page à cette adresse.
not-found-question = Cette question n'existe pas, ou vous ne pouvez pas la voir.
not-found-report = Ce signalement n'existe pas, ou a déjà été traité.
not-found-reset-link = Ce lien de réinitialisation ne fonctionne plus.
not-found-request = Cette demande n'existe pas, ou vous ne pouvez pas la voir.
not-found-resource = Il n'y a rien à cette adresse.
not-found-spot = Ce lieu n'existe pas dans cette communauté.
not-found-table = Ce tableau n'existe pas.
not-found-token = Cette session ou ce jeton n'existe pas, ou a déjà pris fin.
not-found-topic = Ce sujet n'existe pas, ou vous ne pouvez pas le voir.
not-found-user = Ce compte n'existe pas.
not-found-waitlist-place = Vous n'êtes pas sur cette liste d'attente.
not-found-export = Il n'y a pas d'export de données ici : il n'est pas à vous, pas encore prêt, ou il a expiré.
not-found-webhook = Ce webhook n’existe pas dans cette communauté.
not-found-delivery = Cet envoi n’existe pas.

## Refusé en raison de l'état des choses (409), par code.
conflict-already-answered = Cette question a déjà une réponse acceptée.
conflict-already-cancelled = Cette rencontre est déjà annulée.
conflict-already-decided = On y a déjà répondu, ou cela a déjà été retiré ou traité.
conflict-already-hidden = C'est déjà masqué.
conflict-already-member = Vous êtes déjà membre de cette communauté.
conflict-already-reported = Vous l'avez déjà signalé ; les modérateurs vont l'examiner.
conflict-already-requested = Vous avez déjà une demande en attente sur ce sujet.
conflict-already-seated = Vous avez déjà une place.
conflict-already-topic = Cette question est déjà devenue un sujet de demande.
conflict-already-waitlisted = Vous êtes déjà sur la liste d'attente.
conflict-answer-hidden = Une réponse masquée ne peut pas être acceptée.
conflict-check-in-not-open = L'enregistrement ouvre { $minutes } minutes avant le début de la rencontre.
conflict-email-taken = Un compte existe déjà avec cet e-mail ; connectez-vous plutôt.
conflict-feedback-given = Vous avez déjà donné votre avis sur cette rencontre.
conflict-group-topic = Les sujets de groupe se rejoignent en prenant une place, pas par une demande.
conflict-host-full = L'hôte n'a plus de place ce jour-là ; choisissez un autre jour.
conflict-last-organizer = Une communauté a besoin d'au moins un organisateur ; nommez d'abord quelqu'un d'autre organisateur.
conflict-meeting-cancelled = Cette rencontre a été annulée.
conflict-meeting-full = Cette rencontre de groupe est complète.
conflict-meeting-not-over = Les avis ouvrent à la fin de la rencontre (ou dès son début, une fois votre présence enregistrée).
conflict-meeting-over = La rencontre est terminée ; l'enregistrement est fermé.
conflict-meeting-started = Cette rencontre a déjà commencé.
conflict-no-meeting-here = Vous n'avez pas de rencontre à ce lieu en ce moment.
conflict-no-seats = Seuls les sujets de groupe à horaire fixe ont des places.
conflict-no-spot-free = Aucune table ni salle adaptée n'est libre à ce moment-là ; choisissez un autre horaire.
conflict-not-enough-spots = Le tour { $round } compte { $groups } groupes mais seules { $spots } tables ou salles adaptées sont libres à ce moment-là. Ajoutez des lieux, choisissez un autre horaire ou passez en visio ; rien n'a été publié.
conflict-everyone-busy = Tout le monde a déjà une rencontre à ces horaires (ces tours sont-ils déjà publiés ?) ; rien n'a été publié.
conflict-mixer-changed = Les membres ou leurs centres d'intérêt ont changé depuis cet aperçu : regardez les nouveaux tours ci-dessous, puis publiez à nouveau.
conflict-too-few-members = Il n'y a pas encore assez de membres pour former des groupes.
conflict-not-a-participant = Seuls les participants de la rencontre peuvent faire cela.
conflict-not-available = Quelqu'un n'est pas disponible à ce moment-là.
conflict-not-hidden = Ce n'est pas masqué.
conflict-not-proposed = Acceptez l'un des horaires proposés par la demande.
conflict-not-seated = Vous n'avez pas de place dans cette rencontre.
conflict-not-waitlisted = Vous n'êtes pas sur la liste d'attente.
conflict-not-your-turn = Cette demande attend la réponse de l'autre personne.
conflict-outside-hours = Cet horaire est en dehors des horaires de la communauté.
conflict-own-answer = Vous ne pouvez pas marquer votre propre réponse comme utile.
conflict-own-profile = Vous ne pouvez pas vous exclure de vos propres recommandations.
conflict-own-topic = C'est votre propre sujet.
conflict-person-busy = Quelqu'un se retrouverait dans deux rencontres en même temps.
conflict-seats-free = Ce groupe a une place libre : prenez-la plutôt.
conflict-spot-name-taken = Cette communauté a déjà un lieu de ce nom.
conflict-spot-in-use = { $change ->
    [remove] { $count ->
        [one] Une des { $total } rencontres à venir dans ce lieu ne trouve aucun autre lieu libre du même type ; ajoutez un lieu ou déplacez d'abord cette rencontre.
       *[other] { $count } des { $total } rencontres à venir dans ce lieu ne trouvent aucun autre lieu libre du même type ; ajoutez un lieu ou déplacez d'abord ces rencontres.
    }
   *[edit] { $count ->
        [one] Une rencontre à venir dans ce lieu n'y tiendrait plus ; gardez son type et sa taille jusqu'à ce qu'elle soit passée, ou retirez le lieu pour la déplacer ailleurs.
       *[other] { $count } rencontres à venir dans ce lieu n'y tiendraient plus ; gardez son type et sa taille jusqu'à ce qu'elles soient passées, ou retirez le lieu pour les déplacer ailleurs.
    }
}
conflict-time-passed = Cet horaire est passé ; envoyez une nouvelle demande.
conflict-too-few-requests = Un groupe demande au moins deux demandes en attente ayant proposé cet horaire, de personnes encore libres à ce moment-là.
conflict-topic-closed = Ce sujet est fermé.

## Un corps de requête illisible (400), par code ; le détail pour les développeurs suit.
bad-request-with-detail = { $lead } : { $detail }
bad-request-body-too-large = Le corps de la requête est trop volumineux.
bad-request-invalid-body = Le corps de la requête n'a pas la forme attendue.
bad-request-invalid-form = Le formulaire n'a pas pu être lu. Revenez en arrière, rechargez la page et réessayez.
bad-request-invalid-query = Les paramètres de l'adresse ne sont pas valides.
bad-request-malformed-json = Le corps de la requête n'est pas du JSON valide.
bad-request-unreadable-body = Le corps de la requête n'a pas pu être lu.
bad-request-unsupported-media-type = Envoyez un corps JSON avec Content-Type: application/json.

## Autres refus.
error-not-signed-in = Connectez-vous d'abord.
error-bad-credentials = L'e-mail ou le mot de passe est incorrect.
error-too-many-attempts = { $seconds ->
    [one] Trop de tentatives ; réessayez dans une seconde.
   *[other] Trop de tentatives ; réessayez dans { $seconds } secondes.
}
error-internal = Une erreur est survenue de notre côté ; elle a été enregistrée.

## Erreurs affichées dans les pages.
error-choose-a-time = Choisissez au moins un horaire.
error-your-answer = Votre réponse { $message }.
error-availability-stale = Certains des créneaux choisis ne sont plus au calendrier. Choisissez-les à nouveau ci-dessous, puis enregistrez.
error-schedule-changed = Rien n'a été confirmé : la communauté a changé depuis la proposition. { $reason } Proposez à nouveau.

## Où aller depuis une page d'erreur.
next-join = Rejoindre cette communauté
next-community-about = À propos de cette communauté
next-community = Retour à la communauté

## Un formulaire envoyé avec un jeton expiré, proposé à nouveau.
form-expired-title = Votre formulaire a expiré — envoyez-le à nouveau
form-expired-explain = Cette page est restée ouverte longtemps, ou une nouvelle connexion a eu lieu entre-temps : le formulaire ne peut plus être reconnu comme le vôtre. Ce que vous avez écrit est conservé : envoyez-le à nouveau en un clic.
form-expired-send = Envoyer à nouveau
form-expired-back = Retour à la page

## Importer des participants depuis un fichier.
field-file = Fichier
field-language = Langue
field-show = Lignes affichées
invalid-import-too-large = dépasse { $max } Mo : découpez-le en fichiers plus petits
invalid-import-encoding = n’est pas du texte UTF-8 (ligne { $line }) : enregistrez-le à nouveau en « CSV UTF-8 »
invalid-import-empty = est vide
invalid-import-no-file = choisissez un fichier CSV à envoyer
invalid-import-no-rows = a une ligne d’en-tête mais personne en dessous
invalid-import-unreadable = ne se lit pas comme du CSV (ligne { $line })
invalid-import-duplicate-column = a deux fois la colonne « { $value } »
invalid-import-missing-columns = n’a pas les colonnes obligatoires : { $value } (la ligne d’en-tête nomme les colonnes)
invalid-import-too-many-rows = a { $count } lignes ; au plus { $max } peuvent être importées d’un coup : découpez-le
invalid-import-duplicate = figure déjà à la ligne { $line } du fichier
invalid-import-language = « { $value } » n’est pas une langue proposée : écrivez en ou fr, ou laissez vide
invalid-invitation-status = doit valoir all, joined ou pending
forbidden-import-not-yours = Seule la personne qui a envoyé ce fichier peut le confirmer.
not-found-import = Cet import n’existe pas dans cette communauté.
not-found-invitation = Cette invitation n’existe pas dans cette communauté.
not-found-invitation-link = Ce lien d’invitation ne fonctionne plus : il a servi, un plus récent l’a remplacé, ou il a expiré.
conflict-import-not-staged = Cet import a déjà été confirmé ou a expiré ; envoyez à nouveau le fichier.
conflict-already-joined = Cette personne a déjà rejoint.
conflict-in-meeting = Vous êtes en rencontre en ce moment ; dites que vous êtes libre une fois qu'elle est finie.
conflict-member-paused = Vos réservations sont suspendues après des rencontres manquées ; un organisateur peut les rétablir.
conflict-proposal-closed = Cette proposition a déjà reçu une réponse ou est terminée.
conflict-proposal-expired = Cette proposition a expiré ; vous êtes de nouveau parmi les membres libres.
conflict-already-accepted = Vous avez déjà accepté cette proposition.
conflict-partner-arrived = Votre partenaire est arrivé : votre rencontre a lieu comme prévu.
not-found-proposal = Cette proposition n'existe pas, ou elle ne vous concerne pas.
invalid-free-minutes = choisissez entre { $min } et { $max } minutes
invalid-now-mode = doit être lounge ou video
conflict-webhook-limit = Une communauté a au plus 10 webhooks ; supprimez-en un d'abord.
