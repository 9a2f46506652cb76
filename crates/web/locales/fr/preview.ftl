# Un sujet montré à une personne qui n'a pas rejoint sa communauté (ouverte).
preview-hosted-by = Proposé par { $name }
preview-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
preview-join-to-book = Rejoignez { $community } pour demander une rencontre sur ce sujet.
preview-join = Rejoindre { $community } pour réserver
