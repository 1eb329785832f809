"""Dovecot configured as a provider's IMAP is: logins with SASL XOAUTH2 only, each bearer
token validated by Dovecot's own oauth2 passdb (``dovecot-core``'s ``driver = oauth2``), which
asks the test token server's introspection endpoint (RFC 7662, ``introspection_mode = post``)
over HTTPS, trusting the test CA.

The same accounts and folders as ``tests.servers.dovecot``; password logins are refused, as
Exchange Online refuses them. Dovecot checks that the XOAUTH2 user is the token's ``email``.
"""

from __future__ import annotations

from pathlib import Path

from tests.servers.dovecot import DovecotServer

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
        return text.replace(
            "auth_mechanisms = plain login", "auth_mechanisms = xoauth2 oauthbearer"
        )
