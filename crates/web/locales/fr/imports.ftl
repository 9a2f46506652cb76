# Importer des participants depuis un fichier, et leurs invitations.
nav-import = Importer des participants
nav-invitations = Invitations
import-title = Importer des participants
import-intro = Ajoutez une liste d’inscrits d’un coup : chacun reçoit un compte et un e-mail pour rejoindre cette communauté.
import-upload-title = Envoyer un fichier
import-file-label = Fichier CSV
import-file-hint = Un fichier CSV (UTF-8) d’au plus { $mb } Mo et { $rows } lignes, avec une ligne d’en-tête.
import-upload = Vérifier le fichier
import-upload-hint = Rien n’est encore créé : vous voyez d’abord ce que fera l’import.
import-format-title = Ce que contient le fichier
import-format-intro = Une personne par ligne, colonnes dans n’importe quel ordre. Colonnes séparées par des virgules (ou des points-virgules) ; étiquettes d’une cellule séparées par « ; » ou « | ».
import-format-example = Un exemple de fichier
import-column-email = son adresse e-mail (obligatoire)
import-column-name = son nom tel que les autres le voient (obligatoire)
import-column-team = son équipe ou organisation (obligatoire, peut être vide)
import-column-tags = ce qu’elle veut apprendre (facultatif)
import-column-offers = ce qu’elle peut partager (facultatif)
import-column-language = en ou fr : la langue de ses e-mails et pages (facultatif)
import-see-invitations = Voir qui a rejoint
import-preview-title = Vérifier l’import
import-summary = Ce que fera l’import
import-count-new = { $count ->
    [one] nouveau compte
   *[other] nouveaux comptes
}
import-count-existing = { $count ->
    [one] compte existant à ajouter
   *[other] comptes existants à ajouter
}
import-count-members = { $count ->
    [one] déjà membre
   *[other] déjà membres
}
import-count-errors = { $count ->
    [one] ligne avec une erreur
   *[other] lignes avec une erreur
}
import-errors-note = ignorées ; corrigez-les et importez ces lignes à nouveau
import-nothing = Personne dans ce fichier ne peut être ajouté : tous sont déjà membres ou leur ligne a une erreur.
import-upload-again = Envoyer un fichier
import-confirm = { $count ->
    [one] Importer et inviter 1 personne
   *[other] Importer et inviter { $count } personnes
}
import-confirm-question = { $count ->
    [one] Ajouter cette personne à la communauté et lui envoyer une invitation par e-mail ?
   *[other] Ajouter ces { $count } personnes à la communauté et envoyer à chacune une invitation par e-mail ?
}
import-confirm-yes = Importer et inviter
import-confirm-hint = Les nouveaux comptes reçoivent un lien pour choisir un mot de passe ; les comptes existants sont prévenus de leur ajout. Les liens fonctionnent 14 jours.
import-expired = Cet envoi a expiré (après 24 heures) et ne peut plus être confirmé.
import-not-mine = Une autre personne organisatrice a envoyé ce fichier ; elle seule peut le confirmer.
import-confirmed-line = Importé { $when } : { $accounts } nouveaux comptes, { $members } personnes ajoutées.
import-rows-title = { $count ->
    [one] 1 ligne
   *[other] { $count } lignes
}
import-rows-title-short = Lignes du fichier
import-filter-label = Afficher les lignes
import-filter-all = Toutes ({ $count })
import-filter-new = Nouveaux comptes ({ $count })
import-filter-existing = Comptes existants ({ $count })
import-filter-members = Déjà membres ({ $count })
import-filter-errors = Erreurs ({ $count })
import-no-rows = Aucune ligne ici.
import-col-line = Ligne
import-col-outcome = Ce qui se passe
import-outcome-new-account = Nouveau compte
import-outcome-existing-account = Ajouté
import-outcome-already-member = Déjà membre
import-outcome-error = Non importé
invitations-title = Invitations
invitations-intro = Qui a été invité depuis un fichier importé, qui a rejoint, et qui pas encore.
invitations-empty = Personne n’a encore été invité depuis un fichier.
invitations-summary = Les invitations en chiffres
invitations-count-invited = { $count ->
    [one] personne invitée
   *[other] personnes invitées
}
invitations-count-joined = ont rejoint
invitations-count-pending = pas encore rejoint
invitations-resend-all = { $count ->
    [one] Renvoyer l’invitation
   *[other] Renvoyer aux { $count } personnes qui n’ont pas rejoint
}
invitations-resend-question = { $count ->
    [one] Renvoyer l’invitation, avec un nouveau lien ?
   *[other] Renvoyer l’invitation, avec un nouveau lien, aux { $count } personnes qui n’ont pas rejoint ?
}
invitations-resend-yes = Renvoyer
invitations-resend-hint = Chaque personne reçoit au plus une invitation par heure ; l’ancien lien cesse de fonctionner.
invitations-filter-label = Afficher les invitations
invitations-filter-all = Toutes ({ $count })
invitations-filter-pending = Pas rejoint ({ $count })
invitations-filter-joined = Ont rejoint ({ $count })
invitations-none-here = Personne ici.
invitations-joined-at = A rejoint { $when }
invitations-sent-at = { $count ->
    [one] Invitée { $when }
   *[other] Invitée { $when } · envoyée { $count } fois
}
invitations-resend = Renvoyer
invitations-resend-to = Renvoyer à { $name }
invitations-import-more = Importer d’autres participants
invitation-title = Rejoindre { $community }
invitation-lead-new = Bienvenue, { $name }. Choisissez un mot de passe pour votre compte peerlearn et c’est fait.
invitation-lead-existing = Bienvenue, { $name }. Vous avez été ajouté·e à cette communauté avec votre compte peerlearn.
invitation-password = Choisissez un mot de passe
invitation-join = Enregistrer et rejoindre
invitation-open = Ouvrir { $community }
invitation-expired-title = Ce lien d’invitation ne fonctionne plus
invitation-expired = Il a déjà servi, une invitation plus récente l’a remplacé, ou ses 14 jours sont passés. Demandez à l’organisation de vous la renvoyer, ou choisissez un mot de passe avec « Mot de passe oublié ? ».
invitation-forgot = Mot de passe oublié ?
notice-import-done = L’import est fait : les invitations sont en route.
notice-invitation-resent = L’invitation est de nouveau en route, avec un nouveau lien.
notice-invitations-resent = { $sent ->
    [one] 1 invitation renvoyée.
   *[other] { $sent } invitations renvoyées.
} { $skipped ->
    [0] {""}
    [one] 1 personne en a reçu une il y a moins d’une heure et a été laissée de côté.
   *[other] { $skipped } personnes en ont reçu une il y a moins d’une heure et ont été laissées de côté.
}
notice-invitation-joined = Bienvenue ! Vous êtes membre de cette communauté.
mail-invite-subject = Vous êtes invité·e à { $community } sur peerlearn
mail-invite-body = L’organisation de { $community } vous a créé un compte peerlearn, pour rencontrer les autres membres et apprendre avec eux. Ouvrez ce lien pour choisir votre mot de passe et rejoindre la communauté :
mail-added-subject = Vous avez été ajouté·e à { $community } sur peerlearn
mail-added-body = L’organisation de { $community } vous y a ajouté·e avec votre compte peerlearn. Ouvrez ce lien pour y aller :
mail-invite-expiry = Le lien fonctionne une fois, pendant { $days } jours. Si vous n’attendiez pas cet e-mail, ignorez-le.
import-header-email = email
import-header-name = name
import-header-team = team
import-header-tags = tags
import-header-offers = offers
import-header-language = language
import-format-sample =
    email,name,team,tags,language
    ana@example.org,Ana Lima,Plateforme,Rust; SQL,en
    zoe@example.org,Zoé Martin,Design,UX|Figma,fr
import-language-en = Anglais
import-language-fr = Français
