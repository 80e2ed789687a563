"""The room: board members vote on their own phones over the local network, blind and all at
once, straight into the results file (`goodlooks room`).

`state` holds the room's state and rules and `views` what each page may show, with no server or
terminal in them; `guard` is the front door (Host, Origin, the secret, sizes, budgets); `web` is
the Starlette app over them; `session` saves and serves; `terminal` and `live` are the
facilitator's side; `address` finds the laptop's address and draws the QR code.
"""
