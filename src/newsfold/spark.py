"""Old path of ``newsfold.run.spark``, kept because the README documents ``newsfold.spark.fold``."""

from .run.spark import fold, session

__all__ = ["fold", "session"]
