# Moderation: the queue of reports, hiding and restoring, reporting, the audit log.
moderation-title = Modération
moderation-intro = Signalements ouverts, du plus ancien au plus récent. Un contenu masqué reste visible pour son auteur et les modérateurs, avec votre raison.
moderation-audit-link = Journal d’audit
moderation-queue-link = File de modération
moderation-empty = Aucun signalement ouvert. Rien ne demande votre attention.
moderation-open-count = { $count ->
    [one] { $count } signalement ouvert
   *[other] { $count } signalements ouverts
}
moderation-times-in = Fuseau horaire : { $zone }
moderation-kind-topic = Sujet
moderation-kind-question = Question
moderation-kind-answer = Réponse
moderation-kind-note = Note
moderation-kind-member = Membre
moderation-subject = { $kind } : { $text }
moderation-hidden = Masqué
moderation-reported-by = Signalé par { $name }
moderation-hide = Masquer
moderation-hide-open = Masquer…
moderation-hide-quiet = Masquer (modération)
moderation-hide-reason = Raison, montrée à l’auteur
moderation-hide-reason-hint = Au moins 3 caractères.
moderation-hide-confirm = Masquer ce contenu pour tout le monde, sauf les modérateurs et son auteur ?
moderation-dismiss = Classer
moderation-dismiss-add-note = Ajouter une note
moderation-dismiss-note = Note (facultative)
moderation-dismiss-confirm = Classer ce signalement ? Le contenu reste visible.
moderation-more = Plus de signalements
moderation-restore = Rétablir
moderation-restore-reason = Pourquoi le rétablir
moderation-report = Signaler
moderation-report-reason = Quel est le problème ?
moderation-report-placeholder = Spam, impolitesse, hors sujet…
moderation-report-send = Envoyer aux modérateurs

moderation-audit-title = Journal d’audit
moderation-audit-intro = Chaque changement de rôle et chaque action de modération, du plus récent au plus ancien.
moderation-audit-empty = Rien d’enregistré pour l’instant.
moderation-audit-older = Entrées plus anciennes
moderation-action-hidden = Masqué
moderation-action-restored = Rétabli
moderation-action-report-dismissed = Signalement classé
moderation-action-role-changed = Rôle modifié
moderation-action-operator-made-organizer = Nommé organisateur par l’administrateur du serveur
