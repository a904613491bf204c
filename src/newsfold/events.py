"""Old path of ``newsfold.stories.events``, kept because the README documents it for user code."""

from .records import EventUnit
from .stories.events import assign_events, similarities

__all__ = ["EventUnit", "assign_events", "similarities"]
