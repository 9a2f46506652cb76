# Ce qu'on dit aux membres des événements : messages de la boîte de réception, e-mails et
# invitations d'agenda. Chacun est écrit dans la langue du membre ; $when est une heure dans
# son fuseau horaire, qui le nomme (« mar. 10 déc., 10:30 (Europe/Lisbon) »), et $times une
# liste de telles heures. Les espaces avant : ; ? ! et à l'intérieur des « » sont insécables.

## Mots de repli

notification-someone = Quelqu'un
notification-your-partner = Votre partenaire
notification-a-participant = Un participant
notification-their-message = Son message : { $message }
notification-reason = Motif : { $reason }
notification-place-video = en visio : { $url }
notification-place-unknown = lieu à préciser
# Entre les heures d'une liste.
notification-times-separator = {"\u00A0; "}

## Demandes

notification-request-received-title = { $name } souhaite vous rencontrer
notification-request-received-body =
    { $name } aimerait vous rencontrer au sujet de « { $topic } ». { $count ->
        [one] Horaire proposé
       *[other] Horaires proposés
    } : { $times }.
notification-times-proposed-title = { $name } propose d'autres horaires
notification-times-proposed-body =
    { $name } n'est pas disponible aux horaires proposés pour « { $topic } » et propose : { $times }. { $count ->
        [one] Acceptez-le
       *[other] Acceptez-en un
    }, déclinez, ou proposez d'autres horaires.
notification-request-declined-title = { $name } a décliné votre demande
notification-times-declined-title = { $name } a décliné les horaires que vous avez proposés
notification-request-declined-body = { $name } ne peut pas vous rencontrer au sujet de « { $topic } » cette fois-ci.
notification-request-accepted-title = Votre rencontre est confirmée
notification-request-accepted-body = { $name } a accepté : « { $topic } » le { $when }, { $place }. L'invitation est jointe.

## Rencontres et places

notification-meeting-cancelled-title = Une rencontre a été annulée
notification-meeting-cancelled-body = { $name } a annulé « { $topic } » du { $when }.
notification-meeting-moved-title = Votre rencontre a changé de lieu
notification-meeting-moved-body = « { $topic } » du { $when } a lieu désormais à { $place } : { $old } a été retiré. L'invitation mise à jour est jointe.
notification-waitlist-seat-title = Une place s'est libérée pour vous
notification-waitlist-seat-body = Une place s'est libérée dans « { $topic } » le { $when }, { $place }, et elle est à vous : vous étiez en tête de la liste d'attente. L'invitation est jointe.
notification-seat-offered-title = Une place est libre : { $topic }
notification-seat-offered-body = « { $topic } » commence le { $when }, { $place }, et { $left ->
        [one] une place est encore libre
       *[other] { $left } places sont encore libres
    }. Cela correspond à ce que vous voulez apprendre : prenez une place si vous souhaitez vous joindre au groupe.
notification-mixer-group-title = Vous êtes dans un groupe du brassage
notification-mixer-group-body = Les organisateurs vous ont placé dans « { $topic } » le { $when }, { $place }, avec { $others }. La rencontre est dans vos rencontres et votre agenda ; l'invitation est jointe.
notification-waitlist-seat-host-title = { $name } a pris une place dans votre groupe
notification-waitlist-seat-host-body =
    { $name } a pris une place libérée dans « { $topic } » depuis la liste d'attente ({ $taken } { $taken ->
        [one] place prise
       *[other] places prises
    } sur { $capacity }).
notification-seat-taken-title = { $name } a pris une place dans votre groupe
notification-seat-taken-body =
    { $name } a pris une place dans « { $topic } » le { $when } ({ $taken } { $taken ->
        [one] place prise
       *[other] places prises
    } sur { $capacity }).
notification-seat-left-title = { $name } a libéré sa place dans votre groupe
notification-seat-left-body =
    { $name } a libéré sa place dans « { $topic } » le { $when } ({ $taken } { $taken ->
        [one] place prise
       *[other] places prises
    } sur { $capacity }).
notification-reminder-title = Votre rencontre commence dans 15 minutes
notification-reminder-body = « { $topic } » commence le { $when } : { $place }.

## Pendant et après une rencontre

notification-stand-by-title = { $name } n'a pas encore signalé sa présence
notification-stand-by-body = « { $topic } » a commencé le { $when }. En attendant, vous pouvez vous rabattre sur un sujet proche ou une place libre dans un groupe qui commence maintenant.
notification-partner-waiting-title = { $name } vous attend
notification-partner-waiting-body = « { $topic } » a commencé le { $when } — { $place }. Signalez votre présence en arrivant, ou annulez pour que { $name } puisse rencontrer quelqu'un d'autre.
notification-feedback-asked-title = Comment s'est passée la rencontre « { $topic } » ?
notification-feedback-asked-body = Une chose que vous avez apprise, une chose que vous allez essayer : cela prend une minute et, avec votre accord, ce que vous avez appris rejoint la base de connaissances de la communauté.
notification-recommendations-paused-title = Vos recommandations sont en pause
notification-recommendations-paused-body = Vous avez manqué plusieurs rencontres récemment : nous ne vous suggérons plus aux autres pour l'instant. Revenez en un clic dès que vous le souhaitez.
notification-thanks-title = { $name } vous remercie
notification-thanks-body = Pour « { $topic } » : { $thanks }
notification-check-back-title = Avez-vous essayé ?
notification-check-back-body = Après « { $topic } », vous aviez prévu d'essayer : { $plan }

## Demande et réponses

notification-host-invitation-title =
    { $count } { $count ->
        [one] personne veut
       *[other] personnes veulent
    } apprendre { $tag }
notification-host-invitation-body =
    Vous pouvez partager { $tag }, et { $count } { $count ->
        [one] membre
       *[other] membres
    } de { $community } { $count ->
        [one] veut
       *[other] veulent
    } l'apprendre. Une séance de groupe pourrait les aider tous : publiez une offre de groupe avec un horaire.
notification-answer-posted-title = { $name } a répondu à votre question
notification-answer-posted-body = { $name } a répondu à « { $question } ».

## E-mails : chaque message, avec son lien et la signature de la communauté

email-subject = { $title } · { $community }
email-link = Ouvrir dans peerlearn : { $link }
email-signature = — peerlearn, { $community }

## Invitations d'agenda (.ics)

ics-summary = Rencontre peerlearn : { $topic }
ics-description = Avec { $people }.

notification-webhook-disabled-title = Un webhook a été désactivé
notification-webhook-disabled-body = Les envois vers { $url } échouaient sans cesse : il a été désactivé. Vérifiez le récepteur, puis réactivez-le depuis la page du webhook.
