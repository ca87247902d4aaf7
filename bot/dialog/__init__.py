"""Where the product meets Telegram's messages: the open question's message (screen), where an
interview goes next and coming back to it (flow), showing cards and posting them to a group
(cards); made for each update, for one person in one chat, by the middleware here."""
