# La mise en page : barre du haut, navigation de la communauté, pied de page, confirmations, pages d'erreur.
layout-brand = peerlearn
layout-skip-to-content = Aller au contenu
layout-my-communities = Mes communautés
layout-account = Votre compte
layout-sign-in = Se connecter
layout-sign-up = S'inscrire
layout-sign-out = Se déconnecter
layout-dark-theme = Thème sombre
layout-language = Langue
layout-footer = peerlearn — apprendre les uns des autres.
layout-dismiss = Fermer
layout-confirm-yes = Oui, continuer
layout-confirm-no = Annuler

# La navigation de la communauté : onglets (une barre en bas sur téléphone), « Plus » et « Organiser ».
nav-home = Accueil
nav-topics = Sujets
nav-meetings = Rencontres
nav-inbox = Messages
nav-me = Profil
nav-more = Plus
nav-questions = Questions
nav-members = Membres
nav-knowledge = Connaissances
nav-demand = Demandes
nav-ledger = Donné et reçu
nav-board = Tableau du salon
nav-organize = Organiser
nav-moderation = Modération
nav-dashboard = Tableau de bord
nav-schedule = Programme automatique
nav-mixer = Brassage
nav-settings = Paramètres
nav-spot-codes = Codes de présence
# Lu après le nombre d'un onglet par les lecteurs d'écran (« Boîte de réception 3 non lus »).
nav-badge-unread = non lus
nav-badge-requests = en attente de votre réponse
# Mises à jour en direct : un message quand quelque chose arrive pendant qu'une page est ouverte.
live-open = Ouvrir
live-refresh = Actualiser

# Pages d'erreur (le titre et la phrase viennent de l'erreur elle-même).
error-code = Erreur { $status }
error-back-communities = Retour à mes communautés
error-back-home = Aller à l'accueil
error-sign-in = Se connecter
# Une page gardée pour le hors-ligne, montrée quand le réseau est coupé.
layout-offline = Vous êtes hors ligne : cette page est telle qu’elle était à { $time }.
offline-title = Hors ligne
offline-lead = Vous êtes hors ligne. Les pages ouvertes récemment, comme vos rencontres, s’ouvrent encore ; le reste revient avec la connexion.
offline-back = Mes communautés
# A check-in saved on the phone with no connection, sent once it returned (the refusal is
# followed by the reason).
layout-check-in-sent = Votre présence enregistrée sur ce téléphone a été signalée : c’est fait.
layout-check-in-refused = Votre présence enregistrée sur ce téléphone n’a pas pu être signalée.

# Texte écrit par les membres : une image d'un autre site, montrée comme un lien vers elle quand
# son auteur ne l'a pas décrite.
markdown-image = Image
