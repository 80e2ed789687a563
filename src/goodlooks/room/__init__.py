"""The room: board members vote on their own phones over the local network, blind and all at
once, straight into the results file (`goodlooks room`).

`state` holds the room's state and rules (its parts in `parts`) and `views` what each page may
show, with no server or terminal in them; `guard` is the front door (Host, Origin, the secret,
the join code, sizes, budgets); `web` is the Starlette app over them and `hub` its live streams;
`session` saves and serves, `file_text` making each save's text; `terminal` and `live` are the
facilitator's side; `address` finds the laptop's address and draws the QR code.
"""
