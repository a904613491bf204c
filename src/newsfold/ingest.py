"""Old path of ``newsfold.read.files``, kept because the README documents ``newsfold.ingest.Limits``."""

from .read.files import ReadItem, read_file, read_paths
from .read.limits import Limits, check_text
from .records import ReadStats

__all__ = ["Limits", "ReadItem", "ReadStats", "check_text", "read_file", "read_paths"]
