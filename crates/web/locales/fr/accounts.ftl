# La page d'accueil, la connexion et l'inscription.
accounts-create-account = Créer un compte
accounts-sign-in = Se connecter
accounts-email = Adresse e-mail
accounts-password = Mot de passe
accounts-name = Votre nom

accounts-landing-eyebrow = L'apprentissage entre pairs pour les événements, les écoles et les équipes
accounts-landing-title = Apprenez les uns des autres.
accounts-landing-lead = peerlearn transforme votre conférence, votre école, votre entreprise ou votre espace de coworking en un lieu où chacun partage ce qu'il sait, le temps d'une courte conversation.
# Une rencontre d'exemple dessinée sur la page d'accueil.
accounts-landing-demo-name = Ana Silva
accounts-landing-demo-topic = Les bases de Kubernetes
accounts-landing-demo-place = Table 3
accounts-landing-demo-want = veut apprendre Rust
accounts-landing-demo-free = libre à 10:30
accounts-landing-demo-ask = Proposer une rencontre
accounts-landing-demo-name-2 = Tomás Reis
accounts-landing-demo-topic-2 = Prendre la parole en public
accounts-landing-demo-place-2 = Vidéo
accounts-landing-how = Comment ça marche
accounts-landing-step-share = Partagez et demandez
accounts-landing-step-share-text = Dites ce que vous pouvez partager et ce que vous voulez apprendre. Voyez qui s'intéresse aux mêmes sujets.
accounts-landing-step-meet = Rencontrez-vous
accounts-landing-step-meet-text = Réservez une courte conversation à une table du salon ou en vidéo, avec des personnes d'autres équipes que la vôtre.
accounts-landing-step-keep = Gardez ce que vous avez appris
accounts-landing-step-keep-text = Après chaque rencontre, ce que chacun a appris rejoint le savoir de votre communauté.
accounts-landing-organize = Réunissez votre monde
accounts-landing-organize-text = Créez en une minute une communauté pour votre événement ou votre équipe, et partagez son lien d'invitation.
accounts-landing-organize-action = Lancer une communauté

accounts-signin-title = Bon retour parmi nous
accounts-signin-lead = Connectez-vous pour rencontrer les membres de vos communautés.
accounts-signin-invited = Connectez-vous pour rejoindre la communauté à laquelle vous êtes invité.
accounts-signin-new-here = Nouveau ici ?

accounts-signup-title = Créez votre compte
accounts-signup-lead = Un seul compte pour toutes les communautés où vous apprenez.
accounts-signup-invited = Créez votre compte, puis rejoignez la communauté à laquelle vous êtes invité.
accounts-name-hint = Visible par les personnes que vous rencontrez.
accounts-password-hint = Au moins 8 caractères.
accounts-email-taken = Un compte existe déjà avec cette adresse e-mail.
accounts-sign-in-instead = Se connecter plutôt
accounts-signup-submit = Créer mon compte
accounts-signup-have-account = Vous avez déjà un compte ?
