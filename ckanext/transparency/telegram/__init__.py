"""The organization's Telegram channel and bot (issue #18): polls, announcements, questions to
events and appeal status, through Telegram's Bot API."""
