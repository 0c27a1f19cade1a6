"""Authentication and access control.

`portal.auth.service` is the only module that knows how people prove who they are
(today: e-mail and an argon2-hashed password). MitID can replace it later without
touching the rest of the portal, which only uses `current_user` and `role_required`.
"""
