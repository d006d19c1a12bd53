"""Field encryption for personal data (issue 4: ID numbers), with China's national algorithms:
SM4 in GCM mode for the value and a keyed HMAC-SM3 for an exact-match index, both from the
`cryptography` package.

A stored value is ``version byte ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag``; the version byte
names the key generation so keys can be rotated later without guessing. The index lets the
database find or de-duplicate a value without ever holding it in clear.

Keys come from the environment (RADSAFE_FIELD_KEY: 32 hex digits; RADSAFE_INDEX_KEY: at least
32 hex digits). Outside production, missing keys are derived from SECRET_KEY so the demo and the
tests run; production refuses to start without them (settings.py)."""

import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

FORMAT_VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(Exception):
    """The stored bytes were altered, or were written under another key."""


def _key(setting: str, label: bytes, length: int) -> bytes:
    configured = getattr(settings, setting, "")
    if configured:
        return bytes.fromhex(configured)
    return hashlib.sha256(label + settings.SECRET_KEY.encode()).digest()[:length]


def field_key() -> bytes:
    return _key("RADSAFE_FIELD_KEY", b"radsafe-sm4-field-key:", 16)


def index_key() -> bytes:
    return _key("RADSAFE_INDEX_KEY", b"radsafe-hmac-sm3-index-key:", 32)


def encrypt(plaintext: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(field_key()), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode()) + encryptor.finalize()
    return bytes([FORMAT_VERSION]) + nonce + body + encryptor.tag


def decrypt(stored: bytes) -> str:
    stored = bytes(stored)
    if len(stored) < 1 + NONCE_BYTES + TAG_BYTES or stored[0] != FORMAT_VERSION:
        raise DecryptionError("unknown format")
    nonce = stored[1 : 1 + NONCE_BYTES]
    body, tag = stored[1 + NONCE_BYTES : -TAG_BYTES], stored[-TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(field_key()), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode()
    except InvalidTag as error:
        raise DecryptionError("authentication failed") from error


def blind_index(value: str) -> str:
    """HMAC-SM3 of the normalised value, hex: equal values give equal indexes, and nothing short
    of the key turns an index back into the value."""
    mac = hmac.HMAC(index_key(), hashes.SM3())
    mac.update(value.strip().upper().encode())
    return mac.finalize().hex()
