"""The programme and a delegate's plan as iCalendar, Markdown, and text or JSON for scripts."""
