# La page du compte.
account-title = Votre compte
account-preferences = Langue et heure
account-preferences-invalid = Choisissez une langue et un fuseau horaire dans les listes.
account-language = Langue
account-language-browser = Celle de mon navigateur
account-time-zone = Fuseau horaire
account-time-zone-device = Celui de mon appareil
account-time-zone-now = Les heures sont affichées selon le fuseau { $zone }.
account-time-zone-unknown = Les heures sont affichées dans le fuseau de chaque communauté tant que votre appareil ne nous a pas indiqué le vôtre.
account-save = Enregistrer
account-sign-out = Se déconnecter
account-lead = Qui vous êtes sur peerlearn, et comment les pages s'adressent à vous.
account-preferences-lead = Utilisés sur chaque page et dans les messages que nous vous envoyons.
account-session = Cet appareil
account-session-lead = Déconnectez-vous quand vous avez fini sur un ordinateur partagé.
