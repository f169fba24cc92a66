"""Open dialogue: events, questions from the public, polls, the video archive."""
