"""Files: file_id registry, image sizes, and the JSON Telegram returns for media."""

from __future__ import annotations

import base64
import mimetypes
import struct
import zlib
from typing import Any

from .models import StoredFile, UploadedFile, bad_request

__all__ = ["FileStore", "image_size", "make_png"]

PHOTO_LIMIT = 10 * 1024 * 1024
_PREFIX = {"photo": "AgACAgIAAxkBAAI", "document": "BQACAgIAAxkBAAI", "voice": "AwACAgIAAxkBAAI"}
_FOLDER = {"photo": "photos", "document": "documents", "voice": "voice"}


def make_png(width: int, height: int, rgb: tuple[int, int, int] = (200, 80, 40)) -> bytes:
    """A valid solid-colour PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, JPEG, GIF or WebP image; None if it is not one."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in {b"GIF87a", b"GIF89a"} and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        if data[12:16] == b"VP8X":
            width = 1 + int.from_bytes(data[24:27], "little")
            return width, 1 + int.from_bytes(data[27:30], "little")
        if data[12:16] == b"VP8 ":
            width, height = struct.unpack("<HH", data[26:30])
            return int(width) & 0x3FFF, int(height) & 0x3FFF
        if data[12:16] == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker in {0xD8, 0x01} or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if 0xC0 <= marker <= 0xCF and marker not in {0xC4, 0xC8, 0xCC}:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + int(length)
    return None


class FileStore:
    """Files known by file_id: everything uploaded by the bot or sent by scripted users."""

    def __init__(self) -> None:
        self.files: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self._counter = 0

    def add(self, kind: str, data: bytes | None, **fields: Any) -> StoredFile:
        self._counter += 1
        n = self._counter
        token = base64.urlsafe_b64encode(f"{kind}:{n:08d}:emulated".encode()).decode().rstrip("=")
        extension = mimetypes.guess_extension(fields.get("mime_type") or "") or ""
        name = fields.get("file_name")
        if name and "." in name:
            extension = "." + name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=_PREFIX.get(kind, "CAACAgIAAxkBAAI") + token,
            file_unique_id=f"AQAD{n:06d}" + kind[:2],
            kind=kind,
            data=data,
            path=f"{_FOLDER.get(kind, 'files')}/file_{n}{extension}",
            **fields,
        )
        self.files[stored.file_id] = stored
        self.by_path[stored.path] = stored
        return stored

    def resolve(self, value: UploadedFile | str | None, kind: str, field: str) -> StoredFile:
        """A file given to sendPhoto/sendDocument: an upload, a known file_id, or a URL."""
        if value is None:
            raise bad_request(f"there is no {field} in the request")
        if isinstance(value, UploadedFile):
            return self._upload(value, kind)
        if value.lower().startswith(("http://", "https://")):
            if kind == "photo":
                return self.add(kind, None, width=512, height=512, mime_type="image/jpeg")
            name = value.rstrip("/").rsplit("/", 1)[-1] or "file"
            return self.add(kind, None, file_name=name, mime_type=mimetypes.guess_type(name)[0])
        stored = self.files.get(value.strip())
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if stored.kind != kind:
            raise bad_request(
                f"can't use file of type {stored.kind.capitalize()} as {kind.capitalize()}"
            )
        return stored

    def _upload(self, upload: UploadedFile, kind: str) -> StoredFile:
        if not upload.content:
            raise bad_request("file must be non-empty")
        if kind != "photo":
            mime = upload.content_type
            if not mime or mime == "application/octet-stream":
                mime = mimetypes.guess_type(upload.filename)[0] or "application/octet-stream"
            return self.add(kind, upload.content, file_name=upload.filename, mime_type=mime)
        if len(upload.content) > PHOTO_LIMIT:
            raise bad_request("PHOTO_SAVE_FILE_INVALID")
        size = image_size(upload.content)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
        if width == 0 or height == 0 or width + height > 10000 or max(size) > 20 * min(size):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        return self.add("photo", upload.content, width=width, height=height)

    def photo_sizes(self, stored: StoredFile) -> list[dict[str, Any]]:
        """The PhotoSize list Telegram returns: thumbnails up to the (at most 1280px) photo."""
        width, height = stored.width or 512, stored.height or 512
        sizes: list[dict[str, Any]] = []
        longest = max(width, height)
        for limit in (90, 320, 800, 1280):
            if longest <= limit:
                break
            scale = limit / longest
            sizes.append(self._size(stored, round(width * scale), round(height * scale), limit))
        sizes.append(self._size(stored, width, height, 0))
        return sizes

    def _size(self, stored: StoredFile, width: int, height: int, limit: int) -> dict[str, Any]:
        if limit == 0:
            file_id, unique = stored.file_id, stored.file_unique_id
        else:
            file_id, unique = f"{stored.file_id}-{limit}", f"{stored.file_unique_id}{limit}"
            if file_id not in self.files:
                copy = StoredFile(file_id, unique, "photo", stored.data, None, None, width, height)
                copy.path = stored.path
                self.files[file_id] = copy
        size = {"file_id": file_id, "file_unique_id": unique, "width": width, "height": height}
        if stored.data is not None:
            full = max(1, (stored.width or width) * (stored.height or height))
            size["file_size"] = max(1, stored.size * width * height // full)
        return size

    def document_json(self, stored: StoredFile) -> dict[str, Any]:
        data: dict[str, Any] = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        if stored.file_name:
            data["file_name"] = stored.file_name
        if stored.mime_type:
            data["mime_type"] = stored.mime_type
        if stored.data is not None:
            data["file_size"] = stored.size
        return data

    def file_json(self, stored: StoredFile) -> dict[str, Any]:
        data: dict[str, Any] = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id}
        if stored.data is not None:
            data["file_size"] = stored.size
            data["file_path"] = stored.path
        return data
