# Choix de la langue.
language-name-en = English
language-name-fr = Français
