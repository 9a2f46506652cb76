# Les recommandations de l'accueil de la communauté : pourquoi un sujet ou une personne est suggéré.
# Les noms et les tags ($host, $tag, $yours, $theirs) sont tels que les gens les ont saisis ; $when est une date et une heure.

# La raison principale, en une phrase courte.
recommendations-line-can-teach = { $host } peut vous apprendre { $tag }.
recommendations-line-related = { $host } propose { $theirs }, proche de { $yours }, que vous voulez apprendre.
recommendations-line-asks = { $host } veut apprendre { $tag }, que vous pouvez partager.
recommendations-line-swap = { $host } peut vous apprendre { $tag } et veut apprendre { $yours } avec vous.
recommendations-line-profile = Ce sujet correspond à votre profil.

# Des pastilles lisibles d'un coup d'œil.
recommendations-chip-offers = propose { $tag }
recommendations-chip-wants = cherche { $tag }
recommendations-chip-profile = proche de votre profil
recommendations-chip-other-team = autre équipe
recommendations-chip-new-contact = nouvelle rencontre
recommendations-chip-both-free = tous deux libres { $when }
recommendations-chip-new = nouveau

# L'explication complète derrière « Pourquoi ? », une phrase par raison.
recommendations-why-you-want = Vous voulez apprendre { $tag }.
recommendations-why-host-offers = { $host } le propose.
recommendations-why-related = Vous voulez apprendre { $yours }, qui va avec { $theirs }.
recommendations-why-profile = Il correspond aux mots de votre profil.
recommendations-why-host-wants-yours = { $host } veut apprendre { $tag }, que vous proposez.
recommendations-why-you-offer = Vous pouvez partager { $tag }.
recommendations-why-host-asks = { $host } le demande.
recommendations-why-host-can-teach = { $host } peut vous apprendre { $tag }.
recommendations-why-other-team = { $host } fait partie d'une autre équipe.
recommendations-why-new-contact = Vous n'avez pas encore rencontré { $host }.
recommendations-why-both-free = Vous êtes tous deux libres le { $when }.
recommendations-why-new-topic = C'est un sujet récent.
