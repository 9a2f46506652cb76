# La liste des lieux de l'organisateur (tables, salles, salles vidéo).
spots-kind-table = Table
spots-kind-room = Salle
spots-kind-virtual = Salle vidéo
spots-seats = { $count ->
    [one] 1 place
   *[other] { $count } places
}
spots-edit = Modifier
spots-name = Nom
spots-kind = Type
spots-capacity = Places
spots-save = Enregistrer le lieu
spots-remove = Retirer
spots-remove-confirm = Retirer { $name } ? Ses rencontres à venir seront déplacées vers un autre lieu libre du même type, et chaque participant en sera informé.
