"""The programme and a delegate's plan as iCalendar, Markdown, and text or JSON for scripts."""


class ExportError(Exception):
    """The programme cannot be written in the format asked for; the message says why."""
