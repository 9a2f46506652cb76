# The organizer's settings: the community, its spots, its invite link and members' roles.
organizer-settings-title = Paramètres
organizer-settings-intro = Le fonctionnement de votre communauté : ses dates et horaires, les lieux de rencontre, qui peut la rejoindre et qui aide à l’organiser.
organizer-community-title = La communauté

organizer-spots-title = Lieux
organizer-spots-intro = Là où se tiennent les rencontres : tables et salles sur place, salles vidéo pour les rencontres à distance.
organizer-spots-count = { $count ->
    [one] 1 lieu de rencontre
   *[other] { $count } lieux de rencontre
}
organizer-spots-empty = Aucun lieu pour l’instant. Ajoutez les tables et les salles où l’on se retrouve, et des salles vidéo pour les rencontres à distance.
organizer-spots-codes = Codes d’enregistrement
organizer-spot-add-title = Ajouter un lieu
organizer-spot-name-placeholder = Table du salon 1
organizer-spot-add = Ajouter le lieu

organizer-invite-title = Inviter des personnes
organizer-invite-only = Partagez ce lien : seules les personnes qui l’ont peuvent rejoindre la communauté.
organizer-invite-open = Partagez ce lien. Toute personne connectée peut aussi rejoindre la communauté depuis la liste des communautés ouvertes.
organizer-invite-label = Lien d’invitation
organizer-invite-new = Créer un nouveau lien
organizer-invite-new-confirm = Créer un nouveau lien d’invitation ? Le lien actuel cessera aussitôt de fonctionner.

organizer-members-title = Membres et rôles
organizer-members-intro = Les organisateurs modifient les paramètres et les rôles de chacun ; les modérateurs masquent les contenus signalés.
organizer-members-find = Trouver un membre
organizer-members-search = Chercher des membres
organizer-members-none = Personne ne correspond à « { $q } ».
organizer-members-all = Afficher tout le monde
organizer-members-next = Membres suivants
organizer-no-team = Sans équipe
organizer-role-label = Rôle de { $name }
organizer-role-change = Modifier
organizer-role-change-yes = Modifier le rôle
organizer-role-confirm = Modifier le rôle de { $name } ? Les organisateurs peuvent modifier les paramètres et les rôles de chacun ; les modérateurs peuvent masquer des contenus.
organizer-role-organizer = Organisateur
organizer-role-moderator = Modérateur
organizer-role-member = Membre
