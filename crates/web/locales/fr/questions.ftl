# Questions and answers: the list, asking, a question's page with its answers.
questions-title = Questions
questions-intro = Posez vos questions à la communauté ; répondez à ce que vous savez.
questions-ask = Poser une question
questions-search-label = Chercher des questions
questions-search-placeholder = Chercher, par ex. kubernetes
questions-search = Chercher
questions-tag-label = Sujet
questions-all-tags = Tous les sujets
questions-unanswered-only = Sans réponse seulement
questions-clear = Effacer la recherche et les filtres
questions-no-match = Aucune question ne correspond. Essayez moins de mots ou un autre filtre — ou posez-la vous-même.
questions-empty = Aucune question pour l’instant. Posez la première : quelqu’un ici connaît sûrement la réponse.
questions-answered = Résolue
questions-unanswered = Sans réponse
questions-hidden = Masquée
questions-answers = { $count ->
    [0] Réponses
    [one] { $count } réponse
   *[other] { $count } réponses
}
questions-times-in = Fuseau horaire : { $zone }
questions-more = Plus de questions
questions-all = Toutes les questions
questions-hidden-question = Masquée par un modérateur : { $reason }. Seuls vous et les modérateurs la voyez.
questions-hidden-answer = Masquée par un modérateur : { $reason }.
questions-became-topic = Cette question est devenue un sujet de demande :
questions-meet-about-it = rencontrez quelqu’un à ce propos
questions-write-answer = Écrire une réponse
questions-to-topic = Pas encore de bonne réponse ? Faites-en un sujet de demande
questions-to-topic-confirm = Publier cette question comme sujet de demande, pour que les personnes qui peuvent aider vous proposent une rencontre ?
questions-to-topic-yes = En faire un sujet
questions-no-answers = Aucune réponse pour l’instant. Si vous savez quelque chose d’utile, partagez-le ci-dessous.
questions-accepted-answer = Réponse acceptée
questions-helpful-count = { $count ->
    [one] { $count } personne a trouvé cette réponse utile
   *[other] { $count } personnes ont trouvé cette réponse utile
}
questions-accept = Accepter cette réponse
questions-accept-instead = Accepter plutôt celle-ci
questions-helpful = Utile
questions-helpful-on = Vous l’avez trouvée utile · Annuler
questions-your-answer = Votre réponse
questions-markdown-hint = Le Markdown fonctionne : **gras**, listes, liens. Décrivez les images : ![un chat endormi](…).
questions-post-answer = Publier la réponse
questions-ask-intro = Quelqu’un ici connaît sûrement la réponse. Dites ce que vous avez essayé et ce dont vous avez besoin.
questions-field-title = Votre question
questions-field-title-placeholder = Comment dimensionner un cluster Kubernetes pour une petite équipe ?
questions-field-title-hint = Une phrase à laquelle on peut répondre.
questions-field-body = Détails (facultatif)
questions-field-tags = Sujets
questions-field-tags-placeholder = kubernetes, exploitation
questions-field-tags-hint = Séparés par des virgules, pour que les personnes qui savent la trouvent.
questions-post-question = Publier votre question
