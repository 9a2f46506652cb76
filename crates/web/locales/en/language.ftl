# Choosing a language.
language-name-en = English
language-name-fr = Français
