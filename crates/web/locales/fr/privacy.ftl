# Quitter une communauté, exporter ses données, supprimer son compte.
former-member = Un ancien membre

profile-leave = Quitter cette communauté
profile-leave-lead = Vos rencontres à venir ici sont annulées et votre profil est retiré. Vous pourrez revenir plus tard.
profile-leave-link = Quitter cette communauté…

leave-title = Quitter cette communauté
leave-lead = Vous allez quitter { $community }.
leave-what = Ce qui se passe
leave-meetings = Vos rencontres à venir sont annulées, et les autres personnes sont prévenues.
leave-requests = Vos demandes en attente, envoyées et reçues, sont retirées.
leave-topics = Vos sujets ouverts sont fermés.
leave-profile = Votre profil, vos tags, vos disponibilités et votre boîte de réception ici sont supprimés.
leave-kept = Les rencontres passées, les notes et les réponses dont les autres ont besoin restent, attribuées à un ancien membre.
leave-button = Quitter la communauté
leave-cancel = Rester

export-title = Vos données
export-lead = Obtenez une copie de tout ce que peerlearn garde sur vous, dans toutes les communautés, en un fichier JSON.
export-button = Préparer mes données
export-pending = Vos données sont en préparation. Nous vous écrirons quand elles seront prêtes ; cette page proposera alors le téléchargement.
export-ready = Vos données sont prêtes. Le téléchargement fonctionne jusqu'au { $expires }.
export-download = Télécharger mes données

delete-title = Supprimer mon compte
delete-lead = C'est définitif.
delete-account-lead = Votre compte, vos profils et vos données personnelles sont effacés. Vous pouvez d'abord télécharger vos données.
delete-account-link = Supprimer mon compte…
delete-what = Ce qui se passe
delete-sessions = Vous êtes déconnecté partout ; vos jetons d'API cessent de fonctionner.
delete-meetings = Vos rencontres à venir sont annulées, les autres personnes sont prévenues, et vos demandes en attente sont retirées.
delete-erased = Votre nom, votre e-mail, vos profils, vos disponibilités, votre boîte de réception et vos avis privés sont effacés.
delete-kept = Les notes des bases de connaissances, les réponses et les rencontres passées dont les autres ont besoin restent, attribuées à un ancien membre.
delete-organizer = Si vous êtes le dernier organisateur d'une communauté qui a d'autres membres, nommez d'abord un autre organisateur. Une communauté dont vous êtes le seul membre est supprimée avec votre compte.
delete-export-first = Vous voulez d'abord une copie ?
delete-password = Votre mot de passe
delete-button = Supprimer définitivement mon compte
delete-cancel = Garder mon compte

mail-export-subject = Vos données peerlearn sont prêtes
mail-export-body = La copie de vos données que vous avez demandée est prête. Téléchargez-la depuis la page de votre compte dans les { $days } jours :

notice-export-requested = Vos données sont en préparation. Nous vous écrirons quand elles seront prêtes.
notice-left-community = Vous avez quitté la communauté.
notice-account-deleted = Votre compte a été supprimé. Au revoir, et merci.
leave-hand-over = Nommer un autre organisateur
delete-hand-over-first = Vous êtes le dernier organisateur de ces communautés : nommez un autre organisateur dans chacune avant de supprimer votre compte.
