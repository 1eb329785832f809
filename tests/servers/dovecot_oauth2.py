"""Dovecot configured as a provider's IMAP is: logins with SASL XOAUTH2 only, each bearer
token validated by Dovecot's own oauth2 passdb (``dovecot-core``'s ``driver = oauth2``), which
asks the test token server's introspection endpoint (RFC 7662, ``introspection_mode = post``)
over HTTPS, trusting the test CA.

The same accounts and folders as ``tests.servers.dovecot``; password logins are refused, as
Exchange Online refuses them. Dovecot checks that the XOAUTH2 user is the token's ``email``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.servers.dovecot import DOVEADM, DovecotServer

OAUTH2_CONF = """\
introspection_mode = post
introspection_url = {url}/introspect
active_attribute = active
active_value = true
force_introspection = yes
username_attribute = email
tls_ca_cert_file = {ca_file}
timeout_msecs = 10000
"""


class DovecotOAuth2Server(DovecotServer):
    """A Dovecot whose only passdb is oauth2, against the token server at ``token_url``."""

    def __init__(self, root: Path, token_url: str, token_ca_file: Path) -> None:
        super().__init__(root)
        self.token_url = token_url
        self.token_ca_file = token_ca_file

    def config_text(self) -> str:
        oauth2 = self.root / "dovecot-oauth2.conf.ext"
        oauth2.write_text(OAUTH2_CONF.format(url=self.token_url, ca_file=self.token_ca_file))
        text = super().config_text()
        passwd_passdb = text[text.index("passdb {") : text.index("}", text.index("passdb {")) + 1]
        text = text.replace(
            passwd_passdb,
            f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
            f"  args = {oauth2}\n}}",
        )
        # No passdb can list users now: the static userdb must take any (doveadm save).
        text = text.replace(
            "  driver = static\n  args = ", "  driver = static\n  args = allow_all_users=yes "
        )
        # As Exchange Online's and Gmail's are: a Sent folder under its own name, marked
        # \\Sent (RFC 6154), there from the start.
        text = text.replace(
            "  separator = /\n",
            '  separator = /\n  mailbox "Sent Items" {\n    special_use = \\Sent\n'
            "    auto = create\n  }\n",
        )
        return text.replace(
            "auth_mechanisms = plain login", "auth_mechanisms = xoauth2 oauthbearer"
        )

    def save(self, user: str, data: bytes, folder: str = "INBOX") -> None:
        """Put a message in ``user``'s ``folder`` (doveadm save: what delivery does)."""
        command = [DOVEADM, "-c", str(self.config), "save", "-u", user, "-m", folder]
        subprocess.run(command, input=data, check=True, capture_output=True)
